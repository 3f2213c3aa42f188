import Testing
@testable import TerminalUI

@Suite struct KeyMapTests {
    typealias Context = KeyMap.Context

    struct Case: Sendable, CustomTestStringConvertible {
        let key: Key
        let context: Context
        let actions: [KeyMap.Action]
        let testDescription: String
        init(_ key: Key, _ context: Context, _ actions: [KeyMap.Action], _ name: String) {
            self.key = key
            self.context = context
            self.actions = actions
            self.testDescription = name
        }
    }

    static let cases: [Case] = [
        Case(.character("a"), Context(), [.edit([97])], "typing goes to readline"),
        Case(.character("é"), Context(), [.edit([0xC3, 0xA9])], "UTF-8 goes to readline byte by byte"),
        Case(.enter, Context(lineEmpty: false), [.edit([13])], "Enter accepts the line in readline"),
        Case(.up, Context(lineEmpty: true), [.selectPrevious], "Up on an empty line selects a cell"),
        Case(.up, Context(lineEmpty: true, hasCells: false), [.edit(Array("\u{1B}[A".utf8))],
             "Up on a notebook without cells recalls history (issue 16 item 9)"),
        Case(.up, Context(lineEmpty: false), [.edit(Array("\u{1B}[A".utf8))], "Up with text is history"),
        Case(.enter, Context(hasSelection: true), [.runSelected], "Enter on a selected cell runs it again"),
        Case(.character("e"), Context(hasSelection: true), [.editSelected], "e edits the selected cell"),
        Case(.character("f"), Context(hasSelection: true), [.foldSelected], "f folds"),
        Case(.character("x"), Context(hasSelection: true), [.clearSelection, .edit([120])], "other keys leave the selection and type"),
        Case(.character("d"), Context(hasSelection: true), [.deleteSelected], "d asks to delete the selected cell"),
        Case(.character("y"), Context(confirmingDelete: true), [.confirmDelete(true)], "y deletes"),
        Case(.character("d"), Context(confirmingDelete: true), [.confirmDelete(false)], "any other key keeps the cell"),
        Case(.character("i"), Context(hasSelection: true), [.insertAbove], "i inserts a cell above"),
        Case(.character("a"), Context(hasSelection: true), [.insertBelow], "a inserts a cell below"),
        Case(.character("J"), Context(hasSelection: true), [.moveSelected(1)], "J moves the cell down"),
        Case(.character("K"), Context(hasSelection: true), [.moveSelected(-1)], "K moves it up"),
        Case(.altUp, Context(hasSelection: true), [.moveSelected(-1)], "Alt-Up moves it up"),
        Case(.altDown, Context(hasSelection: true, busy: true), [.moveSelected(1)], "Alt-Down while training asks (and is refused), never stops"),
        Case(.character("R"), Context(hasSelection: true), [.runFromSelected], "R runs from the selected cell"),
        Case(.character("R"), Context(hasSelection: true, busy: true), [.runFromSelected], "R while training asks (and is refused)"),
        Case(.altUp, Context(lineEmpty: true), [.edit(Array("\u{1B}[A".utf8))], "Alt-Up without a selection is history's Up"),
        Case(.escape, Context(busy: true, editing: true), [.cancelEdit], "Esc while editing cancels the edit, never stops training"),
        Case(.escape, Context(busy: true, completionOpen: true, editing: true), [.closeCompletion], "the completion list closes first"),
        Case(.up, Context(lineEmpty: true, editing: true), [.edit(Array("\u{1B}[A".utf8))], "Up while editing is history, not selection"),
        Case(.ctrl("n"), Context(hasNextCell: true, editing: true), [.edit([14])], "Ctrl-N while editing does not run the next cell"),
        Case(.escape, Context(busy: true), [.stopRun], "Esc on an empty line with nothing open stops training"),
        Case(.escape, Context(), [], "Esc idle with nothing open does nothing"),
        Case(.escape, Context(lineEmpty: false, busy: true), [.explainStop], "Esc with text while training only explains"),
        Case(.escape, Context(busy: true, completionOpen: true), [.closeCompletion], "Esc closes the completion list first"),
        Case(.escape, Context(busy: true, searching: true), [.edit([7])], "Esc abandons a Ctrl-R search first"),
        Case(.escape, Context(hasSelection: true, busy: true), [.clearSelection], "Esc leaves the selection first"),
        Case(.home, Context(busy: true), [.edit(Array("\u{1B}[H".utf8))], "Home while training edits"),
        Case(.wordLeft, Context(busy: true), [.edit([27, 98])], "Ctrl-Left while training is backward-word"),
        Case(.meta("b"), Context(busy: true), [.edit([27, 98])], "Alt-b while training is backward-word"),
        Case(.ctrl("n"), Context(hasNextCell: true), [.runNextCell], "Ctrl-N runs the next lesson cell"),
        Case(.ctrl("n"), Context(), [.edit([14])], "Ctrl-N without a lesson is readline's next-history"),
        Case(.pageUp, Context(), [.scrollPages(-1)], "PgUp scrolls"),
        Case(.wheelDown, Context(), [.scrollRows(KeyMap.wheelRows)], "the wheel scrolls"),
        Case(.function(1), Context(), [.helpForWord], "F1 is help on the word"),
        Case(.function(2), Context(), [.toggleLivePanel], "F2 toggles the panel"),
        Case(.function(3), Context(), [.toggleLogScale], "F3 toggles the log scale"),
        Case(.character("y"), Context(busy: true, confirmingQuit: true), [.confirmQuit(true)], "y confirms quitting"),
        Case(.character("n"), Context(busy: true, confirmingQuit: true), [.confirmQuit(false)], "anything else does not"),
        Case(.resize, Context(confirmingQuit: true), [.resize], "resizing always re-lays out"),
        Case(.ctrl("l"), Context(), [.redraw], "Ctrl-L redraws"),
    ]

    @Test(arguments: cases)
    func keyGivesActions(_ c: Case) {
        #expect(KeyMap.actions(for: c.key, in: c.context) == c.actions)
    }

    @Test func charactersDecodeFromCursesCodes() {
        #expect(Key.fromCharacter(13) == .enter)
        #expect(Key.fromCharacter(127) == .backspace)
        #expect(Key.fromCharacter(4) == .control(4))
        #expect(Key.fromCharacter(0x4E2D) == .character("中"))
        #expect(Key.ctrl("r") == .control(18))
    }
}
