import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// Magnitude pruning: the exact share zeroed per tensor, ties by position, masks held through training,
// gradients of the remaining weights unchanged, and what is and is not pruned.

@Suite("Pruning")
struct PruningTests {
    @Test("prune zeroes round(n·P/100) values per kernel, smallest |w| first, ties by position; biases are kept")
    func exactShareAndTies() throws {
        let m = try Sequential(inputShape: [3], seed: 1)
        try m.add(Dense(units: 2))
        let kernel = m.namedParameters[0].parameter.tensor, bias = m.namedParameters[1].parameter.tensor
        // kernel (3, 2): |w| = 0.5 0.1 0.1 0.9 0.1 0.3; the three 0.1 tie at positions 1, 2, 4.
        for (i, v) in [Float(0.5), -0.1, 0.1, 0.9, -0.1, 0.3].enumerated() { kernel.buffer.pointer[i] = v }
        for i in 0..<2 { bias.buffer.pointer[i] = 0.01 }
        let results = m.prune(layers: [0], percent: 50)
        #expect(results == [PruneResult(name: "dense_1.kernel", count: 6, zeroed: 3)])
        #expect(kernel.array == [0.5, 0, 0, 0.9, 0, 0.3])
        #expect(bias.array == [0.01, 0.01])
        // 40% of 6 is 2.4 -> 2 values: positions 1 and 2 (ties with 4 broken by position).
        for (i, v) in [Float(0.5), -0.1, 0.1, 0.9, -0.1, 0.3].enumerated() { kernel.buffer.pointer[i] = v }
        m.clearPruneMasks()
        #expect(m.prune(layers: [0], percent: 40).first?.zeroed == 2)
        #expect(kernel.array == [0.5, 0, 0, 0.9, -0.1, 0.3])
        #expect(Sequential.zeroFraction(kernel) == 2.0 / 6)
    }

    @Test("prune all: every kernel loses its own share; pruning less afterwards keeps the sparser mask")
    func allLayersAndCombinedMasks() throws {
        let m = try tinyCNN()
        let results = m.prune(layers: Array(m.layers.indices), percent: 80)
        #expect(results.map(\.name) == ["conv2d_1.kernel", "dense_1.kernel"])
        for r in results { #expect(r.zeroed == Int((Double(r.count) * 0.8).rounded()), "\(r.name)") }
        let again = m.prune(layers: Array(m.layers.indices), percent: 50)
        #expect(again.map(\.zeroed) == results.map(\.zeroed))
        #expect(m.pruneMasks.count == 2)
    }

    @Test("masks keep pruned weights at zero through training while the others keep learning")
    func masksHoldThroughTraining() throws {
        let m = try tinyCNN()
        let data = try smallShapes(count: 64)
        m.prune(layers: Array(m.layers.indices), percent: 60)
        let before = weightSnapshot(m)
        let trainer = Trainer(model: m, loss: .sparse_categorical_crossentropy,
                              optimizer: OptimizerConfig(kind: .adam, learningRate: 1e-2), batchSize: 16, seed: 3)
        _ = try trainer.trainEpoch(on: data, validation: nil)
        let after = weightSnapshot(m)
        for mask in m.pruneMasks {
            let values = mask.tensor.array, old = before[mask.name] ?? []
            for (i, keep) in mask.keep.enumerated() {
                if keep { continue }
                #expect(values[i] == 0, "\(mask.name)[\(i)] revived")
            }
            let moved = mask.keep.indices.filter { mask.keep[$0] && values[$0] != old[$0] }.count
            #expect(moved > mask.keep.filter { $0 }.count / 2, "\(mask.name): the kept weights train")
        }
        #expect(!identical(before, after))
    }

    @Test("a pruned model's gradients match finite differences (the mask changes values, not the graph)")
    func gradientsOfAPrunedModel() throws {
        let m = try Sequential(inputShape: [5], seed: 4)
        try m.add(Dense(units: 4, activation: .tanh))
        try m.add(Dense(units: 3))
        m.prune(layers: [0, 1], percent: 50)
        let x = randomTensor([2, 5], seed: 5)
        let weights = m.namedParameters.map(\.parameter.tensor)
        let result = try gradientCheck(inputs: weights) { try m.forward(x, ForwardContext(training: false)) }
        #expect(result.passed, "\(result)")
    }

    @Test("zero fraction counts exact zeros; nothing to prune in a layer without a kernel")
    func zeroFractionAndNothingToPrune() throws {
        #expect(Sequential.zeroFraction(Tensor([0, 1, 0, 2], shape: [4])) == 0.5)
        let m = try tinyCNN()
        #expect(m.prunableWeights(layers: [1, 2]).isEmpty)   // pooling, flatten
        #expect(m.prune(layers: [1], percent: 90).isEmpty)
    }
}
