// Issue 9's "attention you can watch": sessions/attention-reverse.grad, run as a file through the session
// runner, reverses held-out sequences and its first attention layer attends along the anti-diagonal.

import Foundation
import NeuralNet
import Notebook
import TensorRuntime
import Testing

@Suite struct AttentionReverseSessionTests {
    /// What the trained model does on the held-out (test) sequences.
    struct HeldOut: Sendable {
        /// Sequences with every token right.
        var sequenceAccuracy: Double
        /// Per head of the first attention layer: the attention mass on the anti-diagonal (query i on key
        /// T-1-i), as a fraction of all of it (each query's row sums to 1), averaged over the sequences.
        var antiDiagonalMass: [Double]
        var sequences: Int
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs the model on every test sequence in one inference pass and measures it (on the runner's worker,
    /// so it throws rather than expects).
    static func measure(_ interpreter: Interpreter) throws -> HeldOut {
        guard let model = interpreter.session.modelEntry?.model, let test = interpreter.session.data?.sequences?.test else {
            throw Missing(description: "the session left no model or no sequences")
        }
        guard let attention = model.descendants.lazy.compactMap({ $0.layer as? any AttentionSource }).first else {
            throw Missing(description: "the model has no attention layer")
        }
        let batch = try BatchLoader(data: test).batch(Array(0..<test.count)[...])
        let output = try GradMode.off { try model.forward(batch.inputs, ForwardContext(training: false)) }
        let (n, t, vocabulary) = (test.count, test.length, test.vocabulary)
        guard output.shape == [n, t, vocabulary] else { throw Missing(description: "output of shape \(output.shape)") }
        let probabilities = output.array
        var right = 0
        for s in 0..<n {
            let target = test.target(at: s)
            let predicted = (0..<t).map { i in
                let row = probabilities[(s * t + i) * vocabulary..<(s * t + i + 1) * vocabulary]
                return row.indices.max { row[$0] < row[$1] }.map { Int32($0 - row.startIndex) } ?? -1
            }
            if predicted == target { right += 1 }
        }
        let heads = attention.headCount
        guard let weights = attention.lastAttention, weights.shape == [n, heads, t, t] else {
            throw Missing(description: "no attention weights of shape \([n, heads, t, t])")
        }
        let w = weights.array
        let mass = (0..<heads).map { h in
            var total = 0.0
            for s in 0..<n {
                for q in 0..<t { total += Double(w[((s * heads + h) * t + q) * t + (t - 1 - q)]) }
            }
            return total / Double(n * t)
        }
        return HeldOut(sequenceAccuracy: Double(right) / Double(n), antiDiagonalMass: mass, sequences: n)
    }

    @Test func theReverseSessionLearnsToReverseAlongTheAntiDiagonal() throws {
        let file = packageRoot().appendingPathComponent("sessions/attention-reverse.grad")
        let source = try String(contentsOf: file, encoding: .utf8)
        let runner = SessionRunner()
        let started = Date()
        let events = runner.run(RunRequest(source: source, file: "attention-reverse.grad"))
        let seconds = Date().timeIntervalSince(started)
        let failures = events.compactMap { if case .failure(let r) = $0 { r.rendered } else { nil } }
        #expect(failures.isEmpty, "\(failures)")
        let result = runner.perform { interpreter in Result { try Self.measure(interpreter) } }
        let heldOut = try result.get()
        let best = heldOut.antiDiagonalMass.max() ?? 0
        #expect(heldOut.sequences >= 100)
        #expect(heldOut.sequenceAccuracy >= 0.95, "sequence accuracy \(heldOut.sequenceAccuracy)")
        #expect(best >= 0.80, "anti-diagonal mass per head \(heldOut.antiDiagonalMass)")
        print("attention-reverse: \(String(format: "%.1f", seconds)) s, sequence accuracy \(heldOut.sequenceAccuracy), "
              + "anti-diagonal mass per head \(heldOut.antiDiagonalMass.map { String(format: "%.3f", $0) })")
    }
}
