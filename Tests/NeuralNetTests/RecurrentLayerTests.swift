import Testing
import TensorRuntime
import NeuralNet
import TestSupport

/// Keras's parameter counts (shared/notes/keras-facts.md) for U units over D features.
func kerasRecurrentParameters(_ cell: RecurrentCell, units u: Int, features d: Int) -> Int {
    switch cell {
    case .simple: u * d + u * u + u
    case .lstm: 4 * (u * d + u * u + u)
    case .gru(resetAfter: true): 3 * (u * d + u * u + 2 * u)
    case .gru(resetAfter: false): 3 * (u * d + u * u + u)
    }
}

/// The test support's name for a layer's cell.
private func reference(_ cell: RecurrentCell) -> ReferenceCell {
    switch cell {
    case .simple: .simple
    case .lstm: .lstm
    case .gru(resetAfter: true): .gru
    case .gru(resetAfter: false): .gruResetBefore
    }
}

/// A built layer over (steps, features) with a random (non-zero) bias.
private func builtRecurrent(_ cell: RecurrentCell, units: Int, steps: Int, features: Int, sequences: Bool,
                            seed: UInt64 = 1) throws -> RecurrentLayer {
    let layer = try RecurrentLayer(cell, units: units, returnSequences: sequences)
    layer.name = cell.nameStem + "_1"
    var rng = SeededGenerator(seed: seed)
    layer.build(inputShape: [steps, features], rng: &rng)
    randomize(layer.bias, seed: seed + 7, range: -0.4...0.4)
    return layer
}

@Suite struct RecurrentLayerTests {
    static let cells: [RecurrentCell] = [.simple, .lstm, .gru(resetAfter: true), .gru(resetAfter: false)]

    @Test func parameterCountsAreKeras() throws {
        // The documented examples.
        #expect(try RecurrentLayer(.lstm, units: 32).weightCount(inputShape: [10, 16]) == 6_272)
        #expect(try RecurrentLayer(.gru(resetAfter: true), units: 32).weightCount(inputShape: [10, 32]) == 6_336)
        #expect(try RecurrentLayer(.simple, units: 32).weightCount(inputShape: [10, 32]) == 2_080)
        for cell in Self.cells {
            for (units, features) in [(32, 16), (1, 1), (7, 5), (64, 300)] {
                let expected = kerasRecurrentParameters(cell, units: units, features: features)
                let layer = try RecurrentLayer(cell, units: units)
                #expect(try layer.weightCount(inputShape: [4, features]) == expected, "\(cell) \(units) on \(features)")
                var rng = SeededGenerator(seed: 1)
                layer.build(inputShape: [4, features], rng: &rng)
                #expect(layer.parameters.reduce(0) { $0 + $1.tensor.count } == expected)
                #expect(layer.parameters.map(\.name) == ["kernel", "recurrent_kernel", "bias"])
            }
        }
    }

    @Test(arguments: cells, [true, false])
    func outputMatchesTheEquations(cell: RecurrentCell, sequences: Bool) throws {
        let layer = try builtRecurrent(cell, units: 5, steps: 4, features: 3, sequences: sequences)
        let x = randomTensor([2, 4, 3], seed: 9)
        let y = try layer(x, ForwardContext(training: false))
        #expect(y.shape == (sequences ? [2, 4, 5] : [2, 5]))
        #expect(try layer.outputShape(for: [4, 3]) == Array(y.shape.dropFirst()))
        let all = recurrentReference(reference(cell), x: x, kernel: try #require(layer.kernel),
                                     recurrent: try #require(layer.recurrentKernel), bias: try #require(layer.bias))
        let expected = sequences ? all : (0..<2).flatMap { n in all[((n * 4 + 3) * 5)..<((n * 4 + 4) * 5)] }
        let worst = zip(y.array, expected).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-5, "max difference \(worst)")
    }

