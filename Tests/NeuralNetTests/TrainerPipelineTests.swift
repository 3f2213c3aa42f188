import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// The trainer with the data pipeline's newer parts: float-vector targets, augmentation, batch sizes
// beyond the data.

/// Examples with float-vector targets: input (4), target (2) = a fixed linear map of the input.
private struct VectorData: TrainingData {
    let inputs: [Float]
    let targets: [Float]
    var count: Int { inputs.count / 4 }
    var sampleShape: [Int] { [4] }
    var targetKind: TargetKind { .values(shape: [2]) }

    init(count: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let values = (0..<(count * 4)).map { _ in generator.uniform(-1, 1) }
        inputs = values
        targets = (0..<count).flatMap { i -> [Float] in
            let x = Array(values[i * 4 ..< i * 4 + 4])
            return [0.5 * x[0] - x[1] + 0.25, x[2] + 0.5 * x[3] - 0.5]
        }
    }

    func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws {
        for j in 0..<4 { input[j] = inputs[index * 4 + j] }
    }

    func loadTarget(_ index: Int, into target: UnsafeMutableBufferPointer<Float>) throws {
        for j in 0..<2 { target[j] = targets[index * 2 + j] }
    }
}

/// dense 2 (linear) on 4 inputs.
private func linearModel() throws -> Sequential {
    let m = try Sequential(inputShape: [4], seed: 3)
    try m.add(Dense(units: 2))
    return m
}

@Suite("Trainer pipeline")
struct TrainerPipelineTests {
    @Test("A data set with float-vector targets trains with mse: the loss falls far below where it started")
    func vectorTargetsTrainWithMSE() throws {
        let data = VectorData(count: 256, seed: 4)
        let t = Trainer(model: try linearModel(), loss: .mse, optimizer: OptimizerConfig(kind: .adam, learningRate: 0.05),
                        metrics: [], batchSize: 32, seed: 1)
        let before = try t.evaluate(data).loss
        for _ in 0..<20 { try t.trainEpoch(on: data, validation: nil) }
        let after = try t.evaluate(data).loss
        #expect(after < before / 20, "mse \(before) -> \(after)")
        #expect(t.history.count == 20 && t.batchLosses.count == 160)
    }

    @Test("One-hot vector targets give the same categorical loss as their class indices")
    func oneHotMatchesSparse() throws {
        let logits = Tensor([2, -1, 0.5, 0, 0, 3], shape: [2, 3])
        let sparse = try Loss.sparse_categorical_crossentropy.compute(logits, targets: .classes([0, 2]), fused: true).scalar
        let dense = try Loss.categorical_crossentropy.compute(logits, targets: .values(Tensor([1, 0, 0, 0, 0, 1], shape: [2, 3])), fused: true).scalar
        #expect(abs(sparse - dense) < 1e-6)
    }

    @Test("Targets that do not suit the loss or the outputs are typed errors", arguments: [
        (Loss.sparse_categorical_crossentropy, [2], "sparse_categorical_crossentropy needs class-index targets, but this data set has float vectors"),
        (Loss.mse, [3], "the model's outputs have shape (2) but the targets have (3)"),
    ])
    func targetMismatch(loss: Loss, targetShape: [Int], message: String) throws {
        let out = Tensor(zeros: [2, 2])
        let targets = Targets.values(Tensor(zeros: [2] + targetShape))
        let error = thrownError { _ = try loss.compute(out, targets: targets, fused: false) }
        #expect((error as? TrainingError)?.message == message)
        #expect((error as? TrainingError)?.hint != nil)
    }

    @Test("A batch size larger than the data, up to Int.max, trains one batch of the whole set")
    func hugeBatch() throws {
        let data = try smallShapes(count: 40)
        let t = Trainer(model: try tinyCNN(), loss: .sparse_categorical_crossentropy,
                        optimizer: OptimizerConfig(kind: .sgd, learningRate: 0.1), batchSize: Int.max)
        #expect(t.epochPosition(dataCount: data.count) == (0, 1))
        #expect(try t.trainBatches(Int.max, on: data, validation: data) != nil)
        #expect(t.batchLosses.count == 1 && t.history.first?.samples == 40)
        t.batchSize = Int.max - 1
        let record = try #require(try t.trainEpoch(on: data, validation: nil))
        #expect(record.samples == 40 && t.batchLosses.count == 2)
        t.batchSize = 0
        #expect(t.batchSize == 1, "a batch size below 1 is taken as 1")
    }

    @Test("With a flip, training is reproducible and splitting an epoch into calls changes nothing")
    func augmentedTrainingIsDeterministic() throws {
        let data = try smallShapes()
        func trainer() throws -> Trainer {
            let t = Trainer(model: try tinyCNN(), loss: .sparse_categorical_crossentropy,
                            optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01), batchSize: 16, seed: 42)
            t.transforms = [FlipTransform(probability: 0.5)]
            return t
        }
        let whole = try trainer()
        let split = try trainer()
        try whole.trainEpoch(on: data, validation: nil)
        try split.trainBatches(4, on: data, validation: nil)
        try split.trainEpoch(on: data, validation: nil)
        #expect(whole.batchLosses == split.batchLosses)
        #expect(identical(weightSnapshot(whole.model), weightSnapshot(split.model)))
        let plain = Trainer(model: try tinyCNN(), loss: .sparse_categorical_crossentropy,
                            optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01), batchSize: 16, seed: 42)
        try plain.trainEpoch(on: data, validation: nil)
        #expect(plain.batchLosses != whole.batchLosses, "the flip changes what is trained")
        let before = try whole.evaluate(data)
        #expect(try whole.evaluate(data) == before, "evaluation is never augmented")
    }
}
