import Foundation
import Datasets
import NeuralNet
import TensorRuntime

// `train gan` and `watch samples`: a generator and a discriminator trained against each other.
extension Interpreter {
    /// The seed of the fixed codes `watch samples` draws from, apart from the training codes.
    static let watchedCodesSeed: UInt64 = 0x5A_4D_50_1E

    func trainGAN(_ spec: TrainGAN, at range: SourceRange) throws -> [OutputBlock] {
        let data = try imageSplit(try requireData(at: range), Located(.train, range: range, text: "train"), for: "train gan", at: range)
        let g = try ganModel(spec.generator), d = try ganModel(spec.discriminator)
        guard g.name != d.name else {
            throw NotebookError("the generator and the discriminator are both '\(g.name)'", at: spec.discriminator.range,
                                hint: "make two models: `gen = model input=64` and `disc = model input=28x28x1`")
        }
        let shape = data.sampleShape
        guard g.model.outputShape == shape else {
            throw NotebookError("generator '\(g.name)' gives \(ModelSummary.describe(g.model.outputShape)) but the pictures are \(ModelSummary.describe(shape))",
                                at: spec.generator.range, hint: "end it with the pictures' shape, e.g. `conv2dtranspose \(data.channels) 3 sigmoid stride=2 padding=same`")
        }
        guard d.model.inputShape == shape, d.model.outputShape == [1] else {
            throw NotebookError("discriminator '\(d.name)' must take \(ModelSummary.describe(shape)) pictures and give one score, "
                                + "not \(ModelSummary.describe(d.model.inputShape)) -> \(ModelSummary.describe(d.model.outputShape))",
                                at: spec.discriminator.range, hint: "make it `model input=\(ModelFit.dimensions(shape))` ending in `dense 1` (a logit) or `dense 1 sigmoid`")
        }
        let batch = min(session.batchSize, data.count)
        try ModelFit.checkMemory(g.model, batch: batch, at: range)
        try ModelFit.checkMemory(d.model, batch: batch, at: range)
        let gan: GANTrainer
        if let kept = g.gan, kept.discriminator.model === d.model {
            gan = kept
        } else {
            gan = GANTrainer(generator: g.model, discriminator: d.model,
                             optimizer: OptimizerConfig(kind: .adam, learningRate: Float(spec.lr.value)), seed: session.seed)
        }
        gan.ratio = spec.ratio.value
        gan.batchSize = batch
        gan.generator.optimizer.learningRate = Float(spec.lr.value)
        gan.discriminator.optimizer.learningRate = Float(spec.lr.value)
        let saved = gan.snapshot()
        let epochs = min(spec.epochs.value, epochsMax ?? Int.max)
        let firstStep = (gan.discriminatorLosses.count, gan.generatorLosses.count)
        isTraining = true
        defer { isTraining = false }
        do {
            for _ in 0..<epochs {
                let started = Date()
                guard let losses = try gan.trainEpoch(on: data, stop: stop) else {
                    emit(.text("stopped at a step boundary: the steps done are kept", style: .warning))
                    break
                }
                emit(.text(String(format: "epoch %d (%.1fs): d_loss %.4f | g_loss %.4f", gan.epochsDone, Date().timeIntervalSince(started),
                                  losses.discriminator, losses.generator)))
                if let n = session.watchedSamples { emit(try samplesBlock(gan, count: n, generator: g.name)) }
            }
        } catch {
            gan.restore(saved)
            var failure = NotebookError(error, at: range)
            failure.message += "; both models are as they were before this command"
            throw failure
        }
        g.gan = gan
        let dLosses = Array(gan.discriminatorLosses[firstStep.0...]), gLosses = Array(gan.generatorLosses[firstStep.1...])
        let perG = Double(gan.ratio)
        return [.chart(ChartBlock(title: "\(g.name) against \(d.name): losses per step (d_loss = BCE(D(x), 1) + BCE(D(G(z)), 0), g_loss = BCE(D(G(z)), 1))",
                                  xLabel: "discriminator step",
                                  series: [ChartBlock.Series(name: "d_loss", values: dLosses),
                                           ChartBlock.Series(name: "g_loss", points: gLosses.enumerated().map {
                                               ChartBlock.Point(x: Double($0.offset + 1) * perG, y: $0.element) })]))]
    }

    func watchSamples(_ spec: WatchSamples) -> [OutputBlock] {
        session.watchedSamples = spec.count.value
        return [.text("watching samples: after each epoch of `train gan`, the generator draws the same \(spec.count.value) codes", style: .note)]
    }

    /// The generator's pictures of the fixed watched codes.
    func samplesBlock(_ gan: GANTrainer, count: Int, generator: String) throws -> OutputBlock {
        let out = try gan.generate(gan.codes(count: count, seed: Self.watchedCodesSeed))
        let shape = gan.generator.model.outputShape
        let picture = PictureShape(height: shape[0], width: shape[1], channels: shape[2])
        let values = out.array, size = picture.values
        let pictures = (0..<count).map { Array(values[$0 * size ..< ($0 + 1) * size]) }
        let strips = stride(from: 0, to: count, by: Self.picturesPerStrip).map {
            Self.strip(Array(pictures[$0 ..< min(count, $0 + Self.picturesPerStrip)]), picture, caption: "")
        }
        return .images(ImageGridBlock(title: "\(generator) after epoch \(gan.epochsDone): the same \(count) codes each epoch", images: strips))
    }

    private func ganModel(_ name: Located<String>) throws -> ModelEntry {
        guard let m = session.models[name.value] else { throw unknownName(name) }
        guard !m.model.layers.isEmpty else {
            throw NotebookError("model '\(name.value)' has no layers", at: name.range, hint: "add layers to it first (`use \(name.value)`)")
        }
        return m
    }
}
