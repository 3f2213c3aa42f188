#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorRuntime
import Datasets

/// Steps a compiled model through training one epoch (or a few batches) at a time.
///
/// Each epoch visits the training data in a fresh order drawn from `seed` and the epoch number, so a
/// seeded session trains identically every time. Progress goes to `monitor`; a stop request is honoured
/// at the next batch boundary, leaving the model with exactly the completed batches' updates.
public final class Trainer {
    public let model: Sequential
    public var loss: Loss
    public var optimizer: Optimizer
    public var metrics: [Metric]
    public var batchSize: Int
    public var schedule: Schedule?
    public var shuffle = true
    public let seed: UInt64
    public let monitor: TrainingMonitor
    /// Finished epochs.
    public internal(set) var history: [EpochRecord] = []
    /// Loss of every training batch so far.
    public internal(set) var batchLosses: [Double] = []
    /// Called on the training thread after each batch (for a caller that trains on its own thread and
    /// draws progress as it goes; a UI on another thread reads `monitor` instead).
    public var onBatch: ((BatchReport) -> Void)?

    /// The epoch in progress: its order, how far it got, and running sums.
    struct Progress { var order: [Int]; var position = 0; var lossSum = 0.0; var hits: [Metric: Int] = [:]; var seen = 0; var seconds = 0.0 }
    var progress: Progress?

    public init(model: Sequential, loss: Loss, optimizer: OptimizerConfig, metrics: [Metric] = [.accuracy],
                batchSize: Int = 32, schedule: Schedule? = nil, seed: UInt64 = 42, monitor: TrainingMonitor = TrainingMonitor()) {
        self.model = model; self.loss = loss; self.optimizer = Optimizer(optimizer); self.metrics = metrics
        self.batchSize = max(1, batchSize); self.schedule = schedule; self.seed = seed; self.monitor = monitor
    }

    /// Epochs finished so far.
    public var epochsDone: Int { history.count }
    /// Batches done in the epoch in progress, and how many it has.
    public func epochPosition(dataCount: Int) -> (done: Int, total: Int) {
        let total = (dataCount + batchSize - 1) / batchSize
        return (progress.map { ($0.position + batchSize - 1) / batchSize } ?? 0, total)
    }

    /// Trains to the end of the current epoch (a whole epoch when none is in progress), then validates.
    /// Returns nil when stopped early by `monitor.requestStop()`.
    @discardableResult
    public func trainEpoch(on train: TrainingData, validation: TrainingData?) throws -> EpochRecord? {
        try trainBatches(Int.max, on: train, validation: validation)
    }

