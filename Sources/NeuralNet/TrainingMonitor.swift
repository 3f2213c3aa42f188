import Synchronization
import TensorRuntime

/// What one finished batch reports.
public struct BatchReport: Sendable, Equatable {
    public let epoch: Int, batch: Int, batches: Int
    public let loss: Double
    /// Running mean loss and metrics over the epoch so far.
    public let runningLoss: Double
    public let runningMetrics: [String: Double]
    public let samplesPerSecond: Double
}

/// One finished epoch, as `history` shows it.
public struct EpochRecord: Sendable, Equatable {
    public let epoch: Int
    public let loss: Double
    public let metrics: [String: Double]
    public let validationLoss: Double?
    public let validationMetrics: [String: Double]
    public let seconds: Double
    public let learningRate: Float
    public let samples: Int
}

/// Progress of work other than training batches: evaluation passes, data loading.
public struct TaskProgress: Sendable, Equatable {
    /// What is running: `evaluate test`, `load fashion-mnist`.
    public let label: String
    /// Units done so far (batches, files) and how many there are; `total` 0 when unknown.
    public let done: Int, total: Int
    public init(label: String, done: Int, total: Int) {
        self.label = label
        self.done = done
        self.total = total
    }
}

/// Events the trainer (and the notebook, for evaluation and loading) publishes while it runs.
public enum TrainingEvent: Sendable, Equatable {
    case batchEnd(BatchReport)
    case epochEnd(EpochRecord)
    case stopped(String)
    /// Evaluation or loading moved on; a `done == total` report ends the task.
    case task(TaskProgress)
}

/// The thread-safe channel between a training worker and whoever watches (a UI thread, a transcript).
///
/// The worker publishes; readers drain the queued events, or read the latest snapshot whose version
/// changes on every event (a UI redraws only when it changed). `requestStop()` asks the trainer to stop
/// at the next batch boundary.
public final class TrainingMonitor: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var version = 0
        public var lastBatch: BatchReport?
        public var epochs: [EpochRecord] = []
        public var batchLosses: [Double] = []
        public var running = false
        /// The evaluation or load in progress, nil when none is.
        public var task: TaskProgress?
    }
    private struct State { var queue: [TrainingEvent] = []; var snapshot = Snapshot() }
    private let state = Locked(State())
    private let stop = Atomic<Bool>(false)

    public init() {}

    /// Records an event (worker side).
    public func publish(_ event: TrainingEvent) {
        state.withLock { s in
            s.queue.append(event)
            if s.queue.count > 10_000 { s.queue.removeFirst(s.queue.count - 10_000) }
            s.snapshot.version += 1
            switch event {
            case .batchEnd(let b): s.snapshot.lastBatch = b; s.snapshot.batchLosses.append(b.loss)
            case .epochEnd(let e): s.snapshot.epochs.append(e)
            case .stopped: break
            case .task(let t): s.snapshot.task = t.done >= t.total && t.total > 0 ? nil : t
            }
        }
    }

    /// Marks training as running or idle (worker side).
    public func setRunning(_ running: Bool) { state.withLock { $0.snapshot.running = running; $0.snapshot.version += 1 } }

    /// Takes every event published since the last drain.
    public func drain() -> [TrainingEvent] { state.withLock { s in defer { s.queue.removeAll() }; return s.queue } }

    /// The latest state.
    public var snapshot: Snapshot { state.withLock { $0.snapshot } }

    /// Asks the trainer to stop at the next batch boundary.
    public func requestStop() { stop.store(true, ordering: .releasing) }
    /// True once a stop was asked for and not yet consumed.
    public var stopRequested: Bool { stop.load(ordering: .acquiring) }
    /// Clears a stop request (the trainer does this when it honours one).
    public func clearStop() { stop.store(false, ordering: .releasing) }
}
