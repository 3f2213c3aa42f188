import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// Gradient checks through every layer type: autograd's input and parameter gradients against central
// finite differences (TestSupport's gradientCheck), plus forward values against naive references.

/// Keras's activation definitions, in Double, applied to one row.
func referenceActivation(_ kind: ActivationKind, _ row: [Double]) -> [Double] {
    switch kind {
    case .linear: return row
    case .relu: return row.map { max($0, 0) }
    case .leaky_relu: return row.map { $0 > 0 ? $0 : 0.2 * $0 }
    case .elu: return row.map { $0 > 0 ? $0 : exp($0) - 1 }
    case .gelu: return row.map { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }
    case .sigmoid: return row.map { 1 / (1 + exp(-$0)) }
    case .tanh: return row.map { Foundation.tanh($0) }
    case .softmax:
        let m = row.max() ?? 0, e = row.map { exp($0 - m) }, s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}

/// Activations with a kink at 0 need a smaller finite-difference step.
private func step(for kind: ActivationKind) -> Float { kind == .relu || kind == .leaky_relu ? 1e-3 : 1e-2 }

@Suite("Layer gradients")
struct LayerGradientTests {
    @Test("Dense forward matches x·W + b then the activation", arguments: ActivationKind.allCases)
    func denseForward(_ kind: ActivationKind) throws {
        let layer = try Dense(units: 3, activation: kind)
        var rng = SeededGenerator(seed: 1)
        layer.build(inputShape: [4], rng: &rng)
        randomize(layer.bias, seed: 2, range: -0.5...0.5)
        let x = randomTensor([5, 4], seed: 3)
        let y = try layer(x, ForwardContext(training: false))
        #expect(y.shape == [5, 3])
        let z = referenceMatmul(x, try #require(layer.kernel)).array
        let b = try #require(layer.bias).array
        var expected: [Float] = []
        for r in 0..<5 {
            let row = (0..<3).map { Double(z[r * 3 + $0]) + Double(b[$0]) }
            expected += referenceActivation(kind, row).map(Float.init)
        }
        #expect(allClose(y.array, expected, relative: 1e-4, absolute: 1e-5), "\(kind): \(y.array) vs \(expected)")
    }

    @Test("Dense input, kernel and bias gradients", arguments: ActivationKind.allCases)
    func denseGradients(_ kind: ActivationKind) throws {
        let layer = try Dense(units: 3, activation: kind)
        var rng = SeededGenerator(seed: 11)
        layer.build(inputShape: [4], rng: &rng)
        randomize(layer.bias, seed: 12, range: -0.5...0.5)
        let x = randomTensor([3, 4], seed: 13)
        let ctx = ForwardContext(training: true)
        let result = try gradientCheck(inputs: [x, try #require(layer.kernel), try #require(layer.bias)], eps: step(for: kind)) {
            try layer(x, ctx)
        }
        #expect(result.passed, "\(kind): \(result)")
    }

    @Test("Dense on a rank-3 input (N, T, D) applies to the last axis, with gradients")
    func denseRank3() throws {
        let layer = try Dense(units: 2, activation: .tanh)
        var rng = SeededGenerator(seed: 5)
        #expect(try layer.outputShape(for: [3, 4]) == [3, 2])
        layer.build(inputShape: [3, 4], rng: &rng)
        let x = randomTensor([2, 3, 4], seed: 6)
        let result = try gradientCheck(inputs: [x, try #require(layer.kernel), try #require(layer.bias)]) {
            try layer(x, ForwardContext(training: true))
        }
        #expect(result.passed, "\(result)")
    }

    @Test("Conv2D matches the reference convolution and its gradients check",
          arguments: [(Padding.valid, 1), (.valid, 2), (.same, 1), (.same, 2)])
    func conv2d(_ padding: Padding, _ stride: Int) throws {
        let layer = try Conv2D(filters: 3, kernelSize: 3, stride: stride, padding: padding, activation: .relu)
        let shape = try layer.outputShape(for: [6, 5, 2])
        let oh = padding == .same ? (6 + stride - 1) / stride : (6 - 3) / stride + 1
        let ow = padding == .same ? (5 + stride - 1) / stride : (5 - 3) / stride + 1
        #expect(shape == [oh, ow, 3])
        var rng = SeededGenerator(seed: 21)
        layer.build(inputShape: [6, 5, 2], rng: &rng)
        randomize(layer.bias, seed: 22, range: -0.3...0.3)
        let x = randomTensor([2, 6, 5, 2], seed: 23)
        let y = try layer(x, ForwardContext(training: false))
        let ref = referenceConv2d(x, try #require(layer.kernel), layer.bias, stride: stride, padding: padding, relu: true)
        #expect(y.shape == [2] + shape)
        #expect(maxAbsDifference(y, ref) < 1e-5)
        let result = try gradientCheck(inputs: [x, try #require(layer.kernel), try #require(layer.bias)], eps: 1e-3) {
            try layer(x, ForwardContext(training: true))
        }
        #expect(result.passed, "\(padding) stride \(stride): \(result)")
    }

    @Test("Conv2D with each non-relu activation has correct gradients", arguments: [ActivationKind.tanh, .sigmoid, .elu, .linear])
    func conv2dActivations(_ kind: ActivationKind) throws {
        let layer = try Conv2D(filters: 2, kernelSize: 2, activation: kind)
        var rng = SeededGenerator(seed: 31)
        layer.build(inputShape: [4, 4, 2], rng: &rng)
        let x = randomTensor([1, 4, 4, 2], seed: 32)
        let result = try gradientCheck(inputs: [x, try #require(layer.kernel), try #require(layer.bias)]) {
            try layer(x, ForwardContext(training: true))
        }
        #expect(result.passed, "\(kind): \(result)")
    }

    @Test("Pooling layers match the references and pass gradient checks",
          arguments: [(Pooling2D.Mode.max, Padding.valid, 2), (.max, .same, 2), (.max, .valid, 1), (.average, .valid, 2), (.average, .same, 2)])
    func pooling(_ mode: Pooling2D.Mode, _ padding: Padding, _ stride: Int) throws {
        let layer = try Pooling2D(mode, size: 2, stride: stride, padding: padding)
        #expect(layer.parameters.isEmpty)
        let x = distinctRandomTensor([2, 5, 5, 2], seed: 41, spacing: 0.05)
        let shape = try layer.outputShape(for: [5, 5, 2])
        let y = try layer(x, ForwardContext(training: false))
        let ref = mode == .max ? referenceMaxPool(x, size: 2, stride: stride, padding: padding)
                               : referenceAvgPool(x, size: 2, stride: stride, padding: padding)
        #expect(y.shape == [2] + shape)
        #expect(maxAbsDifference(y, ref) < 1e-6)
        let result = try gradientCheck(inputs: [x], eps: 1e-2) { try layer(x, ForwardContext(training: true)) }
        #expect(result.passed, "\(mode) \(padding) stride \(stride): \(result)")
    }

    @Test("GlobalAveragePooling2D averages each channel and passes a gradient check")
    func globalAveragePooling() throws {
        let layer = GlobalAveragePooling2D()
        #expect(try layer.outputShape(for: [3, 4, 5]) == [5])
        let x = randomTensor([2, 3, 4, 5], seed: 51)
        let y = try layer(x, ForwardContext(training: false))
        let v = x.array
        var expected = [Float](repeating: 0, count: 10)
        for n in 0..<2 { for c in 0..<5 {
            var s = 0.0
            for i in 0..<12 { s += Double(v[(n * 12 + i) * 5 + c]) }
            expected[n * 5 + c] = Float(s / 12)
        } }
        #expect(y.shape == [2, 5])
        #expect(maxAbsDifference(y.array, expected) < 1e-6)
        let result = try gradientCheck(inputs: [x]) { try layer(x, ForwardContext(training: true)) }
        #expect(result.passed, "\(result)")
    }

    @Test("BatchNormalization in training mode: gradients for x, gamma and beta; moving statistics move")
    func batchNormTraining() throws {
        let layer = try BatchNormalization()
        var rng = SeededGenerator(seed: 61)
        layer.build(inputShape: [2, 2, 3], rng: &rng)
        randomize(layer.gamma, seed: 62, range: 0.5...1.5)
        randomize(layer.beta, seed: 63)
        let x = randomTensor([2, 2, 2, 3], seed: 64, range: -2...2)
        // Output per channel has the batch's mean beta and (biased) std ≈ gamma.
        let y = try layer(x, ForwardContext(training: true)).array
        let gamma = try #require(layer.gamma).array, beta = try #require(layer.beta).array
        for c in 0..<3 {
            let col = stride(from: c, to: y.count, by: 3).map { Double(y[$0]) }
            let mean = col.reduce(0, +) / 8, variance = col.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 8
            #expect(abs(mean - Double(beta[c])) < 1e-5)
            #expect(abs(variance.squareRoot() - Double(abs(gamma[c]))) < 0.01)
        }
        let xs = x.array
        let mean0 = stride(from: 0, to: xs.count, by: 3).map { Double(xs[$0]) }.reduce(0, +) / 8
        // One forward pass: moving_mean = 0.99·0 + 0.01·batch mean.
        #expect(abs(Double(try #require(layer.movingMean).array[0]) - 0.01 * mean0) < 1e-6)
        let result = try gradientCheck(inputs: [x, try #require(layer.gamma), try #require(layer.beta)]) {
            try layer(x, ForwardContext(training: true))
        }
        #expect(result.passed, "\(result)")
    }

    @Test("BatchNormalization at inference uses the moving statistics and passes a gradient check")
    func batchNormInference() throws {
        let layer = try BatchNormalization()
        var rng = SeededGenerator(seed: 65)
        layer.build(inputShape: [3], rng: &rng)
        setValues(layer.movingMean, [0.5, -1, 2])
        setValues(layer.movingVariance, [4, 1, 0.25])
        randomize(layer.gamma, seed: 66, range: 0.5...1.5)
        let x = randomTensor([4, 3], seed: 67)
        let y = try layer(x, ForwardContext(training: false)).array
        let xs = x.array, g = try #require(layer.gamma).array
        let mm: [Double] = [0.5, -1, 2], mv: [Double] = [4, 1, 0.25]
        for i in 0..<12 {
            let c = i % 3
            let expected = Double(g[c]) * (Double(xs[i]) - mm[c]) / (mv[c] + 1e-3).squareRoot()
            #expect(abs(Double(y[i]) - expected) < 1e-5)
        }
        let result = try gradientCheck(inputs: [x, try #require(layer.gamma), try #require(layer.beta)]) {
            try layer(x, ForwardContext(training: false))
        }
        #expect(result.passed, "\(result)")
    }

    @Test("LayerNormalization normalises each row and passes a gradient check")
    func layerNorm() throws {
        let layer = try LayerNormalization()
        var rng = SeededGenerator(seed: 71)
        layer.build(inputShape: [2, 5], rng: &rng)
        let x = randomTensor([3, 2, 5], seed: 72, range: -2...2)
        let y = try layer(x, ForwardContext(training: false)).array
        for r in 0..<6 {
            let row = y[r * 5 ..< r * 5 + 5].map(Double.init)
            #expect(abs(row.reduce(0, +) / 5) < 1e-5)
        }
        randomize(layer.gamma, seed: 73, range: 0.5...1.5)
        randomize(layer.beta, seed: 74)
        let result = try gradientCheck(inputs: [x, try #require(layer.gamma), try #require(layer.beta)]) {
            try layer(x, ForwardContext(training: true))
        }
        #expect(result.passed, "\(result)")
    }

    @Test("Embedding looks rows up and its table gradient accumulates repeated ids")
    func embedding() throws {
        let layer = try Embedding(vocabulary: 5, dimension: 3)
        #expect(try layer.outputShape(for: [4]) == [4, 3])
        var rng = SeededGenerator(seed: 81)
        layer.build(inputShape: [4], rng: &rng)
        let table = try #require(layer.table)
        #expect(table.array.allSatisfy { abs($0) <= 0.05 })
        let ids = Tensor([0, 3, 3, 4, 1, 0, 2, 3], shape: [2, 4])
        let y = try layer(ids, ForwardContext(training: false))
        #expect(y.shape == [2, 4, 3])
        #expect(Array(y.array[3..<6]) == Array(table.array[9..<12]))
        let result = try gradientCheck(inputs: [table]) { try layer(ids, ForwardContext(training: true)) }
        #expect(result.passed, "\(result)")
    }

    @Test("Dropout with a fixed random stream: a fixed mask, scaled survivors, gradients through the mask")
    func dropout() throws {
        let layer = try Dropout(rate: 0.4)
        let x = randomSignedTensor([4, 10], seed: 91)
        func run() throws -> Tensor { try layer(x, ForwardContext(training: true, rng: SeededGenerator(seed: 92))) }
        let a = try run().array, b = try run().array, xs = x.array
        #expect(bitIdentical(a, b))
        var dropped = 0
        for i in 0..<a.count {
            if a[i] == 0 { dropped += 1 } else { #expect(abs(a[i] - xs[i] / 0.6) < 1e-6) }
        }
        #expect(dropped > 4 && dropped < 30, "dropped \(dropped) of 40 at rate 0.4")
        #expect(bitIdentical(try layer(x, ForwardContext(training: false)).array, xs))
        let result = try gradientCheck(inputs: [x]) { try run() }
        #expect(result.passed, "\(result)")
    }

    @Test("Activation layers pass gradient checks", arguments: ActivationKind.allCases)
    func activationLayer(_ kind: ActivationKind) throws {
        let layer = ActivationLayer(kind)
        #expect(layer.outputActivation == kind)
        let x = randomSignedTensor([3, 4], seed: 101, magnitude: 0.05...1.5)
        let y = try layer(x, ForwardContext(training: false))
        let xs = x.array
        let expected = (0..<3).flatMap { r in referenceActivation(kind, (0..<4).map { Double(xs[r * 4 + $0]) }).map(Float.init) }
        #expect(allClose(y.array, expected, relative: 1e-4, absolute: 1e-6))
        let result = try gradientCheck(inputs: [x], eps: step(for: kind)) { try layer(x, ForwardContext(training: true)) }
        #expect(result.passed, "\(kind): \(result)")
        // Skipping the output activation (for fused losses) leaves the input as is.
        #expect(bitIdentical(try layer.forward(x, ForwardContext(training: false), skipOutputActivation: true).array, xs))
    }

    @Test("Flatten and Reshape keep values and pass gradients through")
    func flattenReshape() throws {
        let flatten = Flatten(), reshape = try Reshape([6, 2])
        #expect(try flatten.outputShape(for: [2, 3, 2]) == [12])
        #expect(try reshape.outputShape(for: [12]) == [6, 2])
        #expect(throws: ModelError.self) { try reshape.outputShape(for: [11]) }
        let x = randomTensor([2, 2, 3, 2], seed: 111)
        let result = try gradientCheck(inputs: [x]) {
            try reshape(try flatten(x, ForwardContext(training: true)), ForwardContext(training: true))
        }
        #expect(result.passed, "\(result)")
        #expect(bitIdentical(try flatten(x, ForwardContext(training: false)).array, x.array))
    }
}

// MARK: - Residual

extension LayerGradientTests {
    @Test("Residual around dense: y = x + dense(x), gradients through the skip and the body")
    func residualDense() throws {
        let dense = try Dense(units: 4, activation: .tanh)
        let residual = Residual(dense)
        var rng = SeededGenerator(seed: 51)
        #expect(try residual.outputShape(for: [4]) == [4])
        residual.build(inputShape: [4], rng: &rng)
        randomize(dense.bias, seed: 52, range: -0.5...0.5)
        let x = randomTensor([3, 4], seed: 53)
        let y = try residual(x, ForwardContext(training: false))
        let body = try dense(x, ForwardContext(training: false))
        #expect(allClose(y.array, zip(x.array, body.array).map { $0 + $1 }, relative: 1e-6, absolute: 1e-6))
        let result = try gradientCheck(inputs: [x, try #require(dense.kernel), try #require(dense.bias)]) {
            try residual(x, ForwardContext(training: true))
        }
        #expect(result.passed, "\(result)")
    }

    @Test("Residual around a conv2d same-padding body: gradients check")
    func residualConv2d() throws {
        let body = try Sequential(inputShape: [5, 5, 2])
        let conv = try Conv2D(filters: 2, kernelSize: 3, padding: .same, activation: .tanh)
        try body.add(conv)
        let residual = Residual(body)
        var rng = SeededGenerator(seed: 61)
        #expect(try residual.outputShape(for: [5, 5, 2]) == [5, 5, 2])
        residual.build(inputShape: [5, 5, 2], rng: &rng)
        randomize(conv.bias, seed: 62, range: -0.3...0.3)
        let x = randomTensor([2, 5, 5, 2], seed: 63)
        let y = try residual(x, ForwardContext(training: false))
        let ref = referenceConv2d(x, try #require(conv.kernel), conv.bias, stride: 1, padding: .same, relu: false)
        let expected = zip(x.array, ref.array).map { $0 + Float(Foundation.tanh(Double($1))) }
        #expect(allClose(y.array, expected, relative: 1e-5, absolute: 1e-5))
        let result = try gradientCheck(inputs: [x, try #require(conv.kernel), try #require(conv.bias)]) {
            try residual(x, ForwardContext(training: true))
        }
        #expect(result.passed, "\(result)")
    }

    @Test("A residual body that changes the shape is refused, naming both shapes")
    func residualShapeChange() throws {
        let body = try Sequential(inputShape: [6, 6, 3])
        try body.add(Conv2D(filters: 8, kernelSize: 3, padding: .same))
        let residual = Residual(body)
        residual.name = "residual_1"
        let error = thrownError { _ = try residual.outputShape(for: [6, 6, 3]) }
        let modelError = try #require(error as? ModelError)
        #expect(modelError == .residualShape(layer: "residual_1", input: [6, 6, 3], output: [6, 6, 8]))
        #expect(modelError.message.contains("(6, 6, 3)") && modelError.message.contains("(6, 6, 8)"), "\(modelError.message)")
        #expect(modelError.hint != nil)
    }
}
