import Testing
import TensorRuntime
import NeuralNet
import TestSupport

/// Training on every instruction-set path this CPU has (baseline, AVX2, AVX-512 here; NEON on arm64) gives
/// bit-identical losses and weights: a small CNN with batch norm, a tiny transformer (layer norm, attention,
/// GELU, softmax) and an LSTM (sigmoid, tanh).
@Suite("Instruction-set paths", .serialized)
struct InstructionSetPathTests {
    private func trainer(_ model: Sequential) -> Trainer {
        Trainer(model: model, loss: .sparse_categorical_crossentropy, optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01),
                metrics: [.accuracy], batchSize: 16, seed: 42)
    }

    /// Trains `epochs` on `data` with a fresh model from `make` on each path; expects every path's batch
    /// losses, validation loss and weights equal to the first path's.
    private func expectTheSameBitsOnEveryPath(_ data: ArrayData, epochs: Int = 1, _ make: () throws -> Sequential) throws {
        let paths = InstructionSet.available
        #expect(paths.contains(.baseline) && paths.contains(InstructionSet.best))
        let runs = try onEveryPath { isa -> ([Double], [Double?], [String: [Float]]) in
            #expect(InstructionSet.current == isa)
            let t = trainer(try make())
            for _ in 0..<epochs { try t.trainEpoch(on: data, validation: data) }
            return (t.batchLosses, t.history.map(\.validationLoss), weightSnapshot(t.model))
        }
        for (isa, run) in zip(paths, runs).dropFirst() {
            #expect(run.0 == runs[0].0, "\(isa): batch losses differ from \(paths[0])")
            #expect(run.1 == runs[0].1, "\(isa): validation losses differ")
            #expect(identical(run.2, runs[0].2), "\(isa): weights differ")
        }
        #expect(runs[0].0.allSatisfy { $0.isFinite } && runs[0].0.count >= 5)
    }

    /// Random (8, 16) sequences with labels 0..<4.
    private func sequences(count: Int = 96, seed: UInt64 = 5) -> ArrayData {
        var rng = SeededGenerator(seed: seed)
        let inputs = (0..<count * 8 * 16).map { _ in rng.uniform(-1, 1) }
        return ArrayData(sampleShape: [8, 16], inputs: inputs, labels: (0..<count).map { _ in Int32(rng.int(below: 4)) })
    }

    @Test func aCNNWithBatchNormTrainsToTheSameBits() throws {
        try expectTheSameBitsOnEveryPath(try smallShapes()) { try tinyCNN(batchNorm: true) }
    }

    @Test func aTransformerTrainsToTheSameBits() throws {
        try expectTheSameBitsOnEveryPath(sequences()) {
            let m = try Sequential(inputShape: [8, 16], seed: 3)
            try m.add(TransformerBlock(heads: 2, mlpUnits: 32, causal: true))
            try m.add(GlobalAveragePooling1D())
            try m.add(Dense(units: 4, activation: .softmax))
            return m
        }
    }

    @Test func anLSTMTrainsToTheSameBits() throws {
        try expectTheSameBitsOnEveryPath(sequences(count: 80, seed: 6)) {
            let m = try Sequential(inputShape: [8, 16], seed: 4)
            try m.add(RecurrentLayer(.lstm, units: 12))
            try m.add(Dense(units: 4, activation: .softmax))
            return m
        }
    }
}
