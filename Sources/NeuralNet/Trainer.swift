#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorRuntime

/// Steps a compiled model through training one epoch (or a few batches) at a time.
///
/// Each epoch visits the training data in a fresh order drawn from `seed` and the epoch number, so a
/// seeded session trains identically every time. Batches come from a `BatchLoader` (examples loaded on
/// the thread pool, then `transforms` with per-example random streams); targets are class indices or
/// float tensors, whichever the data set has. Every event (training on and off, each batch and epoch end,
/// a stop, evaluation progress) goes through the one callback `report`, on the training thread; `stop` is
/// read at every batch boundary, and a stop leaves the model with exactly the completed batches' updates.
/// A batch size larger than the data set makes one batch of the whole set.
public final class Trainer {
    public let model: Sequential
    public var loss: Loss
    public var optimizer: Optimizer
    public var metrics: [Metric]
    /// Examples per batch, at least 1 (a smaller value is taken as 1); larger than the data means all of it.
    public var batchSize: Int {
        didSet { if batchSize < 1 { batchSize = 1 } }
    }
    public var schedule: Schedule?
    /// Weight of the layers' own loss terms (a VAE's KL divergence, `ActivityLossLayer`) in the loss; 0 leaves them out.
    public var klWeight: Float = 0
    public var shuffle = true
    /// Applied to every training example, in order (augmentation); never to evaluation or prediction.
    public var transforms: [any ExampleTransform] = []
    public let seed: UInt64
    /// Read before every training and evaluation batch; set from any thread to stop at the next boundary.
    /// The trainer never clears it: whoever starts the next run does.
    public let stop: StopFlag
    /// Where every event goes, in order, on the training thread: forward it to a `TrainingMonitor` for a
    /// watcher on another thread, or handle it in place (the notebook draws progress and refreshes its heat map).
    public var report: (TrainingEvent) -> Void
    /// Finished epochs.
    public internal(set) var history: [EpochRecord] = []
    /// Loss of every training batch so far.
    public internal(set) var batchLosses: [Double] = []
    /// Load the next batches on a background thread while the current one trains (the default).
    /// Batches are the same either way; off, each batch is loaded on the pool before it trains.
    public var prefetch = true
    /// Seconds the last finished epoch's training waited for data: the loading that prefetching did
    /// not hide (all of the loading when `prefetch` is off). Compare with that epoch's `seconds`.
    public private(set) var lastEpochDataWaitSeconds = 0.0

    /// The epoch in progress: its order, how far it got, and running sums.
    struct Progress { var order: [Int]; var position = 0; var lossSum = 0.0; var hits: [Metric: Double] = [:]; var seen = 0; var seconds = 0.0; var dataWait = 0.0 }
    var progress: Progress?

    public init(model: Sequential, loss: Loss, optimizer: OptimizerConfig, metrics: [Metric] = [.accuracy],
                batchSize: Int = 32, schedule: Schedule? = nil, seed: UInt64 = 42, stop: StopFlag = StopFlag(),
                report: @escaping (TrainingEvent) -> Void = { _ in }) {
        self.model = model; self.loss = loss; self.optimizer = Optimizer(optimizer); self.metrics = metrics
        self.batchSize = max(1, batchSize); self.schedule = schedule; self.seed = seed; self.stop = stop; self.report = report
    }

    /// Epochs finished so far.
    public var epochsDone: Int { history.count }
    /// Batches done in the epoch in progress, and how many it has.
    public func epochPosition(dataCount: Int) -> (done: Int, total: Int) {
        let total = batchCount(dataCount)
        return (progress.map { batchCount($0.position) } ?? 0, total)
    }

