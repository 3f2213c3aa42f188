/// What a key does on the notebook screen, given what the screen is doing. Pure.
///
/// Keys the screen does not take go to readline (emacs keys, history, Ctrl-R, Tab completion).
public enum KeyMap {
    /// What the screen is doing when a key arrives.
    public struct Context: Sendable, Hashable {
        /// The input line holds no text.
        public var lineEmpty: Bool
        /// A cell is selected (Up on an empty line).
        public var hasSelection: Bool
        /// The notebook has cells (without, Up recalls history as in a shell).
        public var hasCells: Bool
        /// A request runs on the worker.
        public var busy: Bool
        /// A lesson cell waits to be run.
        public var hasNextCell: Bool
        /// The screen asked "quit while training?" and waits for y/n.
        public var confirmingQuit: Bool
        /// A list of Tab completions is on the message line.
        public var completionOpen: Bool
        /// readline's incremental search (Ctrl-R) runs.
        public var searching: Bool
        /// A cell's text is on the input line (`e`, `i`, `a`): Enter puts it back, Esc cancels.
        public var editing: Bool
        /// The screen asked "delete this cell?" and waits for y/n.
        public var confirmingDelete: Bool

        public init(lineEmpty: Bool = true, hasSelection: Bool = false, hasCells: Bool = true, busy: Bool = false,
                    hasNextCell: Bool = false, confirmingQuit: Bool = false, completionOpen: Bool = false, searching: Bool = false,
                    editing: Bool = false, confirmingDelete: Bool = false) {
            self.lineEmpty = lineEmpty
            self.hasSelection = hasSelection
            self.hasCells = hasCells
            self.busy = busy
            self.hasNextCell = hasNextCell
            self.confirmingQuit = confirmingQuit
            self.completionOpen = completionOpen
            self.searching = searching
            self.editing = editing
            self.confirmingDelete = confirmingDelete
        }
    }

    /// One thing the screen does.
    public enum Action: Sendable, Hashable {
        /// Feed these bytes to readline.
        case edit([UInt8])
        case selectPrevious, selectNext, clearSelection
        case runSelected, editSelected, foldSelected
        /// Ask whether to delete the selected cell (`d`); the answer comes as `confirmDelete`.
        case deleteSelected
        /// A new cell above (`i`) or below (`a`) the selected one, its text edited on the input line.
        case insertAbove, insertBelow
        /// Move the selected cell by places (negative: up): `K` / `J`, Alt-Up / Alt-Down.
        case moveSelected(Int)
        /// Run the selected cell and every cell after it from a fresh session (`R`).
        case runFromSelected
        /// Esc while a cell is edited: its text stays as it was.
        case cancelEdit
        /// Scroll the notebook by pages (negative: up).
        case scrollPages(Int)
        /// Scroll the notebook by rows (negative: up).
        case scrollRows(Int)
        case stopRun
        /// Hide the completion list.
        case closeCompletion
        /// Esc on a line with text while training: say how to stop (nothing else happens).
        case explainStop
        case helpForWord
        case toggleLivePanel, toggleLogScale
        case runNextCell
        case redraw, resize
        case confirmQuit(Bool)
        case confirmDelete(Bool)
    }

    /// Rows one wheel notch scrolls.
    public static let wheelRows = 3

    /// The actions for `key` in `context`, in order.
    public static func actions(for key: Key, in context: Context) -> [Action] {
        if key == .resize { return [.resize] }
        let yes = key == .character("y") || key == .character("Y")
        if context.confirmingQuit {
            return [.confirmQuit(yes)]
        }
        if context.confirmingDelete {
            return [.confirmDelete(yes)]
        }
        switch key {
        case .pageUp: return [.scrollPages(-1)]
        case .pageDown: return [.scrollPages(1)]
        case .wheelUp: return [.scrollRows(-wheelRows)]
        case .wheelDown: return [.scrollRows(wheelRows)]
        case .function(1): return [.helpForWord]
        case .function(2): return [.toggleLivePanel]
        case .function(3): return [.toggleLogScale]
        case .control(12): return [.redraw]
        default: break
        }
        if context.hasSelection {
            switch key {
            case .up: return [.selectPrevious]
            case .down: return [.selectNext]
            case .enter: return [.runSelected]
            case .character("e"): return [.editSelected]
            case .character("f"), .character(" "): return [.foldSelected]
            case .character("d"): return [.deleteSelected]
            case .character("i"): return [.insertAbove]
            case .character("a"): return [.insertBelow]
            case .character("J"), .altDown: return [.moveSelected(1)]
            case .character("K"), .altUp: return [.moveSelected(-1)]
            case .character("R"): return [.runFromSelected]
            case .escape: return [.clearSelection]
            default: return [.clearSelection] + actions(for: key, in: withoutSelection(context))
            }
        }
        switch key {
        case .escape:
            return escape(in: context)
        case .control(14) where context.hasNextCell && !context.editing,
             .shiftEnter where context.hasNextCell && context.lineEmpty && !context.editing:
            return [.runNextCell]
        case .up where context.lineEmpty && context.hasCells && !context.editing:
            return [.selectPrevious]
        default:
            let bytes = key.readlineBytes
            return bytes.isEmpty ? [] : [.edit(bytes)]
        }
    }

    /// Esc closes the innermost thing open (the help view takes its own keys; the selection is
    /// handled above): the search, then the completion list, then the edit of a cell. Only on an empty
    /// line with nothing open does it stop training; otherwise it does nothing (Alt keys arrive whole,
    /// as ``Key/meta``).
    private static func escape(in context: Context) -> [Action] {
        if context.searching {
            // Ctrl-G: readline abandons the search and restores the line.
            return [.edit([7])]
        }
        if context.completionOpen {
            return [.closeCompletion]
        }
        if context.editing {
            return [.cancelEdit]
        }
        guard context.busy else { return [] }
        return context.lineEmpty ? [.stopRun] : [.explainStop]
    }

    private static func withoutSelection(_ context: Context) -> Context {
        var copy = context
        copy.hasSelection = false
        return copy
    }
}
