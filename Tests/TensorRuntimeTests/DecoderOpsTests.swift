import Foundation
import Testing
import TensorRuntime
import TestSupport

// The decoder and VAE ops: transposed convolution and nearest upsampling against naive references and
// Keras's shapes, gradient checks, bit-identical results for 1, 2 and 3 threads; the reparameterised
// sample and the KL term against hand computations and finite differences.

/// Naive transposed convolution: y[n, ih·s + kh - top, iw·s + kw - left, f] += x[n, ih, iw, c] · w[kh, kw, f, c],
/// with TensorFlow's padding for `same` (total max(K - s, 0), the smaller half before), in Double.
func referenceConv2dTranspose(_ x: Tensor, _ w: Tensor, _ b: Tensor?, stride s: Int, padding: Padding, relu: Bool = false) -> Tensor {
    let (n, h, wd, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let k = w.shape[0], f = w.shape[2]
    let oh = padding == .same ? h * s : (h - 1) * s + k, ow = padding == .same ? wd * s : (wd - 1) * s + k
    let pad = padding == .same ? max(k - s, 0) / 2 : 0
    let X = x.array, W = w.array, B = b?.array
    var y = [Double](repeating: 0, count: n * oh * ow * f)
    for img in 0..<n { for iy in 0..<h { for ix in 0..<wd { for ch in 0..<c {
        let v = Double(X[((img * h + iy) * wd + ix) * c + ch])
        for ky in 0..<k { for kx in 0..<k {
            let oy = iy * s + ky - pad, ox = ix * s + kx - pad
            guard oy >= 0 && oy < oh && ox >= 0 && ox < ow else { continue }
            for fo in 0..<f { y[((img * oh + oy) * ow + ox) * f + fo] += v * Double(W[((ky * k + kx) * f + fo) * c + ch]) }
        } }
    } } } }
    if let B { for i in y.indices { y[i] += Double(B[i % f]) } }
    if relu { for i in y.indices { y[i] = max(y[i], 0) } }
    return Tensor(y.map(Float.init), shape: [n, oh, ow, f])
}

struct TransposeCase: Sendable, CustomTestStringConvertible {
    var n = 1
    var h: Int, w: Int, c: Int, f: Int, k: Int
    var stride = 1
    var padding: Padding = .valid
    var relu = false
    var testDescription: String { "N\(n) \(h)x\(w)x\(c) -> F\(f) k\(k) s\(stride) \(padding)\(relu ? " relu" : "")" }
}

@Suite("Decoder and VAE ops")
struct DecoderOpsTests {
    static let cases: [TransposeCase] = [
        TransposeCase(h: 3, w: 4, c: 2, f: 3, k: 3),
        TransposeCase(n: 2, h: 3, w: 3, c: 2, f: 2, k: 3, stride: 2, padding: .same),
        TransposeCase(n: 2, h: 2, w: 3, c: 3, f: 2, k: 2, stride: 2, padding: .valid, relu: true),
        TransposeCase(h: 4, w: 3, c: 1, f: 2, k: 4, stride: 3, padding: .same),
        TransposeCase(n: 11, h: 7, w: 7, c: 16, f: 8, k: 3, stride: 2, padding: .same, relu: true),   // several chunks and blocks
    ]

    @Test(arguments: cases)
    func transposeMatchesTheNaiveReference(_ tc: TransposeCase) throws {
        let x = randomTensor([tc.n, tc.h, tc.w, tc.c], seed: 61, requiresGrad: true)
        let w = randomTensor([tc.k, tc.k, tc.f, tc.c], seed: 62, range: -0.4...0.4, requiresGrad: true)
        let b = randomTensor([tc.f], seed: 63, requiresGrad: true)
        let y = try Tensor.conv2dTranspose(x, w, b, stride: tc.stride, padding: tc.padding, activation: tc.relu ? .relu : .none)
        let ref = referenceConv2dTranspose(x, w, b, stride: tc.stride, padding: tc.padding, relu: tc.relu)
        #expect(y.shape == ref.shape)
        #expect(maxAbsDifference(y, ref) <= 1e-4)
    }

    @Test(arguments: cases.prefix(4))
    func transposeGradients(_ tc: TransposeCase) throws {
        let x = randomTensor([tc.n, tc.h, tc.w, tc.c], seed: 64, requiresGrad: true)
        let w = randomTensor([tc.k, tc.k, tc.f, tc.c], seed: 65, range: -0.4...0.4, requiresGrad: true)
        let b = randomTensor([tc.f], seed: 66, range: 0.2...0.6, requiresGrad: true)
        try expectGradients([x, w, b], eps: tc.relu ? 1e-3 : 1e-2) {
            try Tensor.conv2dTranspose(x, w, b, stride: tc.stride, padding: tc.padding, activation: tc.relu ? .relu : .none)
        }
    }

    @Test func transposeOfTwoByTwoStrideTwoCopiesEachPixelIntoItsBlock() throws {
        // Keras: Conv2DTranspose(1, 2, strides=2) with a kernel of ones turns each pixel into a 2x2 block.
        let x = Tensor([1, 2, 3, 4], shape: [1, 2, 2, 1]), w = Tensor(repeating: 1, shape: [2, 2, 1, 1])
        let y = try Tensor.conv2dTranspose(x, w, nil, stride: 2)
        #expect(y.shape == [1, 4, 4, 1])
        #expect(y.array == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
    }

    @Test func transposeShapesAreKeras() throws {
        // (H-1)*s + K valid, H*s same: 7x7 -> 15x15 (k3 s2 valid), 14x14 (same); 4 -> 7 (k4 s1 valid).
        for (h, k, s, padding, expected) in [(7, 3, 2, Padding.valid, 15), (7, 3, 2, .same, 14), (4, 4, 1, .valid, 7), (5, 1, 3, .valid, 13)] {
            let g = try ConvGeometry.transposed(input: [1, h, h, 2], kernel: k, filters: 3, stride: s, padding: padding, op: "t")
            #expect(g.h == expected && g.w == expected && g.oh == h, "\(h) k\(k) s\(s) \(padding)")
        }
    }

    @Test func upsampleRepeatsPixelsAndSumsGradients() throws {
        let x = Tensor([1, 2, 3, 4, 5, 6], shape: [1, 2, 3, 1], requiresGrad: true)
        let y = try Tensor.upsample2d(x, size: 2)
        #expect(y.shape == [1, 4, 6, 1])
        #expect(y.array == [1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 4, 4, 5, 5, 6, 6])
        Tensor.sum(y).backward()
        #expect(x.gradArray == [4, 4, 4, 4, 4, 4])
        let z = randomTensor([2, 3, 2, 3], seed: 67, requiresGrad: true)
        try expectGradients([z]) { try Tensor.upsample2d(z, size: 3) }
    }

    @Test func reparameterizedSampleByHand() throws {
        // mean (1, -2), logvar (0, 2·ln 3): z = mean + (1, 3)·eps.
        let x = Tensor([1, -2, 0, 2 * logf(3)], shape: [1, 4], requiresGrad: true)
        let eps = Tensor([0.5, -1], shape: [1, 2])
        let z = try Tensor.reparameterize(x, noise: eps)
        #expect(allClose(z.array, [1.5, -5], absolute: 1e-5))
        try expectGradients([x]) { try Tensor.reparameterize(x, noise: eps) }
    }

    @Test func klByHand() throws {
        // Per example -1/2 Σ (1 + lv - m² - e^lv): row 1 (m 0, lv 0) gives 0; row 2 (m 1, 2; lv ln 2, 0) gives
        // -1/2 [(1 + ln 2 - 1 - 2) + (1 + 0 - 4 - 1)] = (6 - ln 2) / 2; the mean over 2 rows is (6 - ln 2) / 4.
        let x = Tensor([0, 0, 0, 0, 1, 2, logf(2), 0], shape: [2, 4], requiresGrad: true)
        let kl = try Tensor.gaussianKL(x)
        #expect(abs(kl.scalar - (6 - logf(2)) / 4) < 1e-5)
        kl.backward()
        // dm = m / N, dlv = (e^lv - 1) / 2N.
        #expect(allClose(x.gradArray, [0, 0, 0, 0, 0.5, 1, 0.25, 0], absolute: 1e-6))
        let y = randomTensor([3, 6], seed: 68, range: -1...1, requiresGrad: true)
        try expectGradients([y]) { try Tensor.gaussianKL(y) }
    }

    private func decoderStep() throws -> [[Float]] {
        let x = randomTensor([13, 7, 7, 16], seed: 69, requiresGrad: true)
        let w = randomTensor([3, 3, 8, 16], seed: 70, range: -0.3...0.3, requiresGrad: true), b = randomTensor([8], seed: 71, requiresGrad: true)
        let y = try Tensor.conv2dTranspose(x, w, b, stride: 2, padding: .same, activation: .relu)
        let u = try Tensor.upsample2d(y, size: 2)
        try projectToScalar(u).backward()
        return [y.array, u.array, x.gradArray, w.gradArray, b.gradArray]
    }

    @Test func bitIdenticalForOneTwoAndThreeThreads() throws {
        let runs = try atThreadCounts([1, 2, 3]) { try decoderStep() }
        for run in runs.dropFirst() {
            for (i, (a, b)) in zip(runs[0], run).enumerated() { #expect(bitIdentical(a, b), "result \(i) differs between thread counts") }
        }
    }

    @Test func badShapesAreRefused() {
        #expect(throws: TensorError.self) { try Tensor.conv2dTranspose(Tensor(zeros: [1, 2, 2, 3]), Tensor(zeros: [2, 2, 1, 2]), nil) }
        #expect(throws: TensorError.self) { try Tensor.upsample2d(Tensor(zeros: [2, 3]), size: 2) }
        #expect(throws: TensorError.self) { try Tensor.upsample2d(Tensor(zeros: [1, 2, 2, 1]), size: Int.max / 2) }
        #expect(throws: TensorError.self) { try Tensor.gaussianKL(Tensor(zeros: [2, 3])) }
        #expect(throws: TensorError.self) { try Tensor.reparameterize(Tensor(zeros: [2, 4]), noise: Tensor(zeros: [2, 3])) }
    }
}
