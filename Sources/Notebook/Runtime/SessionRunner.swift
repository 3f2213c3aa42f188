import Foundation
import TensorRuntime
import NeuralNet

/// The one way every front end runs the language: `gradbook run` (a file or standard input), the
/// notebook, the tests. A session runner owns one worker thread; the `Interpreter` and its `Session`
/// are created on that thread and never leave it. What crosses threads is `Sendable` only: requests
/// in, `RunEvent`s out through a `RunHandle`, the monitor's and the watched heat map's snapshots, and a stop request.
///
/// Requests run one after another in the order submitted. While one runs, another thread can read
/// `monitor.snapshot` (batches, epochs, evaluation progress) and `watched.snapshot` (the heat map of
/// `watch attention`), and call `requestStop()`: training stops at the next batch boundary with the
/// completed batches kept, and the rest of the request is skipped (one `StopFlag`, read by the trainer,
/// evaluation and the runner, and cleared when the next request starts).
public final class SessionRunner: Sendable {
    /// Limits for quick replays of prepared sessions (tests, previews).
    public struct Options: Sendable, Equatable {
        /// Run at most this many epochs per `step`/`train`.
        public var epochsMax: Int?
        /// Load at most this many training images per data set.
        public var subsetMax: Int?
        /// A front end draws `watched` between epochs (the notebook's live panel): `watch attention every=N`
        /// recomputes the heat map every N batches only then. A headless run shows it at epoch ends only.
        public var livePanel: Bool
        public init(epochsMax: Int? = nil, subsetMax: Int? = nil, livePanel: Bool = false) {
            self.epochsMax = epochsMax
            self.subsetMax = subsetMax
            self.livePanel = livePanel
        }
    }

    /// Progress of the running command: training batches and epochs, evaluation and loading.
    public let monitor: TrainingMonitor
    /// The heat map `watch attention` keeps on the live panel.
    public let watched: WatchedAttention
    private let jobs = BlockingQueue<Job>()
    private let stop: StopFlag

    private enum Job: Sendable {
        case run(RunRequest, RunHandle)
        case perform(@Sendable (Interpreter) -> Void)
        case shutdown
    }

    /// Starts the worker thread with a fresh session.
    public init(options: Options = Options()) {
        let monitor = TrainingMonitor()
        let jobs = self.jobs
        let stop = StopFlag()
        let watched = WatchedAttention()
        self.monitor = monitor
        self.watched = watched
        self.stop = stop
        let worker = Thread {
            let interpreter = Interpreter(monitor: monitor, stop: stop, watched: watched)
            interpreter.epochsMax = options.epochsMax
            interpreter.subsetMax = options.subsetMax
            interpreter.livePanel = options.livePanel
            while true {
                switch jobs.pop() {
                case .shutdown:
                    return
                case .perform(let body):
                    body(interpreter)
                case .run(let request, let handle):
                    SessionRunner.execute(request, on: interpreter, handle: handle, stop: stop)
                }
            }
        }
        worker.name = "gradbook-interpreter"
        // Deeply nested input must not overflow a small secondary-thread stack.
        worker.stackSize = 16 << 20
        worker.start()
    }

    deinit { jobs.push(.shutdown) }

    /// Queues `request`; its events arrive through the returned handle.
    public func submit(_ request: RunRequest) -> RunHandle {
        let handle = RunHandle()
        jobs.push(.run(request, handle))
        return handle
    }

    /// Runs `request` and waits for all of its events.
    public func run(_ request: RunRequest) -> [RunEvent] { submit(request).wait() }

    /// Runs `body` on the worker with the interpreter, after the requests already queued, and returns
    /// its result (for reading session state: names for completion, weights in tests).
    public func perform<T: Sendable>(_ body: @escaping @Sendable (Interpreter) -> T) -> T {
        let result = BlockingQueue<T>()
        jobs.push(.perform { interpreter in result.push(body(interpreter)) })
        return result.pop()
    }

    /// Asks the running request to stop: training at the next batch boundary (the completed batches
    /// are kept), and no further lines of that request. Requests submitted later run normally.
    public func requestStop() {
        stop.request()
    }

    /// Runs the lines of `request` on the worker, posting events to `handle`.
    private static func execute(_ request: RunRequest, on interpreter: Interpreter, handle: RunHandle, stop: StopFlag) {
        stop.clear()
        interpreter.emit = { handle.post(.block($0)) }
        defer { interpreter.emit = { _ in } }
        var outcome = RunOutcome()
        for (offset, text) in SourceLines.split(request.source).enumerated() {
            if stop.isRequested {
                outcome.stopped = true
                break
            }
            let number = request.firstLine + offset
            let failed = runLine(text, number: number, request: request, on: interpreter, handle: handle, outcome: &outcome)
            if interpreter.quitRequested {
                outcome.quitRequested = true
                break
            }
            if failed && !request.keepGoing {
                break
            }
        }
        if stop.isRequested {
            outcome.stopped = true
        }
        handle.post(.finished(outcome))
    }

    /// Runs one line; returns true when it failed.
    private static func runLine(_ text: String, number: Int, request: RunRequest, on interpreter: Interpreter,
                                handle: RunHandle, outcome: inout RunOutcome) -> Bool {
        switch Parser.parseLine(text, lineNumber: number) {
        case .success(nil):
            return false
        case .failure(let diagnostic):
            outcome.commands += 1
            outcome.failures += 1
            handle.post(.echo(source: text.trimmingCharacters(in: .whitespaces), file: request.file, line: number))
            handle.post(.failure(diagnostic.report(file: request.file)))
            return true
        case .success(let statement?):
            outcome.commands += 1
            handle.post(.echo(source: statement.source, file: request.file, line: number))
            do {
                for block in try interpreter.execute(statement) {
                    handle.post(.block(block))
                }
                return false
            } catch {
                outcome.failures += 1
                handle.post(.failure(error.report(file: request.file)))
                return true
            }
        }
    }
}
