import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

/// Keras's MultiHeadAttention parameter count for self-attention over D features:
/// query, key, value kernels (D, H, dk) and biases (H, dk), output kernel (H, dk, D) and bias (D).
func kerasAttentionParameters(features d: Int, heads h: Int, keyDim k: Int) -> Int {
    3 * (d * h * k + h * k) + h * k * d + d
}

/// A built attention layer over [tokens, features] with non-zero biases.
func builtAttention(heads: Int, tokens: Int, features: Int, keyDim: Int? = nil, causal: Bool = false, seed: UInt64 = 1) throws -> MultiHeadAttention {
    let layer = try MultiHeadAttention(heads: heads, keyDim: keyDim, causal: causal)
    layer.name = "attention"
    var rng = SeededGenerator(seed: seed)
    layer.build(inputShape: [tokens, features], rng: &rng)
    for (i, p) in layer.parameters.enumerated() where p.name.hasSuffix("bias") { randomize(p.tensor, seed: seed + UInt64(i), range: -0.3...0.3) }
    return layer
}

/// Self-attention the long way, in Double: per example, per head, per query.
private func referenceAttention(_ layer: MultiHeadAttention, _ x: Tensor) throws -> (output: [Float], weights: [Float]) {
    let n = x.shape[0], t = x.shape[1], d = x.shape[2], h = layer.heads
    func project(_ dense: Dense?) throws -> [Double] {
        let dense = try #require(dense)
        let w = try #require(dense.kernel).array, b = try #require(dense.bias).array
        let units = dense.units, inputs = w.count / units
        var out: [Double] = []
        for row in 0..<(x.count / inputs) {
            for u in 0..<units {
                var s = Double(b[u])
                for i in 0..<inputs { s += Double(x.array[row * inputs + i]) * Double(w[i * units + u]) }
                out.append(s)
            }
        }
        return out
    }
    let q = try project(layer.query), k = try project(layer.key), v = try project(layer.value)
    let width = try #require(layer.query).units, dk = width / h
    var combined = [Double](repeating: 0, count: n * t * width)
    var weights: [Float] = []
    for b in 0..<n { for head in 0..<h { for i in 0..<t {
        var scores: [Double] = []
        for j in 0..<t {
            var s = 0.0
            for c in 0..<dk { s += q[(b * t + i) * width + head * dk + c] * k[(b * t + j) * width + head * dk + c] }
            scores.append(layer.causal && j > i ? -.infinity : s / Double(dk).squareRoot())
        }
        let m = scores.max() ?? 0
        let e = scores.map { exp($0 - m) }
        let total = e.reduce(0, +)
        let p = e.map { $0 / total }
        weights += p.map(Float.init)
        for c in 0..<dk {
            combined[(b * t + i) * width + head * dk + c] = (0..<t).reduce(0.0) { $0 + p[$1] * v[(b * t + $1) * width + head * dk + c] }
        }
    } } }
    let out = try #require(layer.output)
    let w = try #require(out.kernel).array, bias = try #require(out.bias).array
    var y: [Float] = []
    for row in 0..<(n * t) {
        for u in 0..<d {
            var s = Double(bias[u])
            for i in 0..<width { s += combined[row * width + i] * Double(w[i * d + u]) }
            y.append(Float(s))
        }
    }
    return (y, weights)
}

@Suite("Attention layers")
struct AttentionLayerTests {
    @Test("MultiHeadAttention matches per-head attention computed the long way", arguments: [false, true])
    func forwardMatchesReference(causal: Bool) throws {
        let layer = try builtAttention(heads: 2, tokens: 4, features: 6, causal: causal)
        let x = randomTensor([2, 4, 6], seed: 3)
        let y = try layer(x, ForwardContext(training: false))
        let expected = try referenceAttention(layer, x)
        #expect(y.shape == [2, 4, 6])
        #expect(allClose(y.array, expected.output, relative: 1e-4, absolute: 1e-5))
        let kept = try #require(layer.lastAttention)
        #expect(kept.shape == [2, 2, 4, 4])
        #expect(allClose(kept.array, expected.weights, relative: 1e-4, absolute: 1e-6))
        #expect(!kept.requiresGrad, "the kept weights are a detached copy")
    }

    @Test("MultiHeadAttention input and weight gradients, with and without the causal mask", arguments: [false, true])
    func gradients(causal: Bool) throws {
        let layer = try builtAttention(heads: 2, tokens: 3, features: 4, causal: causal, seed: 5)
        let x = randomTensor([2, 3, 4], seed: 6)
        let ctx = ForwardContext(training: true)
        let result = try gradientCheck(inputs: [x] + layer.parameters.map(\.tensor)) { try layer(x, ctx) }
        #expect(result.passed, "\(result)")
    }

