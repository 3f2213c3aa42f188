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

/// What a trainer reports, in order, through `Trainer.report` (the notebook also reports loading).
public enum TrainingEvent: Sendable, Equatable {
    /// Training started (true) or ended (false): a `trainBatches` call began or returned.
    case running(Bool)
    case batchEnd(BatchReport)
    case epochEnd(EpochRecord)
    case stopped(String)
    /// Evaluation or loading moved on; a `done == total` report ends the task.
    case task(TaskProgress)
}

/// What a watcher on another thread (a UI, a test) sees of training: the events a trainer reports, folded
/// into one snapshot behind a lock.
///
/// The training thread publishes (a trainer's `report` forwards to `publish`); readers take the latest
/// snapshot, whose version changes on every event, so a UI redraws only when it changed. Memory is bounded
/// by the run's epochs: batch losses are kept as a `LossCurve`, and no events are queued.
public final class TrainingMonitor: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var version = 0
        public var lastBatch: BatchReport?
        public var epochs: [EpochRecord] = []
        /// Every batch loss so far, downsampled to at most `LossCurve.defaultCapacity` points.
        public var batchLosses = LossCurve()
        public var running = false
        /// The evaluation or load in progress, nil when none is.
        public var task: TaskProgress?
    }
    private let state = Locked(Snapshot())

    public init() {}

    /// Folds `event` into the snapshot (worker side).
    public func publish(_ event: TrainingEvent) {
        state.withLock { s in
            s.version += 1
            switch event {
            case .running(let running): s.running = running
            case .batchEnd(let b): s.lastBatch = b; s.batchLosses.append(b.loss)
            case .epochEnd(let e): s.epochs.append(e)
            case .stopped: break
            case .task(let t): s.task = t.done >= t.total && t.total > 0 ? nil : t
            }
        }
    }

    /// The latest state.
    public var snapshot: Snapshot { state.withLock { $0 } }
}
