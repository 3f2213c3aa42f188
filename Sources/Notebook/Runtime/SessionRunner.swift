import Foundation
import TensorRuntime
import NeuralNet

/// The one way every front end runs the language: `gradbook run` (a file or standard input), the
/// notebook, the tests. A session runner owns one worker thread; the `Interpreter` and its `Session`
/// are created on that thread and never leave it. What crosses threads is `Sendable` only: requests
/// in, `RunEvent`s out through a `RunHandle`, the monitor's and the watched heat map's snapshots, and a stop request.
///
/// Requests run one after another in the order submitted. Inspection lines typed while one trains can
/// instead be `interject`ed: they run at the next epoch end of that training (or right after the running
/// request, whichever comes first), ahead of the requests queued behind it, and change nothing of
/// training. While one runs, another thread can read
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
    /// The notebook's cells as sources (`save notebook`): the lines run so far, or what a front end publishes.
    public let notebook: NotebookCells
    private let jobs = BlockingQueue<Job>()
    /// Requests `interject` keeps until the next epoch end or the end of the running request.
    private let interjections = Locked<[Interjection]>([])
    private let stop: StopFlag

    private enum Job: Sendable {
        case run(RunRequest, RunHandle)
        case perform(@Sendable (Interpreter) -> Void)
        /// Runs the interjections still waiting (the worker may be idle when one arrives).
        case drain
        case shutdown
    }

    private struct Interjection: Sendable {
        let request: RunRequest
        let handle: RunHandle
    }

    /// Starts the worker thread with a fresh session.
    public init(options: Options = Options()) {
        let monitor = TrainingMonitor()
        let jobs = self.jobs
        let stop = StopFlag()
        let watched = WatchedAttention()
        let notebook = NotebookCells()
        let interjections = self.interjections
        self.monitor = monitor
        self.watched = watched
        self.notebook = notebook
        self.stop = stop
        let worker = Thread {
            let interpreter = Interpreter(monitor: monitor, stop: stop, watched: watched, notebook: notebook)
            interpreter.epochsMax = options.epochsMax
            interpreter.subsetMax = options.subsetMax
            interpreter.livePanel = options.livePanel
            interpreter.betweenEpochs = { SessionRunner.drain(interjections, on: $0, stop: stop) }
            while true {
                switch jobs.pop() {
                case .shutdown:
                    return
                case .perform(let body):
                    body(interpreter)
                case .drain:
                    break
                case .run(let request, let handle):
                    SessionRunner.execute(request, on: interpreter, handle: handle, stop: stop)
                }
                // What was interjected and not yet run (no epoch ended since) runs now, before the next request.
                stop.clear()
                SessionRunner.drain(interjections, on: interpreter, stop: stop)
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

    /// Queues `request` to run between epochs: at the next epoch end of the `train` or `step` running now,
    /// or when the running request ends, whichever comes first (at once when the worker is idle); ahead of
    /// the requests `submit`ted before it that have not started. Its events arrive through the returned
    /// handle. Meant for lines whose `CommandEffect.mayWaitForTraining`: while training runs, any other
    /// line of it fails with a message and changes nothing. What it runs leaves training as it was: the
    /// weights, the optimiser, the batch order, the random stream and the monitor's history (a `save
    /// weights` saves the weights of the epoch just ended).
    public func interject(_ request: RunRequest) -> RunHandle {
        let handle = RunHandle()
        interjections.withLock { $0.append(Interjection(request: request, handle: handle)) }
        jobs.push(.drain)
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

    /// Runs every interjection waiting, in the order they came, on the worker (between epochs or between
    /// requests). The stream of the request that trains and what `save session` will log of it are put back.
    private static func drain(_ interjections: Locked<[Interjection]>, on interpreter: Interpreter, stop: StopFlag) {
        let emit = interpreter.emit
        let replayedAs = interpreter.replayedAs
        defer {
            interpreter.emit = emit
            interpreter.replayedAs = replayedAs
        }
        while let next = interjections.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            execute(next.request, on: interpreter, handle: next.handle, stop: stop, interjected: true)
        }
    }

    /// Runs the lines of `request` on the worker, posting events to `handle`. An `interjected` request
    /// leaves the stop flag alone (it belongs to the training it runs inside) and, while training runs,
    /// refuses lines that could change it.
    private static func execute(_ request: RunRequest, on interpreter: Interpreter, handle: RunHandle, stop: StopFlag,
                                interjected: Bool = false) {
        if !interjected { stop.clear() }
        interpreter.emit = { handle.post(.block($0)) }
        defer { interpreter.emit = { _ in } }
        var outcome = RunOutcome()
        request.comments.forEach(interpreter.note)
        for (offset, text) in SourceLines.split(request.source).enumerated() {
            if stop.isRequested && !interjected {
                outcome.stopped = true
                break
            }
            let number = request.firstLine + offset
            if !interjected {
                interpreter.notebook.record(text)
            }
            let failed = runLine(text, number: number, request: request, on: interpreter, handle: handle, outcome: &outcome,
                                 inspectOnly: interjected && interpreter.isTraining)
            if interpreter.quitRequested {
                outcome.quitRequested = true
                break
            }
            if failed && !request.keepGoing {
                break
            }
        }
        if stop.isRequested && !interjected {
            outcome.stopped = true
        }
        handle.post(.finished(outcome))
    }

    /// Runs one line; returns true when it failed. With `inspectOnly` a line that could change the
    /// session fails without running.
    private static func runLine(_ text: String, number: Int, request: RunRequest, on interpreter: Interpreter,
                                handle: RunHandle, outcome: inout RunOutcome, inspectOnly: Bool = false) -> Bool {
        switch Parser.parseLine(text, lineNumber: number) {
        case .success(nil):
            interpreter.note(text)
            return false
        case .failure(let diagnostic):
            interpreter.forgetComments()
            outcome.commands += 1
            outcome.failures += 1
            handle.post(.echo(source: text.trimmingCharacters(in: .whitespaces), file: request.file, line: number))
            handle.post(.failure(diagnostic.report(file: request.file)))
            return true
        case .success(let statement?):
            outcome.commands += 1
            handle.post(.echo(source: statement.source, file: request.file, line: number))
            if inspectOnly && !statement.effect.mayWaitForTraining {
                outcome.failures += 1
                let refusal = NotebookError("'\(statement.source)' would change the session while training runs", at: statement.verbRange,
                                            hint: "run it when training ends; between epochs only inspection commands run")
                handle.post(.failure(refusal.report(file: request.file)))
                return true
            }
            let before = interpreter.expectations
            defer { outcome.expectations = outcome.expectations + (interpreter.expectations - before) }
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