    @Test func keptAttentionRowsSumToOneAndHideFutureTokensWhenCausal() throws {
        let layer = try builtAttention(heads: 4, tokens: 5, features: 8, causal: true)
        #expect(layer.lastAttention == nil)
        _ = try layer(randomTensor([3, 5, 8], seed: 7), ForwardContext(training: false))
        let w = try #require(layer.lastAttention).array
        for row in 0..<(3 * 4 * 5) {
            let values = Array(w[(row * 5)..<(row * 5 + 5)])
            #expect(abs(values.reduce(0, +) - 1) < 1e-5)
            let query = row % 5
            #expect(values[(query + 1)...].allSatisfy { $0 == 0 }, "row \(row) sees the future: \(values)")
        }
        #expect(layer.headCount == 4)
    }

    @Test func parameterCountAndNamesAreKeras() throws {
        let layer = try MultiHeadAttention(heads: 4)
        #expect(try layer.weightCount(inputShape: [16, 64]) == kerasAttentionParameters(features: 64, heads: 4, keyDim: 16))
        #expect(kerasAttentionParameters(features: 64, heads: 4, keyDim: 16) == 16_640)
        var rng = SeededGenerator(seed: 1)
        layer.build(inputShape: [16, 64], rng: &rng)
        #expect(layer.parameters.reduce(0) { $0 + $1.tensor.count } == 16_640)
        #expect(layer.parameters.map(\.name) == ["query.kernel", "query.bias", "key.kernel", "key.bias",
                                                  "value.kernel", "value.bias", "attention_output.kernel", "attention_output.bias"])
        let wide = try MultiHeadAttention(heads: 3, keyDim: 5)
        #expect(try wide.weightCount(inputShape: [7, 10]) == kerasAttentionParameters(features: 10, heads: 3, keyDim: 5))
        #expect(wide.configSummary == "3 heads, key_dim 5")
    }

    @Test func cloneCopiesWeightsAndSharesNothing() throws {
        let layer = try builtAttention(heads: 2, tokens: 3, features: 4, causal: true)
        let copy = try #require(layer.clone() as? MultiHeadAttention)
        #expect(copy.name == layer.name && copy.causal && copy.heads == 2)
        #expect(copy.parameters.map(\.tensor.array) == layer.parameters.map(\.tensor.array))
        copy.parameters[0].tensor.buffer.pointer[0] += 1
        #expect(copy.parameters[0].tensor.array != layer.parameters[0].tensor.array)
    }

    @Test("MultiHeadAttention refuses inputs it cannot take, with a hint", arguments: [
        ([8], nil as Int?, "attention cannot take input of shape (8): expected a sequence (tokens, features)",
         "make one with `embedding VOCAB DIM` or `patches SIZE DIM` first"),
        ([28, 28, 1], nil, "expected a sequence (tokens, features)", "turn an image into one with `patches SIZE DIM` first"),
        ([5, 10], nil, "expected features that split evenly into 4 heads", "use a number of heads that divides 10, or give the size of each head: key_dim=N"),
    ])
    func refusals(input: [Int], keyDim: Int?, message: String, hint: String) throws {
        let layer = try MultiHeadAttention(heads: 4, keyDim: keyDim)
        layer.name = "attention"
        let error = #expect(throws: ModelError.self) { try layer.outputShape(for: input) }
        #expect(error?.message.contains(message) == true, "\(String(describing: error?.message))")
        #expect(error?.hint?.contains(hint) == true, "\(String(describing: error?.hint))")
    }

    @Test func keyDimLetsAnyFeatureCountSplit() throws {
        #expect(try MultiHeadAttention(heads: 4, keyDim: 3).outputShape(for: [5, 10]) == [5, 10])
        #expect(throws: ModelError.self) { try MultiHeadAttention(heads: 0) }
        #expect(throws: ModelError.self) { try MultiHeadAttention(heads: 2, dropout: 1) }
    }

    @Test func attentionDropoutOnlyWhileTraining() throws {
        let plain = try builtAttention(heads: 2, tokens: 4, features: 4)
        let dropped = try MultiHeadAttention(heads: 2, dropout: 0.5)
        var rng = SeededGenerator(seed: 1)
        dropped.build(inputShape: [4, 4], rng: &rng)
        for (a, b) in zip(plain.parameters, dropped.parameters) { b.tensor.assign(a.tensor) }
        let x = randomTensor([2, 4, 4], seed: 9)
        let evaluation = try dropped(x, ForwardContext(training: false))
        #expect(evaluation.array == (try plain(x, ForwardContext(training: false))).array)
        let training = try dropped(x, ForwardContext(training: true, rng: SeededGenerator(seed: 3)))
        #expect(training.array != evaluation.array)
    }
}
