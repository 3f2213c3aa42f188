import Testing
import TensorRuntime
import TestSupport

// Autograd gradients of every op against central finite differences (see TestSupport.gradientCheck).

@Suite("Gradients: elementwise, reductions, reshape")
struct ElementwiseGradientTests {
    @Test func addSameShape() throws {
        let a = randomTensor([3, 4], seed: 1), b = randomTensor([3, 4], seed: 2)
        try expectGradients([a, b]) { try Tensor.add(a, b) }
    }

    @Test(arguments: [[4], [3, 4], []])
    func addBroadcastBias(biasShape: [Int]) throws {
        let a = randomTensor([2, 3, 4], seed: 3), b = randomTensor(biasShape, seed: 4)
        try expectGradients([a, b]) { try Tensor.add(a, b) }
    }

    @Test func sub() throws {
        let a = randomTensor([3, 4], seed: 5), b = randomTensor([3, 4], seed: 6)
        try expectGradients([a, b]) { try Tensor.sub(a, b) }
    }

    @Test func mul() throws {
        let a = randomTensor([3, 4], seed: 7), b = randomTensor([3, 4], seed: 8)
        try expectGradients([a, b]) { try Tensor.mul(a, b) }
    }

    @Test func mulOfATensorWithItself() throws {
        // Both operands are the same leaf: the two gradient contributions must add up (2x).
        let a = randomTensor([2, 5], seed: 9)
        try expectGradients([a]) { try Tensor.mul(a, a) }
    }

    @Test func scale() throws {
        let a = randomTensor([5], seed: 10)
        try expectGradients([a]) { Tensor.scale(a, -2.5) }
    }

    @Test func sumAndMean() throws {
        let a = randomTensor([3, 4], seed: 11)
        try expectGradients([a]) { Tensor.sum(a) }
        try expectGradients([a]) { Tensor.mean(a) }
    }

    @Test func sumAbs() throws {
        let a = randomSignedTensor([3, 4], seed: 12, magnitude: 0.1...1)
        try expectGradients([a]) { Tensor.sumAbs(a) }
    }

    @Test func sumSquares() throws {
        let a = randomTensor([3, 4], seed: 13)
        try expectGradients([a]) { Tensor.sumSquares(a) }
    }

    @Test func reshapeAndFlatten() throws {
        let a = randomTensor([2, 6], seed: 14)
        try expectGradients([a]) { try a.reshaped([3, 4]) }
        let b = randomTensor([2, 3, 2], seed: 15)
        try expectGradients([b]) {
            let f = try b.flattened()
            #expect(f.shape == [2, 6])
            return f
        }
    }

    @Test func sharedSubexpressionsAccumulate() throws {
        // y = x*x + 3x + reshape(x) summed through two paths: exercises gradient accumulation in backward.
        let x = randomTensor([2, 3], seed: 16)
        try expectGradients([x]) {
            let sq = try Tensor.mul(x, x)
            let lin = Tensor.scale(x, 3)
            let back = try x.reshaped([3, 2]).reshaped([2, 3])
            return try Tensor.add(try Tensor.add(sq, lin), back)
        }
    }
}

@Suite("Gradients: linear and matmul")
struct LinearGradientTests {
    @Test(arguments: [true, false])
    func linear(withBias: Bool) throws {
        let x = randomTensor([5, 4], seed: 20), w = randomTensor([4, 3], seed: 21), b = randomTensor([3], seed: 22)
        try expectGradients(withBias ? [x, w, b] : [x, w]) { try Tensor.linear(x, w, withBias ? b : nil) }
    }

    @Test func linearFoldsLeadingDimensions() throws {
        let x = randomTensor([2, 3, 4], seed: 23), w = randomTensor([4, 2], seed: 24), b = randomTensor([2], seed: 25)
        try expectGradients([x, w, b]) { try Tensor.linear(x, w, b) }
    }

