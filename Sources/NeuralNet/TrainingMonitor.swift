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
        /// The model whose training `lastBatch`, `epochs` and `batchLosses` describe (nil: unnamed).
        public var model: String?
    }

    /// One model's training as the snapshot holds it.
    private struct History {
        var lastBatch: BatchReport?
        var epochs: [EpochRecord] = []
        var batchLosses = LossCurve()
    }

    private struct State {
        var snapshot = Snapshot()
        /// The histories of the other models trained in this session, by name.
        var others: [String: History] = [:]
    }
    private let state = Locked(State())

    public init() {}

    /// Folds `event` of model `model`'s trainer into the snapshot (worker side): when another model
    /// reports, the snapshot shows that model's own history from then on (the one before is kept).
    public func publish(_ event: TrainingEvent, model: String) {
        state.withLock { s in
            if s.snapshot.model != model {
                if let current = s.snapshot.model {
                    s.others[current] = History(lastBatch: s.snapshot.lastBatch, epochs: s.snapshot.epochs,
                                                batchLosses: s.snapshot.batchLosses)
                }
                let history = s.others.removeValue(forKey: model) ?? History()
                s.snapshot.model = model
                s.snapshot.lastBatch = history.lastBatch
                s.snapshot.epochs = history.epochs
                s.snapshot.batchLosses = history.batchLosses
            }
            Self.fold(event, into: &s.snapshot)
        }
    }

    /// Forgets model `model`'s history (it was compiled again: its epochs count from 1).
    public func forget(model: String) {
        state.withLock { s in
            s.others[model] = nil
            if s.snapshot.model == model {
                s.snapshot.version += 1
                s.snapshot.lastBatch = nil
                s.snapshot.epochs = []
                s.snapshot.batchLosses = LossCurve()
            }
        }
    }

    /// Folds `event` into the snapshot (worker side), for whichever model it shows now.
    public func publish(_ event: TrainingEvent) {
        state.withLock { s in Self.fold(event, into: &s.snapshot) }
    }

    private static func fold(_ event: TrainingEvent, into s: inout Snapshot) {
        s.version += 1
        switch event {
        case .running(let running): s.running = running
        case .batchEnd(let b): s.lastBatch = b; s.batchLosses.append(b.loss)
        case .epochEnd(let e): s.epochs.append(e)
        case .stopped: break
        case .task(let t): s.task = t.done >= t.total && t.total > 0 ? nil : t
        }
    }

    /// The latest state.
    public var snapshot: Snapshot { state.withLock { $0.snapshot } }
}
