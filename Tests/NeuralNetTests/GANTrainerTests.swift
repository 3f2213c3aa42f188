import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// The GAN trainer: the step counts the ratio asks for, the non-saturating generator loss against a hand
// computation, a run fixed by its seed, and restore undoing a run.

@Suite("GAN trainer")
struct GANTrainerTests {
    /// 8 "pictures" of 4 values and a pair of small models.
    private func setup(ratio: Int = 1) throws -> (GANTrainer, ReconstructionArray) {
        let g = try Sequential(inputShape: [3])
        try g.add(Dense(units: 4, activation: .sigmoid))
        let d = try Sequential(inputShape: [4])
        try d.add(Dense(units: 5, activation: .tanh))
        try d.add(Dense(units: 1))
        let data = ReconstructionArray(sampleShape: [4], inputs: (0..<32).map { Float($0 % 5) / 4 })
        return (GANTrainer(generator: g, discriminator: d, optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01),
                           batchSize: 2, ratio: ratio, seed: 9), data)
    }

    @Test func stepsFollowTheRatio() throws {
        let (gan, data) = try setup(ratio: 2)
        let losses = try #require(try gan.trainEpoch(on: data, stop: StopFlag()))
        #expect(gan.discriminatorLosses.count == 4 && gan.generatorLosses.count == 2)
        #expect(abs(losses.discriminator - gan.discriminatorLosses.reduce(0, +) / 4) < 1e-9)
        #expect(gan.epochsDone == 1)
    }

    @Test func generatorLossIsNonSaturatingBCE() throws {
        // With a learning rate of 0 nothing moves, so the recorded g_loss is -mean(log sigmoid(D(G(z)))) of
        // the step's codes, computed here by hand from the same codes.
        let (gan, data) = try setup()
        gan.generator.optimizer.learningRate = 0
        gan.discriminator.optimizer.learningRate = 0
        _ = try gan.trainEpoch(on: data, stop: StopFlag())
        let z = gan.codes(count: 2, seed: 9 &+ 3)    // the first generator step's codes
        let scores = try GradMode.off { try gan.discriminator.model.forward(try gan.generate(z), ForwardContext(training: false)) }.array
        let expected = scores.map { -log(1 / (1 + exp(-Double($0)))) }.reduce(0, +) / 2
        #expect(abs(gan.generatorLosses[0] - expected) < 1e-5)
    }

    @Test func aSeedFixesTheRunAndRestoreUndoesIt() throws {
        let (a, data) = try setup(), (b, _) = try setup()
        let before = a.snapshot()
        let startWeights = a.generator.model.namedParameters.map(\.parameter.tensor.array)
        for _ in 0..<2 { _ = try a.trainEpoch(on: data, stop: StopFlag()); _ = try b.trainEpoch(on: data, stop: StopFlag()) }
        #expect(a.generatorLosses == b.generatorLosses && a.discriminatorLosses == b.discriminatorLosses)
        #expect(a.generator.model.namedParameters.map(\.parameter.tensor.array) != startWeights)
        a.restore(before)
        #expect(a.generator.model.namedParameters.map(\.parameter.tensor.array) == startWeights)
        #expect(a.generatorLosses.isEmpty && a.epochsDone == 0)
    }

    @Test func aStopEndsAtAStepBoundary() throws {
        let (gan, data) = try setup()
        let stop = StopFlag()
        stop.request()
        #expect(try gan.trainEpoch(on: data, stop: stop) == nil)
        #expect(gan.discriminatorLosses.isEmpty)
    }
}
