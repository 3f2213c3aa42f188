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

        public init(lineEmpty: Bool = true, hasSelection: Bool = false, hasCells: Bool = true, busy: Bool = false,
                    hasNextCell: Bool = false, confirmingQuit: Bool = false, completionOpen: Bool = false, searching: Bool = false) {
            self.lineEmpty = lineEmpty
            self.hasSelection = hasSelection
            self.hasCells = hasCells
            self.busy = busy
            self.hasNextCell = hasNextCell
            self.confirmingQuit = confirmingQuit
            self.completionOpen = completionOpen
            self.searching = searching
        }
    }

    /// One thing the screen does.
    public enum Action: Sendable, Hashable {
        /// Feed these bytes to readline.
        case edit([UInt8])
        case selectPrevious, selectNext, clearSelection
        case runSelected, editSelected, foldSelected
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
    }

    /// Rows one wheel notch scrolls.
    public static let wheelRows = 3

    /// The actions for `key` in `context`, in order.
    public static func actions(for key: Key, in context: Context) -> [Action] {
        if key == .resize { return [.resize] }
        if context.confirmingQuit {
            return [.confirmQuit(key == .character("y") || key == .character("Y"))]
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
            case .escape: return [.clearSelection]
            default: return [.clearSelection] + actions(for: key, in: withoutSelection(context))
            }
        }
        switch key {
        case .escape:
            return escape(in: context)
        case .control(14) where context.hasNextCell, .shiftEnter where context.hasNextCell && context.lineEmpty:
            return [.runNextCell]
        case .up where context.lineEmpty && context.hasCells:
            return [.selectPrevious]
        default:
            let bytes = key.readlineBytes
            return bytes.isEmpty ? [] : [.edit(bytes)]
        }
    }

    /// Esc closes the innermost thing open (the help view takes its own keys; the selection is
    /// handled above): the search, then the completion list. Only on an empty line with nothing open
    /// does it stop training; otherwise it does nothing (Alt keys arrive whole, as ``Key/meta``).
    private static func escape(in context: Context) -> [Action] {
        if context.searching {
            // Ctrl-G: readline abandons the search and restores the line.
            return [.edit([7])]
        }
        if context.completionOpen {
            return [.closeCompletion]
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