    /// Trains to the end of the current epoch (a whole epoch when none is in progress), then validates.
    /// Returns nil when stopped early by `stop`.
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
        let loader = try BatchLoader(data: train, transforms: transforms)
        if progress?.order.count != train.count { progress = Progress(order: epochOrder(train.count)) }
        report(.running(true))
        defer { report(.running(false)) }
        let epoch = history.count + 1
        let batches = batchCount(train.count)
        let epochSeed = BatchLoader.epochSeed(seed: seed, epoch: history.count)
        let fused = loss.fusesOutput(model.finalActivation)
        let params = model.trainableParameters
        let context = ForwardContext(training: true)
        var done = 0
        guard let first = progress?.position else { return nil }
        let left = train.count - first
        let wanted = left / batchSize + (left % batchSize == 0 ? 0 : 1)
        let range = first ..< (count >= wanted ? train.count : first + count * batchSize)   // count < wanted: no overflow
        let prefetcher = prefetch && count > 1 && wanted > 1
            ? BatchPrefetcher(loader: loader, order: progress?.order ?? [], range: range, batchSize: batchSize, epochSeed: epochSeed)
            : nil
        defer { prefetcher?.cancel() }
        while done < count, var p = progress, p.position < train.count {
            if stop.isRequested {
                report(.stopped("stopped after \(p.position / batchSize) of \(batches) batches of epoch \(epoch)"))
                return nil
            }
            let start = clock()
            let indices: ArraySlice<Int>
            let batch: Batch
            if let prefetcher {
                guard let next = try prefetcher.next() else { break }
                (indices, batch) = next
            } else {
                indices = p.order[p.position ..< p.position + min(batchSize, train.count - p.position)]
                batch = try loader.batch(indices, epochSeed: epochSeed)
            }
            p.dataWait += clock() - start
            for t in params { t.zeroGrad() }
            // Dropout masks come from the global batch number, so how an epoch is split into calls
            // (trainBatches, stop and resume) does not change what is trained.
            context.rng = SeededGenerator.derived(seed: seed &+ 1, stream: UInt64(batchLosses.count))
            let out = try model.forward(batch.inputs, context, logits: fused)
            var total = try loss.compute(out, targets: batch.targets, fused: fused)
            if let kl = try weightedActivityLoss() { total = try Tensor.add(total, kl) }
            if let reg = try model.regularizationLoss() { total = try Tensor.add(total, reg) }
            let value = Double(total.scalar)
            guard value.isFinite else {
                throw TrainingError.nonFiniteLoss(epoch: epoch, batch: p.position / batchSize + 1, value: value)
            }
            total.backward()
            optimizer.step(params)
            model.applyPruneMasks()
            let threshold: Float = fused && loss == .binary_crossentropy ? 0 : 0.5
            for m in metrics { p.hits[m, default: 0] += m.score(out, targets: batch.targets, threshold: threshold, logits: fused) }
            p.position += indices.count; p.seen += indices.count; p.lossSum += value * Double(indices.count)
            let seconds = clock() - start
            p.seconds += seconds
            progress = p
            batchLosses.append(value)
            done += 1
            let finished = BatchReport(
                epoch: epoch, batch: batchCount(p.position), batches: batches, loss: value,
                runningLoss: p.lossSum / Double(p.seen),
                runningMetrics: Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, $0.finish((p.hits[$0] ?? 0) / Double(p.seen))) }),
                samplesPerSecond: Double(indices.count) / max(seconds, 1e-9))
            report(.batchEnd(finished))
        }
        guard let p = progress, p.position >= train.count else { return nil }
        return try finishEpoch(p, validation: validation)
    }

    private func finishEpoch(_ p: Progress, validation: TrainingData?) throws -> EpochRecord {
        let start = clock()
        // Validation finishes even when a stop was asked for: the stop then applies at the next batch boundary.
        let val = try validation.map { try evaluate($0, label: "validation", stoppable: false) }
        let lr = optimizer.learningRate
        let record = EpochRecord(
            epoch: history.count + 1, loss: p.lossSum / Double(max(p.seen, 1)),
            metrics: Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, $0.finish((p.hits[$0] ?? 0) / Double(max(p.seen, 1)))) }),
            validationLoss: val?.loss, validationMetrics: val?.metrics ?? [:],
            seconds: p.seconds + clock() - start, learningRate: lr, samples: p.seen)
        history.append(record)
        lastEpochDataWaitSeconds = p.dataWait
        progress = nil
        if let schedule {
            let monitored = history.map { $0.validationLoss ?? $0.loss }
            optimizer.learningRate = schedule.next(base: optimizer.config.effectiveLearningRate, current: lr, epoch: history.count, history: monitored)
        }
        report(.epochEnd(record))
        return record
    }

    /// Loss and metrics over `data`, in batches of the training batch size (as Keras validates and evaluates),
    /// without touching the weights. The loss includes
    /// the weight penalties, as the training loss does (and as Keras reports it).
    ///
    /// Each batch is reported as a `.task` labelled `label`; when `stoppable`, a stop request
    /// ends the pass at the next batch boundary with `TrainingError.stopped` (nothing is changed either way).
    public func evaluate(_ data: TrainingData, label: String = "evaluate", stoppable: Bool = true) throws -> (loss: Double, metrics: [String: Double]) {
        guard data.count > 0 else { throw TrainingError.noData("the evaluation set is empty") }
        let fused = loss.fusesOutput(model.finalActivation)
        var lossSum = 0.0, hits: [Metric: Double] = [:]
        try forEachBatch(data, logits: fused, label: label, stoppable: stoppable) { out, targets in
            var batchLoss = try loss.compute(out, targets: targets, fused: fused)
            if let kl = try weightedActivityLoss() { batchLoss = try Tensor.add(batchLoss, kl) }
            lossSum += Double(batchLoss.scalar) * Double(targets.count)
            for m in metrics { hits[m, default: 0] += m.score(out, targets: targets, threshold: fused && loss == .binary_crossentropy ? 0 : 0.5, logits: fused) }
        }
        let penalty = try GradMode.off { try model.regularizationLoss().map { Double($0.scalar) } } ?? 0
        return (lossSum / Double(data.count) + penalty,
                Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, $0.finish((hits[$0] ?? 0) / Double(data.count))) }))
    }

    /// The model's outputs (probabilities when it ends in softmax/sigmoid) for the examples at `indices`.
    /// An index outside the data is the data set's error, thrown here.
    public func predict(_ data: TrainingData, indices: [Int]) throws -> Tensor {
        let batch = try BatchLoader(data: data).batch(indices[...])
        return try GradMode.off { try model.forward(batch.inputs, ForwardContext(training: false)) }
    }

    /// Confusion matrix of the model over `data`.
    public func confusion(_ data: TrainingData, classes: Int) throws -> ConfusionMatrix {
        var cm = ConfusionMatrix(classes: classes)
        try forEachBatch(data, logits: false, label: "confusion", stoppable: true) { out, targets in cm.add(out, labels: targets.classIndices) }
        return cm
    }

    /// Runs the model in inference mode over `data` in batches of `batchSize` (at most 1024), reporting each
    /// batch as a `.task`. The training batch size keeps evaluation's buffers the sizes training already
    /// cached, so validating takes no memory beyond training's.
    private func forEachBatch(_ data: TrainingData, logits: Bool, label: String, stoppable: Bool,
                              _ body: (Tensor, Targets) throws -> Void) throws {
        guard data.sampleShape == model.inputShape else { throw TrainingError.inputMismatch(model: model.inputShape, data: data.sampleShape) }
        let context = ForwardContext(training: false)
        let loader = try BatchLoader(data: data)
        let size = min(batchSize, 1024)
        let total = data.count / size + (data.count % size == 0 ? 0 : 1)
        try GradMode.off {
            var start = 0
            while start < data.count {
                let done = start / size
                report(.task(TaskProgress(label: label, done: done, total: total)))
                if stoppable && stop.isRequested {
                    report(.task(TaskProgress(label: label, done: total, total: total)))
                    throw TrainingError.stopped(what: label, done: done, total: total)
                }
                let batch = try loader.batch(Array(start ..< start + min(size, data.count - start))[...])
                try body(try model.forward(batch.inputs, context, logits: logits), batch.targets)
                start += size
            }
        }
        report(.task(TaskProgress(label: label, done: total, total: total)))
    }

    /// klWeight times the layers' own terms of the last forward pass; nil when the weight is 0 or no layer adds one.
    func weightedActivityLoss() throws -> Tensor? {
        guard klWeight > 0, let term = try model.activityLoss() else { return nil }
        return Tensor.scale(term, klWeight)
    }

    /// Batches needed for `examples` examples: a partial batch counts, and no sum can overflow
    /// (a batch size larger than the data is one batch).
    private func batchCount(_ examples: Int) -> Int {
        let full = examples / batchSize
        return examples % batchSize == 0 ? full : full + 1
    }

    /// The visiting order of the next epoch: the seeded per-epoch permutation
    /// (`SeededGenerator.epochPermutation`, or 0..<n without `shuffle`).
    private func epochOrder(_ n: Int) -> [Int] {
        SeededGenerator.epochPermutation(count: n, seed: seed, epoch: history.count, shuffle: shuffle)
    }

    /// Wall-clock seconds (monotonic).
    private func clock() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