    @Test(arguments: [true, false])
    func linearWithFusedRelu(withBias: Bool) throws {
        // Inputs whose pre-activations are all further than 3·eps from the kink, with both signs present.
        let seed = try #require(try firstSeed { s in
            let x = randomTensor([5, 4], seed: 100 + s), w = randomTensor([4, 3], seed: 200 + s), b = randomTensor([3], seed: 300 + s)
            let z = try Tensor.linear(x, w, withBias ? b : nil)
            let k = kinkMargin(z.array)
            return k.margin > 0.03 && k.mixed
        })
        let x = randomTensor([5, 4], seed: 100 + seed), w = randomTensor([4, 3], seed: 200 + seed), b = randomTensor([3], seed: 300 + seed)
        try expectGradients(withBias ? [x, w, b] : [x, w]) { try Tensor.linear(x, w, withBias ? b : nil, activation: .relu) }
    }

    @Test(arguments: [false, true])
    func matmul(transposeB: Bool) throws {
        let a = randomTensor([3, 4], seed: 30), b = randomTensor(transposeB ? [5, 4] : [4, 5], seed: 31)
        try expectGradients([a, b]) { try Tensor.matmul(a, b, transposeB: transposeB) }
    }

    @Test(arguments: [false, true])
    func batchedMatmul(transposeB: Bool) throws {
        let a = randomTensor([2, 3, 4], seed: 32), b = randomTensor(transposeB ? [2, 5, 4] : [2, 4, 5], seed: 33)
        try expectGradients([a, b]) { try Tensor.batchedMatmul(a, b, transposeB: transposeB) }
    }
}

/// One convolution configuration for the gradient and reference tables.
struct ConvCase: Sendable, CustomTestStringConvertible {
    var n = 1
    var h: Int, w: Int, c: Int, f: Int, k: Int
    var stride = 1
    var padding: Padding = .valid
    var bias = true
    var relu = false
    var testDescription: String {
        "N\(n) \(h)x\(w)x\(c) -> F\(f) k\(k) s\(stride) \(padding)\(bias ? " +b" : "")\(relu ? " relu" : "")"
    }
    var xShape: [Int] { [n, h, w, c] }
    var wShape: [Int] { [k, k, c, f] }
}

@Suite("Gradients: convolution and pooling")
struct ConvPoolGradientTests {
    static let convCases: [ConvCase] = [
        ConvCase(h: 5, w: 5, c: 1, f: 1, k: 3),
        ConvCase(n: 2, h: 5, w: 6, c: 2, f: 3, k: 3, padding: .same),
        ConvCase(h: 7, w: 5, c: 3, f: 2, k: 3, stride: 2, padding: .same),
        ConvCase(h: 6, w: 7, c: 2, f: 2, k: 2, stride: 2, padding: .valid, bias: false),
        ConvCase(n: 2, h: 4, w: 5, c: 2, f: 2, k: 1),
        ConvCase(h: 3, w: 4, c: 2, f: 2, k: 4, padding: .same),
        ConvCase(n: 2, h: 5, w: 5, c: 2, f: 3, k: 3, padding: .same, relu: true),
        ConvCase(h: 7, w: 6, c: 2, f: 2, k: 3, stride: 2, padding: .valid, relu: true),
    ]

