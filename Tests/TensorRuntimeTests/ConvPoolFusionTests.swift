import Testing
import TensorRuntime
import TestSupport

// The fused convolution + max pooling against the two ops it replaces (conv2d, then maxPool2d, each tested
// against naive references elsewhere), forward and backward, on odd shapes: outputs past the last whole
// window (skipped by the fused op), strides, same padding, kept im2col rows, few channels, no bias, pool 3.

struct PoolCase: Sendable, CustomTestStringConvertible {
    var conv: ConvCase
    var pool: Int
    var testDescription: String { "\(conv.testDescription) pool \(pool)" }
}

/// A copy of t that is a leaf needing a gradient.
private func leaf(_ t: Tensor) -> Tensor {
    let copy = t.detached()
    copy.requiresGrad = true
    return copy
}

/// The unfused reference: conv2d (ReLU fused into it or not), then a tiled max pooling.
private func unfused(_ x: Tensor, _ w: Tensor, _ b: Tensor?, _ pc: PoolCase) throws -> Tensor {
    let y = try Tensor.conv2d(x, w, b, stride: pc.conv.stride, padding: pc.conv.padding, activation: pc.conv.relu ? .relu : .none)
    return try Tensor.maxPool2d(y, size: pc.pool)
}

private func fused(_ x: Tensor, _ w: Tensor, _ b: Tensor?, _ pc: PoolCase) throws -> Tensor {
    try Tensor.conv2dMaxPool(x, w, b, stride: pc.conv.stride, padding: pc.conv.padding, activation: pc.conv.relu ? .relu : .none,
                             pool: pc.pool)
}

@Suite("Fused convolution and max pooling")
struct ConvPoolFusionTests {
    static let cases: [PoolCase] = [
        PoolCase(conv: ConvCase(n: 17, h: 23, w: 19, c: 3, f: 5, k: 3, padding: .same, relu: true), pool: 2),      // odd output: last row and column skipped
        PoolCase(conv: ConvCase(n: 11, h: 41, w: 37, c: 4, f: 6, k: 5, stride: 2, padding: .valid), pool: 3),     // 19x17 -> 6x5
        PoolCase(conv: ConvCase(n: 9, h: 29, w: 31, c: 1, f: 16, k: 3, padding: .same, relu: true), pool: 2),     // kept im2col rows (K <= F)
        PoolCase(conv: ConvCase(n: 5, h: 15, w: 22, c: 2, f: 24, k: 3, stride: 2, padding: .valid, bias: false), pool: 2),
        PoolCase(conv: ConvCase(n: 3, h: 28, w: 28, c: 1, f: 32, k: 3, relu: true), pool: 2),                   // the seed CNN's first layers
        PoolCase(conv: ConvCase(n: 4, h: 13, w: 13, c: 32, f: 64, k: 3, relu: true), pool: 2),                  // and its second
        PoolCase(conv: ConvCase(n: 2, h: 9, w: 8, c: 3, f: 7, k: 3, relu: true), pool: 1),                      // pool 1: the convolution itself
    ]

