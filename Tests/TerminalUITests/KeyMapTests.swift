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
        Case(.up, Context(lineEmpty: false), [.edit(Array("\u{1B}[A".utf8))], "Up with text is history"),
        Case(.enter, Context(hasSelection: true), [.runSelected], "Enter on a selected cell runs it again"),
        Case(.character("e"), Context(hasSelection: true), [.editSelected], "e edits the selected cell"),
        Case(.character("f"), Context(hasSelection: true), [.foldSelected], "f folds"),
        Case(.character("x"), Context(hasSelection: true), [.clearSelection, .edit([120])], "other keys leave the selection and type"),
        Case(.escape, Context(busy: true), [.stopRun], "Esc stops training"),
        Case(.escape, Context(), [.edit([27])], "Esc idle is readline's meta prefix"),
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