    @Test(arguments: convCases)
    func conv2d(_ cc: ConvCase) throws {
        var seed: UInt64 = 0
        if cc.relu {
            seed = try #require(try firstSeed { s in
                let z = try Tensor.conv2d(randomTensor(cc.xShape, seed: 400 + s), randomTensor(cc.wShape, seed: 500 + s),
                                          cc.bias ? randomTensor([cc.f], seed: 600 + s) : nil, stride: cc.stride, padding: cc.padding)
                let k = kinkMargin(z.array)
                return k.margin > 0.03 && k.mixed
            })
        }
        let x = randomTensor(cc.xShape, seed: 400 + seed), w = randomTensor(cc.wShape, seed: 500 + seed)
        let b = randomTensor([cc.f], seed: 600 + seed)
        try expectGradients(cc.bias ? [x, w, b] : [x, w]) {
            try Tensor.conv2d(x, w, cc.bias ? b : nil, stride: cc.stride, padding: cc.padding, activation: cc.relu ? .relu : .none)
        }
    }

    struct PoolCase: Sendable, CustomTestStringConvertible {
        var shape: [Int], size: Int, stride: Int?, padding: Padding
        var testDescription: String { "\(shape) size \(size) stride \(stride.map(String.init) ?? "=size") \(padding)" }
    }

    static let poolCases: [PoolCase] = [
        PoolCase(shape: [1, 4, 4, 2], size: 2, stride: nil, padding: .valid),
        PoolCase(shape: [2, 5, 7, 1], size: 2, stride: nil, padding: .valid),
        PoolCase(shape: [1, 5, 5, 2], size: 3, stride: 2, padding: .same),
        PoolCase(shape: [1, 5, 4, 2], size: 2, stride: 1, padding: .valid),
        PoolCase(shape: [2, 3, 5, 2], size: 2, stride: nil, padding: .same),
    ]

    @Test(arguments: poolCases)
    func maxPool(_ pc: PoolCase) throws {
        // Distinct values 0.1 apart: a step of 1e-2 never changes a window's argmax.
        let x = distinctRandomTensor(pc.shape, seed: 700)
        try expectGradients([x]) { try Tensor.maxPool2d(x, size: pc.size, stride: pc.stride, padding: pc.padding) }
    }

    @Test(arguments: poolCases)
    func avgPool(_ pc: PoolCase) throws {
        let x = randomTensor(pc.shape, seed: 701)
        try expectGradients([x]) { try Tensor.avgPool2d(x, size: pc.size, stride: pc.stride, padding: pc.padding) }
    }

    @Test func globalAvgPool() throws {
        let x = randomTensor([2, 3, 4, 3], seed: 702)
        try expectGradients([x]) { try Tensor.globalAvgPool(x) }
    }
}

extension Activation: CustomTestStringConvertible {
    public var testDescription: String { "\(self)" }
}

@Suite("Gradients: activations, softmax, dropout")
struct ActivationGradientTests {
    @Test(arguments: [Activation.relu, .leakyRelu(alpha: 0.1), .elu(alpha: 1), .elu(alpha: 0.5), .gelu, .sigmoid, .tanh])
    func activation(_ f: Activation) throws {
        // Magnitudes of at least 0.1 keep the step of 1e-2 off the kinks at zero.
        let x = randomSignedTensor([3, 5], seed: 800, magnitude: 0.1...3)
        try expectGradients([x]) { Tensor.activate(x, f) }
    }

    @Test func softmax() throws {
        let x = randomTensor([3, 5], seed: 801, range: -2...2)
        try expectGradients([x]) { try Tensor.softmax(x) }
    }

    @Test func logSoftmax() throws {
        let x = randomTensor([3, 5], seed: 802, range: -2...2)
        try expectGradients([x]) { try Tensor.logSoftmax(x) }
    }

    @Test func dropoutWithFixedSeed() throws {
        let x = randomSignedTensor([4, 6], seed: 803, magnitude: 0.1...1)
        try expectGradients([x]) {
            var rng = SeededGenerator(seed: 42)
            return try Tensor.dropout(x, rate: 0.4, rng: &rng)
        }
    }

