import TensorRuntime

/// What a run of source text produces, in order. Only these values cross from the interpreter's
/// worker to a front end (with the monitor's snapshots and a stop request the other way).
public enum RunEvent: Sendable, Equatable {
    /// A command is about to run: its text as typed and where it is.
    case echo(source: String, file: String?, line: Int)
    /// Output of the running command: live progress, epoch lines, then the command's own blocks.
    case block(OutputBlock)
    /// A line failed: it was not applied (a failed command changes nothing).
    case failure(ErrorReport)
    /// The request is over.
    case finished(RunOutcome)
}

/// How a request ended.
public struct RunOutcome: Sendable, Equatable {
    /// Commands run (blank and comment lines not counted).
    public var commands: Int
    /// Lines that failed.
    public var failures: Int
    /// `quit` was run: the front end should end.
    public var quitRequested: Bool
    /// A stop request ended it early (the lines after the stopped one did not run).
    public var stopped: Bool
    /// The `expect` lines of the request that held and failed (a failed expectation is not a failure).
    public var expectations: ExpectationTally

    public init(commands: Int = 0, failures: Int = 0, quitRequested: Bool = false, stopped: Bool = false,
                expectations: ExpectationTally = ExpectationTally()) {
        self.commands = commands
        self.failures = failures
        self.quitRequested = quitRequested
        self.stopped = stopped
        self.expectations = expectations
    }
}

/// Source text to run on the session's worker.
public struct RunRequest: Sendable, Equatable {
    /// One line or a whole session (any line endings).
    public var source: String
    /// The file's name for error locations; nil for typed input (`<input>`).
    public var file: String?
    /// The number of the source's first line (a front end feeding lines one by one counts on).
    public var firstLine: Int
    /// Report each failing line and go on; otherwise the request stops at its first failure.
    public var keepGoing: Bool
    /// Comment lines (each starting with `#`) that explain the source, noted before it runs as if they
    /// stood above it (a lesson cell's explanation): the transcript and `save session` keep them.
    public var comments: [String]

    public init(source: String, file: String? = nil, firstLine: Int = 1, keepGoing: Bool = false, comments: [String] = []) {
        self.source = source
        self.file = file
        self.firstLine = firstLine
        self.keepGoing = keepGoing
        self.comments = comments
    }
}

/// The events of one request, read by the front end that submitted it: `next()` waits for the next
/// event (headless runs), `poll()` takes what is there now (a UI between frames).
public final class RunHandle: Sendable {
    private let events = BlockingQueue<RunEvent>()

    init() {}

    func post(_ event: RunEvent) { events.push(event) }

    /// The next event, waiting for it.
    public func next() -> RunEvent { events.pop() }

    /// Every event available now, without waiting.
    public func poll() -> [RunEvent] { events.drain() }

    /// Waits for the whole request and returns its events, `.finished` last.
    public func wait() -> [RunEvent] {
        var all: [RunEvent] = []
        while true {
            let event = next()
            all.append(event)
            if case .finished = event {
                return all
            }
        }
    }
}
