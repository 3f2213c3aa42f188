import Testing
@testable import TensorRuntime
import TestSupport

// The recurrent ops (SimpleRNN, LSTM, GRU with and without reset_after) against references written from the
// equations, their gradients against finite differences for every input, and bit-identity across threads.

@Suite("Recurrent ops")
struct RecurrentOpsTests {
    static let cells: [ReferenceCell] = [.simple, .lstm, .gru, .gruResetBefore]

    @Test(arguments: cells)
    func forwardMatchesTheEquations(cell: ReferenceCell) throws {
        // Odd sizes: 3 examples, 5 steps, 4 features, 6 units.
        let (x, kernel, recurrent, bias) = recurrentInputs(cell, n: 3, steps: 5, d: 4, u: 6, seed: 10)
        let y = try recurrentOp(cell, x: x, kernel: kernel, recurrent: recurrent, bias: bias)
        #expect(y.shape == [3, 5, 6])
        let expected = recurrentReference(cell, x: x, kernel: kernel, recurrent: recurrent, bias: bias)
        let worst = zip(y.array, expected).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-5, "max difference \(worst)")
    }

    @Test(arguments: cells, [true, false])
    func gradientsOfEveryInputMatchFiniteDifferences(cell: ReferenceCell, sequences: Bool) throws {
        let (x, kernel, recurrent, bias) = recurrentInputs(cell, n: 2, steps: 4, d: 3, u: 3, seed: 20)
        try expectGradients([x, kernel, recurrent, bias], eps: 1e-2, tolerance: GradTolerance(relative: 2e-2, absolute: 2e-3)) {
            let h = try recurrentOp(cell, x: x, kernel: kernel, recurrent: recurrent, bias: bias)
            // return_sequences=off keeps the last state only: its gradient reaches the earlier steps through time.
            return sequences ? h : try Tensor.slice(h, axis: 1, range: 3..<4)
        }
    }

    @Test(arguments: [Activation.relu, .sigmoid])
    func otherActivationsHaveMatchingGradients(activation: Activation) throws {
        let (x, kernel, recurrent, bias) = recurrentInputs(.lstm, n: 2, steps: 3, d: 2, u: 2, seed: 30)
        try expectGradients([x, kernel, recurrent, bias], eps: 1e-3, tolerance: GradTolerance(relative: 2e-2, absolute: 2e-3)) {
            try Tensor.lstm(x, kernel: kernel, recurrent: recurrent, bias: bias, activation: activation)
        }
        let (gx, gk, gr, gb) = recurrentInputs(.gru, n: 2, steps: 3, d: 2, u: 2, seed: 31)
        try expectGradients([gx, gk, gr, gb], eps: 1e-3, tolerance: GradTolerance(relative: 2e-2, absolute: 2e-3)) {
            try Tensor.gru(gx, kernel: gk, recurrent: gr, bias: gb, activation: activation)
        }
    }

    @Test(arguments: cells)
    func bitIdenticalForOneTwoAndThreeThreads(cell: ReferenceCell) throws {
        // 300 rows: the elementwise passes and every GEMM split into several blocks.
        let runs = try atThreadCounts([1, 2, 3]) { () -> [[Float]] in
            let (x, kernel, recurrent, bias) = recurrentInputs(cell, n: 300, steps: 3, d: 5, u: 32, seed: 40)
            let h = try recurrentOp(cell, x: x, kernel: kernel, recurrent: recurrent, bias: bias)
            try projectToScalar(h).backward()
            return [h.array, x.gradArray, kernel.gradArray, recurrent.gradArray, bias.gradArray]
        }
        for run in runs.dropFirst() {
            for (i, (a, b)) in zip(runs[0], run).enumerated() { #expect(bitIdentical(a, b), "result \(i) differs") }
        }
        #expect(runs[0].allSatisfy { $0.contains { $0 != 0 } })
    }

    @Test func badShapesAreNamed() {
        let x = randomTensor([2, 3, 4], seed: 1)
        #expect(throws: TensorError.self) {
            try Tensor.lstm(x, kernel: randomTensor([5, 8], seed: 2), recurrent: randomTensor([2, 8], seed: 3),
                            bias: randomTensor([8], seed: 4), activation: .tanh)
        }
        #expect(throws: TensorError.self) {
            try Tensor.gru(x, kernel: randomTensor([4, 6], seed: 2), recurrent: randomTensor([2, 6], seed: 3),
                           bias: randomTensor([6], seed: 4), activation: .tanh)   // reset_after wants (2, 3U)
        }
        #expect(throws: TensorError.self) {
            try Tensor.simpleRNN(randomTensor([2, 4], seed: 1), kernel: randomTensor([4, 2], seed: 2),
                                 recurrent: randomTensor([2, 2], seed: 3), bias: randomTensor([2], seed: 4), activation: nil)
        }
    }
}