    @Test func dropoutGradientIsTheMask() throws {
        let rate: Float = 0.25, keep = 1 / (1 - rate)
        let x = randomSignedTensor([20, 25], seed: 804, magnitude: 0.1...1, requiresGrad: true)
        var rng = SeededGenerator(seed: 43)
        let y = try Tensor.dropout(x, rate: rate, rng: &rng)
        Tensor.sum(y).backward()
        let g = x.gradArray, xv = x.array, yv = y.array
        var dropped = 0
        for i in 0..<x.count {
            let mask: Float = yv[i] == 0 ? 0 : keep
            #expect(g[i] == mask, "element \(i)")
            #expect(yv[i] == xv[i] * mask, "element \(i)")
            if mask == 0 { dropped += 1 }
        }
        // About a quarter of 500 elements dropped.
        #expect((90...160).contains(dropped), "dropped \(dropped) of 500 at rate 0.25")
    }
}

@Suite("Gradients: normalisation and embedding")
struct NormalizationGradientTests {
    @Test(arguments: [[6, 3], [2, 2, 2, 3]])
    func batchNormTraining(shape: [Int]) throws {
        let c = shape.last!
        let x = randomTensor(shape, seed: 900, range: -2...2)
        let gamma = randomTensor([c], seed: 901, range: 0.5...1.5), beta = randomTensor([c], seed: 902)
        let rm = Tensor(zeros: [c]), rv = Tensor(repeating: 1, shape: [c])
        try expectGradients([x, gamma, beta]) {
            try Tensor.batchNorm(x, gamma: gamma, beta: beta, runningMean: rm, runningVar: rv,
                                 training: true, momentum: 0.9, epsilon: 1e-3)
        }
    }

    @Test func batchNormEvaluation() throws {
        let x = randomTensor([5, 3], seed: 903, range: -2...2)
        let gamma = randomTensor([3], seed: 904, range: 0.5...1.5), beta = randomTensor([3], seed: 905)
        let rm = randomTensor([3], seed: 906), rv = randomTensor([3], seed: 907, range: 0.5...2)
        try expectGradients([x, gamma, beta]) {
            try Tensor.batchNorm(x, gamma: gamma, beta: beta, runningMean: rm, runningVar: rv,
                                 training: false, momentum: 0.9, epsilon: 1e-3)
        }
    }

    @Test func layerNorm() throws {
        let x = randomTensor([3, 5], seed: 908, range: -2...2)
        let gamma = randomTensor([5], seed: 909, range: 0.5...1.5), beta = randomTensor([5], seed: 910)
        try expectGradients([x, gamma, beta]) { try Tensor.layerNorm(x, gamma: gamma, beta: beta, epsilon: 1e-3) }
    }

    @Test func embeddingTableGradient() throws {
        // Ids repeat (2 twice), one row (4) is never used and must get a zero gradient.
        let ids = Tensor([0, 2, 1, 2, 3, 0], shape: [2, 3])
        let table = randomTensor([5, 3], seed: 911)
        try expectGradients([table]) {
            let y = try Tensor.embedding(ids, table: table)
            #expect(y.shape == [2, 3, 3])
            return y
        }
    }
}

@Suite("Gradients: losses")
struct LossGradientTests {
    @Test func sparseSoftmaxCrossEntropy() throws {
        let logits = randomTensor([4, 5], seed: 1000, range: -2...2)
        let labels = randomLabels(count: 4, classes: 5, seed: 1001)
        try expectGradients([logits]) { try Tensor.softmaxCrossEntropy(logits: logits, labels: labels) }
    }

    @Test(arguments: [false, true])
    func softmaxCrossEntropyWithTargets(soft: Bool) throws {
        let logits = randomTensor([4, 5], seed: 1002, range: -2...2)
        let targets = soft ? randomDistribution(rows: 4, classes: 5, seed: 1003)
                           : oneHot(randomLabels(count: 4, classes: 5, seed: 1004), classes: 5)
        try expectGradients([logits]) { try Tensor.softmaxCrossEntropy(logits: logits, targets: targets) }
    }

    @Test func crossEntropyOnProbabilities() throws {
        let p = randomDistribution(rows: 4, classes: 5, seed: 1005, floor: 0.2)
        let labels = randomLabels(count: 4, classes: 5, seed: 1006)
        try expectGradients([p], eps: 1e-3) { try Tensor.crossEntropy(probabilities: p, labels: labels) }
    }