    @Test(arguments: cells, [true, false])
    func gradientsReachTheInputAndEveryWeight(cell: RecurrentCell, sequences: Bool) throws {
        let layer = try builtRecurrent(cell, units: 3, steps: 4, features: 2, sequences: sequences, seed: 3)
        let x = randomTensor([2, 4, 2], seed: 4, requiresGrad: true)
        let weights = layer.parameters.map(\.tensor)
        let result = try gradientCheck(inputs: [x] + weights, tolerance: GradTolerance(relative: 2e-2, absolute: 2e-3)) {
            try layer(x, ForwardContext(training: true))
        }
        #expect(result.passed, "\(result)")
        #expect(result.checked == ([x] + weights).reduce(0) { $0 + $1.count })
    }

    @Test func initialisersAreKeras() throws {
        let lstm = try builtRecurrent(.lstm, units: 6, steps: 3, features: 4, sequences: false)
        var rng = SeededGenerator(seed: 5)
        lstm.build(inputShape: [3, 5], rng: &rng)   // new features: weights drawn again, bias as Keras starts it
        let bias = try #require(lstm.bias).array
        #expect(bias[0..<6].allSatisfy { $0 == 0 } && bias[6..<12].allSatisfy { $0 == 1 } && bias[12...].allSatisfy { $0 == 0 })
        // Glorot uniform on (D, 4U): limit sqrt(6 / (D + 4U)).
        let limit = (6 / Float(5 + 24)).squareRoot()
        #expect(try #require(lstm.kernel).array.allSatisfy { abs($0) <= limit })
        // Orthogonal (U, 4U): orthonormal rows, R·Rᵀ = I.
        let r = try #require(lstm.recurrentKernel).array
        for i in 0..<6 {
            for j in 0..<6 {
                let dot = (0..<24).reduce(Float(0)) { $0 + r[i * 24 + $1] * r[j * 24 + $1] }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-5, "row \(i)·row \(j) = \(dot)")
            }
        }
        let gru = try builtRecurrent(.gru(resetAfter: true), units: 4, steps: 3, features: 2, sequences: false)
        #expect(try #require(gru.bias).shape == [2, 12])
        let square = Initializer.orthogonal(rows: 7, cols: 7, rng: &rng).array
        for i in 0..<7 { #expect(abs((0..<7).reduce(Float(0)) { $0 + square[$1 * 7 + i] * square[$1 * 7 + i] } - 1) < 1e-5) }
    }

    /// Several blocks of vectors (70 > 2 x 32) orthogonalised by GEMMs: QᵀQ = I for tall, wide and square shapes.
    @Test(arguments: [(70, 280), (280, 70), (70, 70)])
    func orthogonalIsOrthonormalAcrossBlocks(rows: Int, cols: Int) {
        var rng = SeededGenerator(seed: 11)
        let m = Initializer.orthogonal(rows: rows, cols: cols, rng: &rng).array
        let short = min(rows, cols), long = max(rows, cols)
        func entry(_ vector: Int, _ e: Int) -> Double { Double(rows <= cols ? m[vector * cols + e] : m[e * cols + vector]) }
        var worst = 0.0
        for a in 0..<short {
            for b in a..<short {
                let dot = (0..<long).reduce(0.0) { $0 + entry(a, $1) * entry(b, $1) }
                worst = max(worst, abs(dot - (a == b ? 1 : 0)))
            }
        }
        #expect(worst < 1e-5, "largest deviation from the identity \(worst)")
    }

    @Test func aModelNamesItsLayersTheKerasWayAndCountsTheirMemory() throws {
        let model = try Sequential(inputShape: [12, 16], seed: 2)
        try model.add(RecurrentLayer(.lstm, units: 32, returnSequences: true))
        try model.add(RecurrentLayer(.gru(resetAfter: true), units: 32, returnSequences: true))
        try model.add(RecurrentLayer(.simple, units: 32))
        #expect(model.layers.map(\.name) == ["lstm_1", "gru_1", "simple_rnn_1"])
        #expect(model.layers.map(\.typeName) == ["LSTM", "GRU", "SimpleRNN"])
        #expect(model.summary.rows.map(\.parameters) == [6_272, 6_336, 2_080])
        #expect(model.summary.rows.map(\.outputShape) == [[12, 32], [12, 32], [32]])
        let report = try model.layers[0].memory(inputShape: [12, 16], batch: 10)
        // LSTM: its (12, 32) states and their gradient; z, c, dZ, previous states: 10 values per step and unit.
        #expect(report.activations == 2 * 10 * 12 * 32 * 4)
        #expect(report.scratch == (10 * 12 * 32 * 10 + 10 * 2 * 32) * 4)
        #expect(report.weights == 6_272 * 4)
        let last = try model.layers[2].memory(inputShape: [12, 32], batch: 10)
        #expect(last.activations == 2 * 10 * (32 + 12 * 32) * 4)
        let work = try model.layers[0].work(inputShape: [12, 16], batch: 10)
        #expect(work.forwardFLOPs >= 2 * 10 * 12 * (16 + 32) * 128)
    }