    @Test(arguments: cases)
    func forwardAndBackwardMatchConvolutionThenPooling(_ pc: PoolCase) throws {
        let cc = pc.conv
        let x = randomTensor(cc.xShape, seed: 61, requiresGrad: true)
        let w = randomTensor(cc.wShape, seed: 62, range: -0.3...0.3, requiresGrad: true)
        let b = randomTensor([cc.f], seed: 63, requiresGrad: true)
        let (x2, w2, b2) = (leaf(x), leaf(w), leaf(b))
        let y = try fused(x, w, cc.bias ? b : nil, pc)
        let ref = try unfused(x2, w2, cc.bias ? b2 : nil, pc)
        #expect(y.shape == ref.shape)
        #expect(allClose(y.array, ref.array, relative: 1e-5, absolute: 1e-6))
        // And against the naive loops (Double sums) of both ops.
        let naive = referenceMaxPool(referenceConv2d(x, w, cc.bias ? b : nil, stride: cc.stride, padding: cc.padding, relu: cc.relu),
                                     size: pc.pool)
        #expect(naive.shape == y.shape)
        #expect(maxAbsDifference(y, naive) <= 1e-4)
        try projectToScalar(y).backward()
        try projectToScalar(ref).backward()
        #expect(allClose(x.gradArray, x2.gradArray, relative: 1e-4, absolute: 1e-5))
        #expect(allClose(w.gradArray, w2.gradArray, relative: 1e-4, absolute: 1e-4))
        if cc.bias { #expect(allClose(b.gradArray, b2.gradArray, relative: 1e-4, absolute: 1e-4)) }
        #expect(w.gradArray.contains { $0 != 0 })
    }

    @Test func frozenWeightsStillGiveTheInputGradient() throws {
        let pc = Self.cases[0]
        let x = randomTensor(pc.conv.xShape, seed: 64, requiresGrad: true), x2 = leaf(x)
        let w = randomTensor(pc.conv.wShape, seed: 65, range: -0.3...0.3), b = randomTensor([pc.conv.f], seed: 66)
        try projectToScalar(fused(x, w, b, pc)).backward()
        try projectToScalar(unfused(x2, w, b, pc)).backward()
        #expect(allClose(x.gradArray, x2.gradArray, relative: 1e-4, absolute: 1e-5))
        #expect(w.grad == nil && b.grad == nil)
    }

    @Test(arguments: cases)
    func evaluationMatchesTraining(_ pc: PoolCase) throws {
        // Without a graph the op keeps no window positions and no im2col rows; the values must not change.
        let x = randomTensor(pc.conv.xShape, seed: 67, requiresGrad: true)
        let w = randomTensor(pc.conv.wShape, seed: 68, range: -0.3...0.3, requiresGrad: true), b = randomTensor([pc.conv.f], seed: 69)
        let recorded = try fused(x, w, b, pc)
        let evaluated = try GradMode.off { try fused(x, w, b, pc) }
        #expect(bitIdentical(recorded.array, evaluated.array))
    }

    @Test func gradientCheckAwayFromTiesAndKinks() throws {
        // A seed whose windows have a clear winner and whose maxima keep away from the ReLU's kink.
        let pc = PoolCase(conv: ConvCase(n: 2, h: 7, w: 6, c: 2, f: 3, k: 3, relu: true), pool: 2)
        let w = randomTensor(pc.conv.wShape, seed: 70, range: -0.5...0.5), b = randomTensor([3], seed: 71, range: -0.1...0.1)
        let seed = try firstSeed { s in
            let z = try Tensor.conv2d(randomTensor(pc.conv.xShape, seed: s), w, b).array
            return windowMargins(z, h: 5, w: 4, f: 3, pool: 2) > 0.08
        }
        let s = try #require(seed)
        let x = randomTensor(pc.conv.xShape, seed: s)
        try expectGradients([x, w, b], eps: 1e-3) { try fused(x, w, b, pc) }
    }

    @Test func bitIdenticalForOneTwoAndThreeThreads() throws {
        let runs = try atThreadCounts([1, 2, 3]) { () -> [[Float]] in
            var results: [[Float]] = []
            for pc in Self.cases {
                let x = randomTensor(pc.conv.xShape, seed: 72, requiresGrad: true)
                let w = randomTensor(pc.conv.wShape, seed: 73, range: -0.3...0.3, requiresGrad: true)
                let b = randomTensor([pc.conv.f], seed: 74, requiresGrad: true)
                let y = try fused(x, w, b, pc)
                try projectToScalar(y).backward()
                results += [y.array, x.gradArray, w.gradArray, b.gradArray]
            }
            return results
        }
        for run in runs.dropFirst() {
            for (i, (a, b)) in zip(runs[0], run).enumerated() { #expect(bitIdentical(a, b), "result \(i) differs between thread counts") }
        }
    }

    @Test func badPoolSizesAndShapesAreErrors() {
        let x = randomTensor([1, 6, 6, 1], seed: 75), w = randomTensor([3, 3, 1, 2], seed: 76)
        expectTensorError(.badArgument(op: "conv2d+maxpool", message: "pool size must be 1 to 15, got 16"), mentions: ["15"]) {
            _ = try Tensor.conv2dMaxPool(x, w, nil, pool: 16)
        }
        expectTensorError(.badArgument(op: "conv2d+maxpool", message: "pool size must be 1 to 15, got 0")) {
            _ = try Tensor.conv2dMaxPool(x, w, nil, pool: 0)
        }
        expectTensorError(.badShape(op: "maxpool", shape: [1, 4, 4, 2], expected: "height and width of at least 5x5")) {
            _ = try Tensor.conv2dMaxPool(x, w, nil, pool: 5)
        }
        expectTensorError(.shapeMismatch(op: "conv2d", lhs: [1, 6, 6, 1], rhs: [3, 3, 2, 2])) {
            _ = try Tensor.conv2dMaxPool(x, randomTensor([3, 3, 2, 2], seed: 77), nil, pool: 2)
        }
    }
}

/// The smallest, over windows of z (N,H,W,F) that a tiled pooling uses, of the gap between the largest
/// and second-largest cell and of the largest cell's distance from 0 (the ReLU's kink).
private func windowMargins(_ z: [Float], h: Int, w: Int, f: Int, pool: Int) -> Float {
    var margin = Float.infinity
    let n = z.count / (h * w * f)
    for img in 0..<n { for oy in 0..<h / pool { for ox in 0..<w / pool { for ch in 0..<f {
        var cells: [Float] = []
        for i in 0..<pool { for j in 0..<pool { cells.append(z[((img * h + oy * pool + i) * w + ox * pool + j) * f + ch]) } }
        cells.sort(by: >)
        margin = min(margin, cells[0] - cells[1], abs(cells[0]))
    } } } }
    return margin
}
