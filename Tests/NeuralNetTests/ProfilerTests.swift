import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// Profiler: one row per layer plus loss, optimizer and data; shares add up; the trainer is left exactly
// as it was (the next batches train as if no profile had run); bad arguments are typed errors.

private func adamTrainer(_ model: Sequential, batch: Int = 16) -> Trainer {
    Trainer(model: model, loss: .sparse_categorical_crossentropy, optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01),
            batchSize: batch, seed: 42)
}

@Suite struct ProfilerTests {
    @Test func rowsNameEveryLayerThenLossOptimizerAndData() throws {
        let model = try tinyCNN(dropout: 0.25, batchNorm: true)
        let t = adamTrainer(model)
        let profile = try Profiler.profile(t, on: try smallShapes(), batch: 16, steps: 2)
        #expect(profile.rows.map(\.name) == model.layers.map(\.name) + ["loss", "optimizer", "data", "other"])
        #expect(profile.rows.map(\.part) == Array(repeating: .layer, count: model.layers.count) + [.loss, .optimizer, .data, .other])
        #expect(profile.rows.prefix(model.layers.count).map(\.type) == model.layers.map(\.typeName))
        #expect(profile.batch == 16)
        #expect(profile.steps == 2)
        let shares = profile.rows.map { profile.share(of: $0) }
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
        #expect(shares.allSatisfy { $0 >= 0 })
        // Every layer has a work estimate; convolution and dense do real arithmetic.
        #expect(profile.rows.filter { $0.part == .layer }.allSatisfy { $0.work != nil })
        // The first layer's input needs no gradient: its estimate leaves that product out.
        let conv = try #require(profile.rows[0].work)
        #expect(conv == (try model.layers[0].work(inputShape: model.inputShape, batch: 16)).withoutInputGradient)
        #expect(conv.backwardFLOPs > 0)
        #expect(profile.rows[1].work == (try model.layers[1].work(inputShape: model.outputShapes[0], batch: 16)))
        #expect(profile.stepSeconds > 0)
        // Backward time of the layers with weights is measured (their closures ran).
        #expect(profile.rows[0].backwardSeconds > 0)
    }

    @Test func theTrainerTrainsOnAsIfNoProfileHadRun() throws {
        let data = try smallShapes()
        let profiled = adamTrainer(try tinyCNN(dropout: 0.25, batchNorm: true))
        let plain = adamTrainer(try tinyCNN(dropout: 0.25, batchNorm: true))
        for t in [profiled, plain] { try t.trainBatches(3, on: data, validation: nil) }
        let before = weightSnapshot(profiled.model)
        _ = try Profiler.profile(profiled, on: data, batch: 32, steps: 2)
        #expect(identical(weightSnapshot(profiled.model), before))
        #expect(profiled.optimizer.iterations == plain.optimizer.iterations)
        #expect(profiled.epochPosition(dataCount: data.count) == plain.epochPosition(dataCount: data.count))
        #expect(profiled.batchLosses == plain.batchLosses)
        for t in [profiled, plain] { try t.trainBatches(2, on: data, validation: nil) }
        #expect(identical(weightSnapshot(profiled.model), weightSnapshot(plain.model)))
        #expect(profiled.batchLosses == plain.batchLosses)
    }

    @Test func aBatchLargerThanTheDataIsAllOfIt() throws {
        let data = try smallShapes(count: 10)
        let profile = try Profiler.profile(adamTrainer(try tinyCNN()), on: data, batch: 64, steps: 1)
        #expect(profile.batch == 10)
    }

    @Test(arguments: [
        (16, 0, "profile needs at least 1 step, got 0"),
        (0, 2, "the profiled batch must hold at least 1 example, got 0"),
    ])
    func badArgumentsAreTypedErrors(batch: Int, steps: Int, message: String) throws {
        let error = thrownError { _ = try Profiler.profile(adamTrainer(try tinyCNN()), on: try smallShapes(count: 8), batch: batch, steps: steps) }
        #expect((error as? TrainingError)?.message == message)
    }

    @Test func dataOfAnotherShapeIsRefusedBeforeAnythingRuns() throws {
        let model = try tinyCNN(input: [10, 10, 1])
        let error = thrownError { _ = try Profiler.profile(adamTrainer(model), on: try smallShapes(count: 8), batch: 4, steps: 1) }
        #expect(error as? TrainingError == .inputMismatch(model: [10, 10, 1], data: [12, 12, 1]))
    }
}

@Suite struct LayerWorkTests {
    @Test func convolutionCountsTheProductTwiceMoreBackward() throws {
        let model = try Sequential.seedCNN()
        let conv = model.layers[0]
        let work = try conv.work(inputShape: [28, 28, 1], batch: 2)
        // 2 · N · OH · OW · F · KH · KW · C, plus bias and relu per output value.
        let product = 2 * 2 * 26 * 26 * 32 * 9 * 1
        #expect(work.forwardFLOPs == product + 2 * 2 * 26 * 26 * 32)
        #expect(work.backwardFLOPs == 2 * product)
        #expect(work.bytes > 0)
        // Without the input's gradient (the first layer) only the weights' product remains.
        #expect(work.withoutInputGradient.backwardFLOPs == product)
        #expect(work.withoutInputGradient.forwardFLOPs == work.forwardFLOPs)
        conv.isTrainable = false
        let frozen = try conv.work(inputShape: [28, 28, 1], batch: 2)
        #expect(frozen.backwardFLOPs == product)
        #expect(frozen.withoutInputGradient.backwardFLOPs == 0)
    }

    @Test func denseIsAMatrixProduct() throws {
        let dense = try Dense(units: 10)
        let model = try Sequential(inputShape: [20])
        try model.add(dense)
        let work = try dense.work(inputShape: [20], batch: 4)
        #expect(work.forwardFLOPs == 2 * 4 * 20 * 10 + 2 * 4 * 10)
        #expect(work.backwardFLOPs == 2 * (2 * 4 * 20 * 10))
    }

    @Test func containersAddUpTheirLayersAndOthersCountAsElementwise() throws {
        let model = try Sequential.seedCNN()
        var shape = model.inputShape
        var sum = LayerWork()
        for layer in model.layers {
            sum = sum + (try layer.work(inputShape: shape, batch: 3))
            shape = try layer.outputShape(for: shape)
        }
        #expect(try model.work(inputShape: model.inputShape, batch: 3) == sum)
        let dropout = try Dropout(rate: 0.5)
        #expect(try dropout.work(inputShape: [5, 2], batch: 3).forwardFLOPs == 30)
    }

    @Test func hugeShapesSaturateInsteadOfTrapping() throws {
        let dense = try Dense(units: 1 << 40)
        #expect(try dense.work(inputShape: [1 << 40], batch: 1 << 40).forwardFLOPs == Int.max)
    }
}