    /// Trains up to `count` batches of the current epoch; when the epoch ends, validates and records it.
    /// Returns the finished epoch's record, or nil when the epoch is still in progress (or was stopped).
    @discardableResult
    public func trainBatches(_ count: Int, on train: TrainingData, validation: TrainingData?) throws -> EpochRecord? {
        guard train.count > 0 else { throw TrainingError.noData("the training set is empty") }
        guard train.sampleShape == model.inputShape else { throw TrainingError.inputMismatch(model: model.inputShape, data: train.sampleShape) }
        if progress == nil || progress!.order.count != train.count { progress = Progress(order: try epochOrder(train.count)) }
        monitor.setRunning(true)
        defer { monitor.setRunning(false) }
        let epoch = history.count + 1, batches = (train.count + batchSize - 1) / batchSize
        let fused = loss.fusesOutput(model.finalActivation)
        let params = model.trainableParameters
        let context = ForwardContext(training: true)
        var done = 0
        while done < count, var p = progress, p.position < train.count {
            if monitor.stopRequested {
                monitor.clearStop()
                monitor.publish(.stopped("stopped after \(p.position / batchSize) of \(batches) batches of epoch \(epoch)"))
                return nil
            }
            let start = clock()
            let indices = p.order[p.position ..< min(p.position + batchSize, train.count)]
            let (x, labels) = batch(train, indices)
            for t in params { t.zeroGrad() }
            // Dropout masks come from the global batch number, so how an epoch is split into calls
            // (trainBatches, stop and resume) does not change what is trained.
            context.rng = SeededGenerator.derived(seed: seed &+ 1, stream: UInt64(batchLosses.count))
            let out = try model.forward(x, context, logits: fused)
            var total = try loss.compute(out, labels: labels, fused: fused)
            if let reg = try model.regularizationLoss() { total = try Tensor.add(total, reg) }
            let value = Double(total.scalar)
            guard value.isFinite else {
                throw TrainingError.nonFiniteLoss(epoch: epoch, batch: p.position / batchSize + 1, value: value)
            }
            total.backward()
            optimizer.step(params)
            let threshold: Float = fused && loss == .binary_crossentropy ? 0 : 0.5
            for m in metrics { p.hits[m, default: 0] += m.correct(out, labels: labels, threshold: threshold) }
            p.position += indices.count; p.seen += indices.count; p.lossSum += value * Double(indices.count)
            let seconds = clock() - start
            p.seconds += seconds
            progress = p
            batchLosses.append(value)
            done += 1
            let report = BatchReport(
                epoch: epoch, batch: (p.position + batchSize - 1) / batchSize, batches: batches, loss: value,
                runningLoss: p.lossSum / Double(p.seen),
                runningMetrics: Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, Double(p.hits[$0] ?? 0) / Double(p.seen)) }),
                samplesPerSecond: Double(indices.count) / max(seconds, 1e-9))
            monitor.publish(.batchEnd(report))
            onBatch?(report)
        }
        guard let p = progress, p.position >= train.count else { return nil }
        return try finishEpoch(p, validation: validation)
    }

    private func finishEpoch(_ p: Progress, validation: TrainingData?) throws -> EpochRecord {
        let start = clock()
        let val = try validation.map { try evaluate($0) }
        let lr = optimizer.learningRate
        let record = EpochRecord(
            epoch: history.count + 1, loss: p.lossSum / Double(max(p.seen, 1)),
            metrics: Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, Double(p.hits[$0] ?? 0) / Double(max(p.seen, 1))) }),
            validationLoss: val?.loss, validationMetrics: val?.metrics ?? [:],
            seconds: p.seconds + clock() - start, learningRate: lr, samples: p.seen)
        history.append(record)
        progress = nil
        if let schedule {
            let monitored = history.map { $0.validationLoss ?? $0.loss }
            optimizer.learningRate = schedule.next(base: optimizer.config.effectiveLearningRate, current: lr, epoch: history.count, history: monitored)
        }
        monitor.publish(.epochEnd(record))
        return record
    }

    /// Loss and metrics over `data`, in batches of 256, without touching the weights. The loss includes
    /// the weight penalties, as the training loss does (and as Keras reports it).
    public func evaluate(_ data: TrainingData) throws -> (loss: Double, metrics: [String: Double]) {
        guard data.count > 0 else { throw TrainingError.noData("the evaluation set is empty") }
        let fused = loss.fusesOutput(model.finalActivation)
        var lossSum = 0.0, hits: [Metric: Int] = [:]
        try forEachBatch(data, logits: fused) { out, labels in
            lossSum += Double(try loss.compute(out, labels: labels, fused: fused).scalar) * Double(labels.count)
            for m in metrics { hits[m, default: 0] += m.correct(out, labels: labels, threshold: fused && loss == .binary_crossentropy ? 0 : 0.5) }
        }
        let penalty = try GradMode.off { try model.regularizationLoss().map { Double($0.scalar) } } ?? 0
        return (lossSum / Double(data.count) + penalty,
                Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, Double(hits[$0] ?? 0) / Double(data.count)) }))
    }

    /// The model's outputs (probabilities when it ends in softmax/sigmoid) for the examples at `indices`.
    public func predict(_ data: TrainingData, indices: [Int]) throws -> Tensor {
        let (x, _) = batch(data, indices[...])
        return try GradMode.off { try model.forward(x, ForwardContext(training: false)) }
    }

    /// Confusion matrix of the model over `data`.
    public func confusion(_ data: TrainingData, classes: Int) throws -> ConfusionMatrix {
        var cm = ConfusionMatrix(classes: classes)
        try forEachBatch(data, logits: false) { out, labels in cm.add(out, labels: labels) }
        return cm
    }

    /// Runs the model in inference mode over `data` in batches of 256.
    private func forEachBatch(_ data: TrainingData, logits: Bool, _ body: (Tensor, [Int32]) throws -> Void) throws {
        guard data.sampleShape == model.inputShape else { throw TrainingError.inputMismatch(model: model.inputShape, data: data.sampleShape) }
        let context = ForwardContext(training: false)
        try GradMode.off {
            var start = 0
            while start < data.count {
                let (x, labels) = batch(data, Array(start ..< min(start + 256, data.count))[...])
                try body(try model.forward(x, context, logits: logits), labels)
                start += 256
            }
        }
    }

    /// Gathers a batch into a tensor (its buffer comes from the cache, so batches reuse memory).
    private func batch(_ data: TrainingData, _ indices: ArraySlice<Int>) -> (Tensor, [Int32]) {
        let shape = [indices.count] + data.sampleShape
        let buffer = Buffer(count: Shape.count(shape))
        var labels = [Int32](repeating: 0, count: indices.count)
        labels.withUnsafeMutableBufferPointer { l in
            data.fill(indices: indices, inputs: UnsafeMutableBufferPointer(start: buffer.pointer, count: buffer.count), labels: l)
        }
        return (Tensor(shape: shape, buffer: buffer), labels)
    }

    /// The visiting order of the next epoch: the data sets' seeded per-epoch permutation (or 0..<n).
    private func epochOrder(_ n: Int) throws -> [Int] {
        try Batcher(count: n, batchSize: batchSize, shuffle: shuffle, seed: seed).permutation(epoch: history.count)
    }

    /// Wall-clock seconds (monotonic).
    private func clock() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
