import TensorRuntime

/// Two models trained against each other: a generator G from codes z ~ N(0, I) to examples, and a
/// discriminator D from examples to one score (a logit, or a probability when D ends in sigmoid).
///
/// Each discriminator step takes a batch of real examples x and as many fakes G(z) (G not trained by
/// it): loss_D = BCE(D(x), 1) + BCE(D(G(z)), 0). After every `ratio` discriminator steps one generator
/// step takes fresh codes with the standard non-saturating loss loss_G = BCE(D(G(z)), 1) (Goodfellow et
/// al. 2014: -log D(G(z)), whose gradient does not vanish while D wins), updating G only. Each model has
/// its own `Trainer` for its optimiser, so `snapshot`/`restore` undo a failed run. Codes, order and
/// dropout masks come from `seed`, the epoch and the step: a seed fixes the whole run.
public final class GANTrainer {
    public let generator: Trainer
    public let discriminator: Trainer
    /// Discriminator steps per generator step, at least 1.
    public var ratio: Int { didSet { if ratio < 1 { ratio = 1 } } }
    public var batchSize: Int { didSet { if batchSize < 1 { batchSize = 1 } } }
    public let seed: UInt64
    /// Every discriminator step's loss, and every generator step's.
    public private(set) var discriminatorLosses: [Double] = []
    public private(set) var generatorLosses: [Double] = []
    /// Finished epochs.
    public private(set) var epochsDone = 0

    public init(generator: Sequential, discriminator: Sequential, optimizer: OptimizerConfig, batchSize: Int = 64, ratio: Int = 1, seed: UInt64 = 42) {
        self.generator = Trainer(model: generator, loss: .binary_crossentropy, optimizer: optimizer, metrics: [], batchSize: batchSize, seed: seed)
        self.discriminator = Trainer(model: discriminator, loss: .binary_crossentropy, optimizer: optimizer, metrics: [], batchSize: batchSize, seed: seed)
        self.ratio = max(ratio, 1)
        self.batchSize = max(batchSize, 1)
        self.seed = seed
    }

    /// Values in one code (the generator's input).
    public var codeSize: Int { generator.model.inputShape.reduce(1, *) }

    /// `count` codes z ~ N(0, I) drawn from `seed`: (count, generator input...).
    public func codes(count: Int, seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor((0..<count * codeSize).map { _ in rng.normal() }, shape: [count] + generator.model.inputShape)
    }

    /// The generator's outputs for codes `z`, in inference mode.
    public func generate(_ z: Tensor) throws -> Tensor {
        try GradMode.off { try generator.model.forward(z, ForwardContext(training: false)) }
    }

    /// One epoch over the examples of `data` (their targets are not read). Returns the epoch's mean
    /// discriminator and generator losses, or nil when `stop` ended it at a step boundary.
    public func trainEpoch(on data: TrainingData, stop: StopFlag) throws -> (discriminator: Double, generator: Double)? {
        guard data.count > 0 else { throw TrainingError.noData("the training set is empty") }
        guard data.sampleShape == discriminator.model.inputShape, generator.model.outputShape == data.sampleShape else {
            throw TrainingError.inputMismatch(model: discriminator.model.inputShape, data: data.sampleShape)
        }
        let loader = try BatchLoader(data: data)
        let order = SeededGenerator.epochPermutation(count: data.count, seed: seed, epoch: epochsDone)
        let fused = Loss.binary_crossentropy.fusesOutput(discriminator.model.finalActivation)
        let dParams = discriminator.model.trainableParameters, gParams = generator.model.trainableParameters
        let context = ForwardContext(training: true)
        var dSum = 0.0, gSum = 0.0, dSteps = 0, gSteps = 0
        var start = 0
        while start < data.count {
            if stop.isRequested { return nil }
            let indices = order[start ..< min(data.count, start + batchSize)]
            start += indices.count
            let real = try loader.batch(indices).inputs
            let n = indices.count, step = UInt64(discriminatorLosses.count)
            context.rng = SeededGenerator.derived(seed: seed &+ 1, stream: step)
            // Discriminator: real towards 1, fakes (no gradient into G) towards 0.
            let fake = try GradMode.off { try generator.model.forward(codes(count: n, seed: seed &+ 2 &+ step &* 2), context) }
            for p in dParams { p.zeroGrad() }
            let dLoss = try Tensor.add(try score(real, target: 1, fused: fused, context), try score(fake, target: 0, fused: fused, context))
            try Self.checkFinite(dLoss, "discriminator", epoch: epochsDone + 1, step: dSteps + 1)
            dLoss.backward()
            discriminator.optimizer.step(dParams)
            discriminatorLosses.append(Double(dLoss.scalar))
            dSum += Double(dLoss.scalar); dSteps += 1
            guard dSteps % ratio == 0 else { continue }
            // Generator: fresh codes, D's verdict pushed towards "real"; only G's weights move.
            for p in gParams + dParams { p.zeroGrad() }
            let gLoss = try score(try generator.model.forward(codes(count: n, seed: seed &+ 3 &+ step &* 2), context), target: 1, fused: fused, context)
            try Self.checkFinite(gLoss, "generator", epoch: epochsDone + 1, step: gSteps + 1)
            gLoss.backward()
            generator.optimizer.step(gParams)
            generatorLosses.append(Double(gLoss.scalar))
            gSum += Double(gLoss.scalar); gSteps += 1
        }
        for p in dParams { p.zeroGrad() }
        epochsDone += 1
        return (dSum / Double(max(dSteps, 1)), gSum / Double(max(gSteps, 1)))
    }

    /// BCE(D(x), target) averaged over the batch.
    private func score(_ x: Tensor, target: Float, fused: Bool, _ context: ForwardContext) throws -> Tensor {
        let out = try discriminator.model.forward(x, context, logits: fused)
        return try Loss.binary_crossentropy.compute(out, targets: .values(Tensor(repeating: target, shape: out.shape)), fused: fused)
    }

    private static func checkFinite(_ loss: Tensor, _ which: String, epoch: Int, step: Int) throws {
        let value = Double(loss.scalar)
        guard value.isFinite else { throw TrainingError.nonFiniteLoss(epoch: epoch, batch: step, value: value) }
    }

    /// Everything `restore` puts back: both models' weights and optimisers, and the loss records.
    public func snapshot() -> (TrainerSnapshot, TrainerSnapshot, Int, Int, Int) {
        (generator.snapshot(), discriminator.snapshot(), discriminatorLosses.count, generatorLosses.count, epochsDone)
    }

    public func restore(_ s: (TrainerSnapshot, TrainerSnapshot, Int, Int, Int)) {
        generator.restore(s.0)
        discriminator.restore(s.1)
        discriminatorLosses.removeLast(max(0, discriminatorLosses.count - s.2))
        generatorLosses.removeLast(max(0, generatorLosses.count - s.3))
        epochsDone = s.4
    }
}
