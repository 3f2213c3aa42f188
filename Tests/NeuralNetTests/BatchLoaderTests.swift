import Testing
import TensorRuntime
import Datasets
import NeuralNet
import TestSupport

// The data pipeline: examples loaded on the pool, the transform stage with per-example streams, the one
// epoch permutation, and batch sizes larger than the data.

/// Eight 2x3x2 examples whose values are 100·example + position, so every value says where it came from.
private func numbered(count: Int = 8) -> ArrayData {
    let size = 2 * 3 * 2
    let inputs = (0..<(count * size)).map { Float(($0 / size) * 100 + $0 % size) }
    return ArrayData(sampleShape: [2, 3, 2], inputs: inputs, labels: (0..<count).map { Int32($0 % 3) })
}

@Suite("BatchLoader")
struct BatchLoaderTests {
    @Test("Without transforms a batch holds the examples at the indices, in order, with their labels")
    func plainBatch() throws {
        let data = numbered()
        let batch = try BatchLoader(data: data).batch([5, 0, 7][...])
        #expect(batch.inputs.shape == [3, 2, 3, 2])
        #expect(Array(batch.inputs.array[0..<12]) == Array(data.inputs[60..<72]))
        #expect(Array(batch.inputs.array[12..<24]) == Array(data.inputs[0..<12]))
        #expect(batch.targets.classIndices == [2, 0, 1])
    }

    @Test("The same epoch seed gives the same batch; another seed flips other examples")
    func sameSeedSameBatch() throws {
        let loader = try BatchLoader(data: numbered(count: 64), transforms: [FlipTransform(probability: 0.5)])
        let order = SeededGenerator.epochPermutation(count: 64, seed: 5, epoch: 0)
        let a = try loader.batch(order[0..<64], epochSeed: 11)
        let b = try loader.batch(order[0..<64], epochSeed: 11)
        let c = try loader.batch(order[0..<64], epochSeed: 12)
        #expect(bitIdentical(a.inputs.array, b.inputs.array))
        #expect(a.inputs.array != c.inputs.array)
        let plain = try BatchLoader(data: numbered(count: 64)).batch(order[0..<64])
        let flipped = (0..<64).filter { k in Array(a.inputs.array[k * 12 ..< k * 12 + 12]) != Array(plain.inputs.array[k * 12 ..< k * 12 + 12]) }
        #expect(flipped.count > 16 && flipped.count < 48, "about half of 64 examples flipped: \(flipped.count)")
    }

    @Test("A batch's random streams follow the example's position, not the split into batches")
    func streamsFollowPositions() throws {
        let loader = try BatchLoader(data: numbered(count: 32), transforms: [FlipTransform(probability: 0.5)])
        let order = SeededGenerator.epochPermutation(count: 32, seed: 9, epoch: 3)
        let whole = try loader.batch(order[0..<32], epochSeed: 4).inputs.array
        let halves = try loader.batch(order[0..<16], epochSeed: 4).inputs.array + loader.batch(order[16..<32], epochSeed: 4).inputs.array
        #expect(bitIdentical(whole, halves))
    }

    @Test("Thread counts 1, 2 and 3 give bit-identical batches", .serialized, arguments: [1, 2, 3])
    func threadCounts(_ threads: Int) throws {
        let pool = ThreadPool.shared
        let before = pool.threadCount
        defer { pool.setThreadCount(before) }
        let data = ArrayData(try Shapes.make(count: 96, classes: 3, size: 16, seed: 2))
        let loader = try BatchLoader(data: data, transforms: [FlipTransform(probability: 0.5)])
        let order = SeededGenerator.epochPermutation(count: 96, seed: 3, epoch: 1)
        pool.setThreadCount(1)
        let reference = try loader.batch(order[8..<72], epochSeed: 21)
        pool.setThreadCount(threads)
        let batch = try loader.batch(order[8..<72], epochSeed: 21)
        #expect(bitIdentical(batch.inputs.array, reference.inputs.array))
        #expect(batch.targets.classIndices == reference.targets.classIndices)
    }

    @Test("A transform that does not fit the examples is the transform's typed error, thrown by the loader")
    func transformErrors() throws {
        let flat = ArrayData(sampleShape: [4], inputs: [0, 1, 2, 3], labels: [0])
        let error = thrownError { _ = try BatchLoader(data: flat, transforms: [FlipTransform()]) }
        #expect(error as? TrainingError == .transformMismatch(transform: "random flip", shape: [4], expected: "images (height, width, channels)"))
    }

    @Test("An example the data set cannot give is its error, thrown, not a trap")
    func loadErrorsPropagate() throws {
        let t = Trainer(model: try tinyCNN(), loss: .sparse_categorical_crossentropy, optimizer: OptimizerConfig(kind: .sgd, learningRate: 0.1))
        let data = try smallShapes(count: 8)
        #expect(throws: TrainingError.noData("example 99 is outside 0..<8")) { _ = try t.predict(data, indices: [0, 99]) }
    }

    @Test("The epoch order is the documented seeded permutation, pinned: reproducible, new each epoch, identity unshuffled")
    func onePermutation() throws {
        #expect(SeededGenerator.epochPermutation(count: 10, seed: 42, epoch: 0) == [9, 1, 4, 2, 8, 7, 6, 5, 3, 0])
        var generator = SeededGenerator.derived(seed: 9, stream: 4)
        var expected = Array(0..<50)
        generator.shuffle(&expected)
        #expect(SeededGenerator.epochPermutation(count: 50, seed: 9, epoch: 4) == expected)
        let orders = (0..<3).map { SeededGenerator.epochPermutation(count: 100, seed: 42, epoch: $0) }
        #expect(orders.allSatisfy { $0.sorted() == Array(0..<100) })
        #expect(orders[0] != orders[1] && orders[1] != orders[2] && orders[0] != Array(0..<100))
        #expect(SeededGenerator.epochPermutation(count: 100, seed: 42, epoch: 1) == orders[1])
        #expect(SeededGenerator.epochPermutation(count: 100, seed: 43, epoch: 1) != orders[1])
        #expect(SeededGenerator.epochPermutation(count: 5, seed: 7, epoch: 2, shuffle: false) == [0, 1, 2, 3, 4])
        #expect(SeededGenerator.epochPermutation(count: -3, seed: 7, epoch: 0).isEmpty)
    }
}