    @Test func sigmoidCrossEntropy() throws {
        let logits = randomTensor([3, 4], seed: 1007, range: -3...3), targets = randomTensor([3, 4], seed: 1008, range: 0...1)
        try expectGradients([logits]) { try Tensor.sigmoidCrossEntropy(logits: logits, targets: targets) }
    }

    @Test func binaryCrossEntropyOnProbabilities() throws {
        let p = randomTensor([3, 4], seed: 1009, range: 0.1...0.9), targets = randomTensor([3, 4], seed: 1010, range: 0...1)
        try expectGradients([p], eps: 1e-3) { try Tensor.binaryCrossEntropy(probabilities: p, targets: targets) }
    }

    @Test func meanSquaredError() throws {
        let y = randomTensor([3, 4], seed: 1011), t = randomTensor([3, 4], seed: 1012)
        try expectGradients([y]) { try Tensor.meanSquaredError(y, t) }
    }

    @Test func meanAbsoluteError() throws {
        // y - t has magnitude at least 0.1 everywhere: off the kink.
        let t = randomTensor([3, 4], seed: 1013)
        let y = try GradMode.off { try Tensor.add(t, randomSignedTensor([3, 4], seed: 1014, magnitude: 0.1...1)) }.detached()
        try expectGradients([y]) { try Tensor.meanAbsoluteError(y, t) }
    }

    @Test func lossThroughADenseNetwork() throws {
        // linear -> tanh -> linear -> softmax cross-entropy: gradients flow through the whole chain.
        let x = randomTensor([4, 3], seed: 1015), w1 = randomTensor([3, 5], seed: 1016), b1 = randomTensor([5], seed: 1017)
        let w2 = randomTensor([5, 3], seed: 1018), b2 = randomTensor([3], seed: 1019)
        let labels: [Int32] = [0, 2, 1, 2]
        try expectGradients([x, w1, b1, w2, b2]) {
            let h = Tensor.activate(try Tensor.linear(x, w1, b1), .tanh)
            return try Tensor.softmaxCrossEntropy(logits: try Tensor.linear(h, w2, b2), labels: labels)
        }
    }
}

@Suite("Gradient checker")
struct GradientCheckerSelfTests {
    @Test func detectsAMissingGradient() {
        // The graph is cut by detached(): autograd gives zeros, finite differences do not.
        let x = randomTensor([3], seed: 1100)
        let r = gradientCheck(inputs: [x]) { Tensor.sumSquares(x.detached()) }
        #expect(!r.passed)
        #expect(r.failures == 3)
    }

    @Test func detectsAWrongGradientAndReportsTheWorstElement() throws {
        // Forward under recording computes 2x, without recording 3x: analytic 2·r, numeric 3·r.
        let x = randomTensor([2, 3], seed: 1101)
        let r = gradientCheck(inputs: [x]) { Tensor.scale(x, GradMode.isEnabled ? 2 : 3) }
        #expect(!r.passed)
        let worst = try #require(r.worst)
        #expect(worst.input == 0 && worst.index.count == 2)
        #expect(abs(worst.numeric / worst.analytic - 1.5) < 1e-3)
        #expect(r.description.contains("FAILED"))
    }

    @Test func projectionReachesEveryOutputElement() throws {
        let y = randomTensor([2, 3], seed: 1102, requiresGrad: true)
        try projectToScalar(y).backward()
        #expect(y.gradArray == projectionWeights(count: 6))
        #expect(y.gradArray.allSatisfy { abs($0) >= 0.5 })
    }

    @Test func restoresInputs() {
        let x = randomTensor([4], seed: 1103), before = x.array
        _ = gradientCheck(inputs: [x]) { Tensor.activate(x, .tanh) }
        #expect(bitIdentical(x.array, before))
    }
}
