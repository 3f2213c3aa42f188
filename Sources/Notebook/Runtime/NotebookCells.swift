import TensorRuntime

/// The notebook's cells as sources, handed between the front end that owns them and the worker, where
/// `save notebook` reads them. It lives beside the `TrainingMonitor`, one per session runner.
///
/// A headless run (`gradbook run`) has no cell list of its own: the runner records each line it reaches
/// (commands, comments and blank lines, through ``NotebookSource/Builder``), so the notebook is the lines
/// run so far. The notebook screen keeps the cells and ``publish(_:)``es them before anything of its
/// runs; from the first publish on, nothing is recorded.
public final class NotebookCells: Sendable {
    private struct State: Sendable {
        var recorded = NotebookSource.Builder()
        var published: NotebookSource?
    }
    private let state = Locked(State())

    public init() {}

    /// The cells now: the last published, or the lines recorded.
    public var source: NotebookSource {
        state.withLock { $0.published ?? NotebookSource(cells: $0.recorded.cells) }
    }

    /// Replaces the cells (front end side); the runner stops recording lines.
    public func publish(_ source: NotebookSource) {
        state.withLock { $0.published = source }
    }

    /// Records a line the runner reached (worker side), unless a front end publishes the cells.
    func record(_ line: String) {
        state.withLock { s in
            if s.published == nil {
                s.recorded.add(line)
            }
        }
    }
}
