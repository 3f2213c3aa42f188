import Synchronization

/// A request to stop, set from any thread (a UI's Ctrl-C) and read by the thread doing the work.
///
/// One flag serves a whole run: the trainer reads it at every batch boundary, an evaluation pass before
/// every batch, and `SessionRunner` between the lines of a request. Reading does not consume it: it holds
/// until whoever starts the next piece of work calls `clear()` (the session runner does at each request),
/// so every reader along the way sees the same stop.
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the work in progress to stop at its next boundary.
    public func request() { flag.store(true, ordering: .releasing) }
    /// True from `request()` until `clear()`.
    public var isRequested: Bool { flag.load(ordering: .acquiring) }
    /// Withdraws a request, before new work starts.
    public func clear() { flag.store(false, ordering: .releasing) }
}