    @Test func badConfigurationsAndInputsAreRefused() throws {
        #expect(throws: ModelError.self) { try RecurrentLayer(.lstm, units: 0) }
        #expect(throws: ModelError.self) { try RecurrentLayer(.gru(resetAfter: true), units: 4, activation: .softmax) }
        #expect(throws: ModelError.self) { try RecurrentLayer(.simple, units: 4).outputShape(for: [28, 28, 1]) }
        #expect(throws: ModelError.self) { try RecurrentLayer(.simple, units: 4).outputShape(for: [10]) }
        // BLAS's 32-bit leading dimension: T·G·U above Int32.max is refused before anything is built.
        #expect(throws: ModelError.self) { try RecurrentLayer(.lstm, units: 65_536).outputShape(for: [8_193, 4]) }
        #expect(try RecurrentLayer(.lstm, units: 65_536).outputShape(for: [8_191, 4]) == [65_536])
    }

    @Test func aCloneSharesNoWeights() throws {
        let layer = try builtRecurrent(.gru(resetAfter: false), units: 3, steps: 2, features: 2, sequences: true)
        let copy = try #require(layer.clone() as? RecurrentLayer)
        #expect(copy.name == layer.name && copy.cell == layer.cell && copy.returnSequences)
        #expect(copy.kernel?.array == layer.kernel?.array && copy.kernel !== layer.kernel)
        copy.bias?.buffer.pointer[0] += 1
        #expect(copy.bias?.array != layer.bias?.array)
    }

    @Test func weightsRoundTripThroughACheckpointUnderKerasNames() throws {
        func model(seed: UInt64) throws -> Sequential {
            let m = try Sequential(inputShape: [5, 3], seed: seed)
            try m.add(RecurrentLayer(.gru(resetAfter: true), units: 4, returnSequences: true))
            try m.add(RecurrentLayer(.lstm, units: 2))
            return m
        }
        let a = try model(seed: 1), b = try model(seed: 2)
        #expect(a.parameters.map(\.name) == ["gru_1.kernel", "gru_1.recurrent_kernel", "gru_1.bias",
                                              "lstm_1.kernel", "lstm_1.recurrent_kernel", "lstm_1.bias"])
        let path = try makeTemporaryFolder() + "/rnn.safetensors"
        try Checkpoint.save(a, to: path)
        try Checkpoint.load(b, from: path)
        #expect(identical(weightSnapshot(a), weightSnapshot(b)))
        let x = randomTensor([2, 5, 3], seed: 3)
        #expect(try a.forward(x, ForwardContext(training: false)).array == b.forward(x, ForwardContext(training: false)).array)
    }

    @Test func aTrainingStepIsBitIdenticalForAnyThreadCount() throws {
        func step() throws -> [[Float]] {
            let model = try Sequential(inputShape: [6, 4], seed: 3)
            try model.add(RecurrentLayer(.lstm, units: 40, returnSequences: true))
            try model.add(RecurrentLayer(.gru(resetAfter: true), units: 40))
            let x = randomTensor([200, 6, 4], seed: 8)
            let y = try model.forward(x, ForwardContext(training: true))
            try projectToScalar(y).backward()
            return [y.array] + model.parameters.map(\.tensor.gradArray)
        }
        let pool = ThreadPool.shared, before = pool.threadCount
        defer { pool.setThreadCount(before) }
        var runs: [[[Float]]] = []
        for threads in [1, 3] {
            pool.setThreadCount(threads)
            runs.append(try step())
        }
        for (a, b) in zip(runs[0], runs[1]) { #expect(bitIdentical(a, b)) }
    }
}
