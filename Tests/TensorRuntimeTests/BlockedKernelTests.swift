import Testing
import TensorRuntime
import TestSupport

// The blocked convolution (im2col rows in L2-sized blocks, kept rows for small windows), the tiled max
// pooling and the two-pass batch normalisation against naive references, forward and backward, on odd
// shapes big enough to cross block, chunk and slice boundaries; and bit-identical for 1, 2 and 3 threads.

/// Naive gradients of conv2d for upstream dy (already masked by any activation), in Double.
func referenceConv2dBackward(x: Tensor, w: Tensor, dy: [Float], stride: Int, padding: Padding) -> (dx: [Float], dw: [Float], db: [Float]) {
    let (n, h, wd, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw, f) = (w.shape[0], w.shape[1], w.shape[3])
    let (oh, top) = referenceWindow(input: h, kernel: kh, stride: stride, padding: padding)
    let (ow, left) = referenceWindow(input: wd, kernel: kw, stride: stride, padding: padding)
    let X = x.array, W = w.array
    var dx = [Double](repeating: 0, count: X.count), dw = [Double](repeating: 0, count: W.count), db = [Double](repeating: 0, count: f)
    for img in 0..<n { for oy in 0..<oh { for ox in 0..<ow { for fo in 0..<f {
        let g = Double(dy[((img * oh + oy) * ow + ox) * f + fo])
        db[fo] += g
        for ky in 0..<kh { for kx in 0..<kw {
            let iy = oy * stride - top + ky, ix = ox * stride - left + kx
            guard iy >= 0 && iy < h && ix >= 0 && ix < wd else { continue }
            for ch in 0..<c {
                let xi = ((img * h + iy) * wd + ix) * c + ch, wi = ((ky * kw + kx) * c + ch) * f + fo
                dw[wi] += g * Double(X[xi])
                dx[xi] += g * Double(W[wi])
            }
        } }
    } } } }
    return (dx.map(Float.init), dw.map(Float.init), db.map(Float.init))
}

/// Runs `body` with the shared pool at each thread count and returns its results.
func atThreadCounts<R>(_ counts: [Int], _ body: () throws -> R) rethrows -> [R] {
    let pool = ThreadPool.shared, before = pool.threadCount
    defer { pool.setThreadCount(before) }
    var results: [R] = []
    for n in counts {
        pool.setThreadCount(n)
        results.append(try body())
    }
    return results
}

@Suite("Blocked kernels")
struct BlockedKernelTests {
    static let convCases: [ConvCase] = [
        ConvCase(n: 17, h: 23, w: 19, c: 3, f: 5, k: 3, padding: .same, relu: true),        // 2 blocks per chunk, across images
        ConvCase(n: 11, h: 41, w: 37, c: 4, f: 6, k: 5, stride: 2, padding: .valid),        // 3 blocks per chunk
        ConvCase(n: 9, h: 29, w: 31, c: 1, f: 16, k: 3, padding: .same, relu: true),        // kept im2col rows (K <= F)
        ConvCase(n: 5, h: 15, w: 22, c: 2, f: 24, k: 3, stride: 2, padding: .valid, bias: false),
    ]

    @Test(arguments: convCases)
    func convForwardAndBackwardAgainstReference(_ cc: ConvCase) throws {
        let x = randomTensor(cc.xShape, seed: 31, requiresGrad: true)
        let w = randomTensor(cc.wShape, seed: 32, range: -0.3...0.3, requiresGrad: true)
        let b = randomTensor([cc.f], seed: 33, requiresGrad: true)
        let y = try Tensor.conv2d(x, w, cc.bias ? b : nil, stride: cc.stride, padding: cc.padding, activation: cc.relu ? .relu : .none)
        let ref = referenceConv2d(x, w, cc.bias ? b : nil, stride: cc.stride, padding: cc.padding, relu: cc.relu)
        #expect(y.shape == ref.shape)
        #expect(maxAbsDifference(y, ref) <= 1e-4)
        let weights = projectionWeights(count: y.count)
        try Tensor.sum(Tensor.mul(y, Tensor(weights, shape: y.shape))).backward()
        let dy = zip(weights, ref.array).map { g, v in cc.relu && v <= 0 ? 0 : g }
        let expected = referenceConv2dBackward(x: x, w: w, dy: dy, stride: cc.stride, padding: cc.padding)
        #expect(allClose(x.gradArray, expected.dx, relative: 1e-4, absolute: 1e-4))
        #expect(allClose(w.gradArray, expected.dw, relative: 1e-4, absolute: 1e-3))
        if cc.bias { #expect(allClose(b.gradArray, expected.db, relative: 1e-4, absolute: 1e-3)) }
    }

    @Test func keptRowsConvolutionHasCorrectGradients() throws {
        // K = 3·3·1 <= F = 12: the im2col rows are kept from forward for the weight gradient.
        let x = randomTensor([2, 5, 6, 1], seed: 34), w = randomTensor([3, 3, 1, 12], seed: 35), b = randomTensor([12], seed: 36)
        try expectGradients([x, w, b]) { try Tensor.conv2d(x, w, b, padding: .same) }
    }

    @Test(arguments: [([3, 9, 11, 13], 2), ([2, 12, 12, 8], 3), ([4, 7, 7, 16], 2)])
    func tiledMaxPoolForwardAndBackward(shape: [Int], size: Int) throws {
        let x = distinctRandomTensor(shape, seed: 37)
        x.requiresGrad = true
        let y = try Tensor.maxPool2d(x, size: size)
        let ref = referenceMaxPool(x, size: size)
        #expect(y.shape == ref.shape)
        #expect(maxAbsDifference(y, ref) == 0)
        // dx holds dy at each window's max and zero elsewhere (rows and columns outside every window too).
        let weights = projectionWeights(count: y.count)
        let loss = try Tensor.sum(Tensor.mul(y, Tensor(weights, shape: y.shape)))
        loss.backward()
        let (h, wd, c) = (shape[1], shape[2], shape[3]), (oh, ow) = (h / size, wd / size), X = x.array
        var expected = [Float](repeating: 0, count: x.count)
        for img in 0..<shape[0] { for oy in 0..<oh { for ox in 0..<ow { for ch in 0..<c {
            var best = -Float.infinity, at = 0
            for i in 0..<size { for j in 0..<size {
                let p = ((img * h + oy * size + i) * wd + ox * size + j) * c + ch
                if X[p] > best { best = X[p]; at = p }
            } }
            expected[at] = weights[((img * oh + oy) * ow + ox) * c + ch]
        } } } }
        #expect(x.gradArray == expected)
        // A second backward adds to the gradient already there.
        let y2 = try Tensor.maxPool2d(x, size: size)
        try Tensor.sum(Tensor.mul(y2, Tensor(weights, shape: y2.shape))).backward()
        #expect(x.gradArray == expected.map { $0 * 2 })
    }

    @Test(arguments: [(2, 2), (3, 2)])
    func maxPoolWithoutRecordingMatchesRecorded(size: Int, stride: Int) throws {
        // Evaluation keeps no argmax for the batch; the values must not change.
        let x = distinctRandomTensor([5, 11, 9, 10], seed: 50, requiresGrad: true)
        let recorded = try Tensor.maxPool2d(x, size: size, stride: stride)
        let evaluated = try GradMode.off { try Tensor.maxPool2d(x, size: size, stride: stride) }
        #expect(bitIdentical(recorded.array, evaluated.array))
        #expect(bitIdentical(evaluated.array, referenceMaxPool(x, size: size, stride: stride).array))
    }

    @Test(arguments: [([40, 13, 12, 3], true), ([3, 7, 5, 11], true), ([3, 7, 5, 11], false)])
    func batchNormForwardAndBackwardAgainstReference(shape: [Int], training: Bool) throws {
        let c = shape[3], rows = Shape.count(shape) / c
        let x = randomTensor(shape, seed: 38, range: 1...3, requiresGrad: true)
        let gamma = randomTensor([c], seed: 39, range: 0.5...1.5, requiresGrad: true)
        let beta = randomTensor([c], seed: 40, requiresGrad: true)
        let runMean = randomTensor([c], seed: 41), runVar = randomTensor([c], seed: 42, range: 0.5...2)
        let (rm, rv) = (runMean.array, runVar.array)
        let y = try Tensor.batchNorm(x, gamma: gamma, beta: beta, runningMean: runMean, runningVar: runVar,
                                     training: training, momentum: 0.9, epsilon: 1e-3)
        let weights = projectionWeights(count: y.count)
        try Tensor.sum(Tensor.mul(y, Tensor(weights, shape: y.shape))).backward()
        let X = x.array, G = gamma.array, B = beta.array
        var refY = [Float](repeating: 0, count: X.count), refDX = refY
        for j in 0..<c {
            var mean = 0.0, variance = 0.0
            for r in 0..<rows { mean += Double(X[r * c + j]) }
            mean /= Double(rows)
            for r in 0..<rows { let d = Double(X[r * c + j]) - mean; variance += d * d }
            variance /= Double(rows)
            if !training { mean = Double(rm[j]); variance = Double(rv[j]) }
            let inv = 1 / (variance + 1e-3).squareRoot()
            var sumG = 0.0, sumGH = 0.0
            for r in 0..<rows {
                let h = (Double(X[r * c + j]) - mean) * inv, g = Double(weights[r * c + j])
                refY[r * c + j] = Float(Double(G[j]) * h + Double(B[j]))
                sumG += g
                sumGH += g * h
            }
            for r in 0..<rows {
                let h = (Double(X[r * c + j]) - mean) * inv, g = Double(weights[r * c + j])
                let d = training ? g - sumG / Double(rows) - h * sumGH / Double(rows) : g
                refDX[r * c + j] = Float(Double(G[j]) * inv * d)
            }
            #expect(abs(Double(beta.gradArray[j]) - sumG) <= 1e-4 * max(1, abs(sumG)))
            #expect(abs(Double(gamma.gradArray[j]) - sumGH) <= 1e-4 * max(1, abs(sumGH)))
            if training {
                #expect(abs(runMean.array[j] - (0.9 * rm[j] + 0.1 * Float(mean))) <= 1e-5)
                #expect(abs(runVar.array[j] - (0.9 * rv[j] + 0.1 * Float(variance))) <= 1e-5)
            }
        }
        #expect(allClose(y.array, refY, relative: 1e-4, absolute: 1e-4))
        #expect(allClose(x.gradArray, refDX, relative: 1e-3, absolute: 1e-4))
    }

    /// Forward and backward of every blocked kernel; results must not depend on the thread count.
    private func kernelStep() throws -> [[Float]] {
        var results: [[Float]] = []
        for cc in Self.convCases {
            let x = randomTensor(cc.xShape, seed: 43, requiresGrad: true)
            let w = randomTensor(cc.wShape, seed: 44, range: -0.3...0.3, requiresGrad: true), b = randomTensor([cc.f], seed: 45, requiresGrad: true)
            let y = try Tensor.conv2d(x, w, b, stride: cc.stride, padding: cc.padding, activation: cc.relu ? .relu : .none)
            try projectToScalar(y).backward()
            results += [y.array, x.gradArray, w.gradArray, b.gradArray]
        }
        let p = distinctRandomTensor([9, 13, 11, 24], seed: 46)
        p.requiresGrad = true
        let pooled = try Tensor.maxPool2d(p, size: 2)
        try projectToScalar(pooled).backward()
        results += [pooled.array, p.gradArray]
        let x = randomTensor([40, 13, 12, 5], seed: 47, range: 1...3, requiresGrad: true)
        let gamma = randomTensor([5], seed: 48, requiresGrad: true), beta = randomTensor([5], seed: 49, requiresGrad: true)
        let rm = Tensor(zeros: [5]), rv = Tensor(repeating: 1, shape: [5])
        let y = try Tensor.batchNorm(x, gamma: gamma, beta: beta, runningMean: rm, runningVar: rv, training: true, momentum: 0.99, epsilon: 1e-3)
        try projectToScalar(y).backward()
        results += [y.array, x.gradArray, gamma.gradArray, beta.gradArray, rm.array, rv.array]
        return results
    }

    @Test func bitIdenticalForOneTwoAndThreeThreads() throws {
        let runs = try atThreadCounts([1, 2, 3]) { try kernelStep() }
        for run in runs.dropFirst() {
            #expect(run.count == runs[0].count)
            for (i, (a, b)) in zip(runs[0], run).enumerated() {
                #expect(bitIdentical(a, b), "result \(i) differs between thread counts")
            }
        }
        #expect(runs[0].allSatisfy { $0.contains { $0 != 0 } })
    }
}
