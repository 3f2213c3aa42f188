import Foundation
import Testing
import TensorRuntime
import TestSupport

// The ops attention needs: permute, slice/split/concat, mean over an axis, masked fill, the causal softmax,
// per-head scores and combination, image patches. Forward values against naive loops, gradients against
// central differences.

/// Element (indices) of a row-major array of `shape`.
private func at(_ values: [Float], _ shape: [Int], _ index: [Int]) -> Float {
    var flat = 0
    for (d, i) in zip(shape, index) { flat = flat * d + i }
    return values[flat]
}

/// Naive per-head attention in Double: q (B, Tq, H·dk), k (B, Tk, H·dk) -> scores (B, H, Tq, Tk).
private func referenceScores(_ q: Tensor, _ k: Tensor, heads: Int, scale: Double) -> [Float] {
    let b = q.shape[0], tq = q.shape[1], tk = k.shape[1], dk = q.shape[2] / heads
    var out: [Float] = []
    for n in 0..<b { for h in 0..<heads { for i in 0..<tq { for j in 0..<tk {
        var s: Double = 0
        for c in 0..<dk {
            s += Double(at(q.array, q.shape, [n, i, h * dk + c])) * Double(at(k.array, k.shape, [n, j, h * dk + c]))
        }
        out.append(Float(s * scale))
    } } } }
    return out
}

/// Runs `step` with 1 and then 3 pool threads and expects bit-identical results.
private func expectSameWithOneAndThreeThreads(_ step: () throws -> [[Float]],
                                              sourceLocation: SourceLocation = #_sourceLocation) throws {
    let pool = ThreadPool.shared
    let before = pool.threadCount
    defer { pool.setThreadCount(before) }
    pool.setThreadCount(1)
    let one = try step()
    pool.setThreadCount(3)
    let three = try step()
    for i in one.indices {
        #expect(bitIdentical(one[i], three[i]), "result \(i) differs between 1 and 3 threads", sourceLocation: sourceLocation)
    }
}

@Suite("Attention ops")
struct AttentionOpsTests {
    @Test func permuteMatchesIndexing() throws {
        let x = randomTensor([2, 3, 4, 5], seed: 1)
        for axes in [[0, 2, 1, 3], [3, 1, 0, 2], [0, 1, 2, 3], [1, 0, 3, 2]] {
            let y = try Tensor.permute(x, axes: axes)
            #expect(y.shape == axes.map { x.shape[$0] })
            var expected: [Float] = []
            for i0 in 0..<y.shape[0] { for i1 in 0..<y.shape[1] { for i2 in 0..<y.shape[2] { for i3 in 0..<y.shape[3] {
                var source = [0, 0, 0, 0]
                for (k, i) in [i0, i1, i2, i3].enumerated() { source[axes[k]] = i }
                expected.append(at(x.array, x.shape, source))
            } } } }
            #expect(y.array == expected, "axes \(axes)")
        }
    }

    @Test(arguments: [[0, 2, 1, 3], [2, 0, 3, 1]])
    func permuteGradients(axes: [Int]) throws {
        let x = randomTensor([2, 3, 2, 4], seed: 2)
        try expectGradients([x]) { try Tensor.permute(x, axes: axes) }
    }

    @Test func transposeTwiceIsTheIdentity() throws {
        let x = randomTensor([2, 5, 3, 4], seed: 3)
        let y = try Tensor.transpose(Tensor.transpose(x, 1, 2), 1, 2)
        #expect(y.array == x.array && y.shape == x.shape)
    }

    @Test func permuteRejectsAxesThatAreNotAPermutation() {
        let x = randomTensor([2, 3], seed: 4)
        expectTensorError(.badArgument(op: "permute", message: "axes [0, 0] are not a permutation of 0..<2"), mentions: ["[0, 0]"]) {
            _ = try Tensor.permute(x, axes: [0, 0])
        }
    }

    @Test func splitThenConcatRestores() throws {
        let x = randomTensor([2, 5, 3], seed: 5)
        let parts = try Tensor.split(x, axis: 1, sizes: [1, 3, 1])
        #expect(parts.map(\.shape) == [[2, 1, 3], [2, 3, 3], [2, 1, 3]])
        #expect(parts[1].array == Array(x.array[3..<12]) + Array(x.array[18..<27]))
        let joined = try Tensor.concat(parts, axis: 1)
        #expect(joined.shape == x.shape && joined.array == x.array)
    }

    @Test func splitAndConcatGradients() throws {
        let x = randomTensor([2, 4, 3], seed: 6), y = randomTensor([2, 2, 3], seed: 7)
        try expectGradients([x]) {
            let parts = try Tensor.split(x, axis: 2, sizes: [2, 1])
            return try Tensor.concat([parts[1], parts[0]], axis: 2)
        }
        try expectGradients([x, y]) { try Tensor.concat([y, x, y], axis: 1) }
    }

    @Test func concatAndSplitRejectMisfits() {
        let a = randomTensor([2, 3], seed: 8), b = randomTensor([3, 3], seed: 9)
        expectTensorError(.shapeMismatch(op: "concat", lhs: [2, 3], rhs: [3, 3])) { _ = try Tensor.concat([a, b], axis: 1) }
        expectTensorError(.badArgument(op: "split", message: "sizes [2, 2] do not add up to 3, the length of axis 1")) {
            _ = try Tensor.split(a, axis: 1, sizes: [2, 2])
        }
        expectTensorError(.badArgument(op: "slice", message: "axis 2 is outside 0..<2 for shape (2, 3)")) {
            _ = try Tensor.slice(a, axis: 2, range: 0..<1)
        }
    }

    @Test func meanOverAxisMatchesLoopsAndGradients() throws {
        let x = randomTensor([2, 4, 3], seed: 10)
        let y = try Tensor.mean(x, axis: 1)
        #expect(y.shape == [2, 3])
        var expected: [Float] = []
        for n in 0..<2 { for d in 0..<3 {
            expected.append(Float((0..<4).reduce(0.0) { $0 + Double(at(x.array, x.shape, [n, $1, d])) } / 4))
        } }
        #expect(allClose(y.array, expected))
        try expectGradients([x]) { try Tensor.mean(x, axis: 1) }
        try expectGradients([x]) { try Tensor.mean(x, axis: 2) }
    }

    @Test func maskedFillSetsMaskedValuesAndStopsTheirGradient() throws {
        let x = randomTensor([2, 3, 3], seed: 11)
        let mask = Tensor.causalMask(queries: 3, keys: 3)
        #expect(mask.array == [0, 1, 1, 0, 0, 1, 0, 0, 0])
        let y = try Tensor.maskedFill(x, mask: mask, value: -9)
        for i in 0..<x.count { #expect(y.array[i] == (mask.array[i % 9] != 0 ? -9 : x.array[i])) }
        try expectGradients([x]) { try Tensor.maskedFill(x, mask: mask, value: -9) }
    }

    @Test func causalMaskWithFewerQueriesSeesThePrefix() {
        // 2 queries over 4 keys: the queries are the last two positions.
        #expect(Tensor.causalMask(queries: 2, keys: 4).array == [0, 0, 0, 1, 0, 0, 0, 0])
    }

    @Test(arguments: [false, true])
    func attentionSoftmaxEqualsSoftmaxOfTheMaskedScores(causal: Bool) throws {
        let x = randomTensor([2, 2, 4, 4], seed: 12, range: -2...2)
        let y = try Tensor.attentionSoftmax(x, causal: causal)
        let masked = causal ? try Tensor.maskedFill(x, mask: Tensor.causalMask(queries: 4, keys: 4), value: -1e9) : x
        #expect(allClose(y.array, referenceSoftmax(masked).array, relative: 1e-5, absolute: 1e-6))
        try expectGradients([x]) { try Tensor.attentionSoftmax(x, causal: causal) }
    }

    @Test func attentionScoresMatchPerHeadProducts() throws {
        let q = randomTensor([2, 3, 8], seed: 13), k = randomTensor([2, 5, 8], seed: 14)
        let s = try Tensor.attentionScores(q, k, heads: 2, scale: 0.5)
        #expect(s.shape == [2, 2, 3, 5])
        #expect(allClose(s.array, referenceScores(q, k, heads: 2, scale: 0.5), relative: 1e-5, absolute: 1e-6))
        try expectGradients([q, k]) { try Tensor.attentionScores(q, k, heads: 2, scale: 0.5) }
    }

    @Test func attentionScoresOfOneTensorWithItself() throws {
        // Self-attention without projections: both gradient contributions reach the same tensor.
        let x = randomTensor([2, 4, 6], seed: 15)
        try expectGradients([x]) { try Tensor.attentionScores(x, x, heads: 3, scale: 0.4) }
    }

    @Test func attentionCombineMatchesPermutedBatchedMatmul() throws {
        let w = randomTensor([2, 2, 3, 4], seed: 16), v = randomTensor([2, 4, 6], seed: 17)
        let o = try Tensor.attentionCombine(w, v)
        #expect(o.shape == [2, 3, 6])
        // The same product the long way: split heads with permute, batched matmul, merge heads back.
        let vh = try Tensor.permute(v.reshaped([2, 4, 2, 3]), axes: [0, 2, 1, 3]).reshaped([4, 4, 3])
        let oh = try Tensor.batchedMatmul(w.reshaped([4, 3, 4]), vh)
        let merged = try Tensor.permute(oh.reshaped([2, 2, 3, 3]), axes: [0, 2, 1, 3])
        #expect(allClose(o.array, merged.array, relative: 1e-5, absolute: 1e-6))
        try expectGradients([w, v]) { try Tensor.attentionCombine(w, v) }
    }

    @Test func attentionOpsRejectMisfits() {
        let q = randomTensor([2, 3, 8], seed: 18), k = randomTensor([2, 3, 6], seed: 19)
        expectTensorError(.shapeMismatch(op: "attention scores", lhs: [2, 3, 8], rhs: [2, 3, 6])) {
            _ = try Tensor.attentionScores(q, k, heads: 2, scale: 1)
        }
        expectTensorError(.badArgument(op: "attention scores", message: "8 features do not split into 3 heads")) {
            _ = try Tensor.attentionScores(q, q, heads: 3, scale: 1)
        }
    }

    @Test func attentionIsBitIdenticalForAnyThreadCount() throws {
        func step() throws -> [[Float]] {
            let q = randomTensor([9, 16, 64], seed: 20, requiresGrad: true)
            let k = randomTensor([9, 16, 64], seed: 21, requiresGrad: true)
            let v = randomTensor([9, 16, 64], seed: 22, requiresGrad: true)
            let w = try Tensor.attentionSoftmax(Tensor.attentionScores(q, k, heads: 4, scale: 0.25), causal: true)
            let o = try Tensor.attentionCombine(w, v)
            try projectToScalar(o).backward()
            return [o.array, q.gradArray, k.gradArray, v.gradArray]
        }
        try expectSameWithOneAndThreeThreads(step)
    }

    @Test func layerNormAndGeluAreBitIdenticalForAnyThreadCount() throws {
        // 640 rows of 64: layer norm's parameter gradients are summed over three blocks of rows.
        func step() throws -> [[Float]] {
            let x = randomTensor([40, 16, 64], seed: 25, requiresGrad: true)
            let gamma = randomTensor([64], seed: 26, range: 0.5...1.5, requiresGrad: true)
            let beta = randomTensor([64], seed: 27, requiresGrad: true)
            let y = Tensor.activate(try Tensor.layerNorm(x, gamma: gamma, beta: beta, epsilon: 1e-3), .gelu)
            try projectToScalar(y).backward()
            return [y.array, x.gradArray, gamma.gradArray, beta.gradArray]
        }
        try expectSameWithOneAndThreeThreads(step)
    }

    @Test func patchesAreRowMajorAndFlattenedRowColumnChannel() throws {
        // One 4x4 image with 2 channels, value = 100·y + 10·x + c.
        var values: [Float] = []
        for y in 0..<4 { for x in 0..<4 { for c in 0..<2 { values.append(Float(100 * y + 10 * x + c)) } } }
        let image = Tensor(values, shape: [1, 4, 4, 2])
        let p = try Tensor.patches(image, size: 2)
        #expect(p.shape == [1, 4, 8])
        // Patch 1 is the top-right one: rows 0-1, columns 2-3.
        #expect(Array(p.array[8..<16]) == [20, 21, 30, 31, 120, 121, 130, 131])
        let x = randomTensor([2, 4, 6, 3], seed: 23)
        try expectGradients([x]) { try Tensor.patches(x, size: 2) }
    }

    @Test func patchesRejectASizeThatDoesNotDivideTheImage() {
        let x = randomTensor([1, 5, 4, 1], seed: 24)
        expectTensorError(.badShape(op: "patches", shape: [1, 5, 4, 1], expected: "(N, H, W, C) with H and W multiples of 2")) {
            _ = try Tensor.patches(x, size: 2)
        }
    }
}

@Suite("GELU and attention softmax arithmetic")
struct GeluArithmeticTests {
    @Test func geluIsTheErfFormWithinFloatPrecision() throws {
        // x·Φ(x) over [-10, 10] against Double's erfc; the derivative against Φ(x) + x·φ(x).
        let values = (0..<2001).map { Float($0 - 1000) / 100 }
        let x = Tensor(values, shape: [values.count], requiresGrad: true)
        let y = Tensor.activate(x, .gelu)
        Tensor.sum(y).backward()
        for (i, v) in values.enumerated() {
            let d = Double(v)
            let cdf = 0.5 * erfc(-d / 2.0.squareRoot())
            let pdf = exp(-0.5 * d * d) / (2 * Double.pi).squareRoot()
            #expect(abs(Double(y.array[i]) - d * cdf) <= 3e-7 * max(1, abs(d)), "gelu(\(v)) = \(y.array[i]), expected \(d * cdf)")
            #expect(abs(Double(x.gradArray[i]) - (cdf + d * pdf)) <= 1e-6, "gelu'(\(v))")
        }
    }

    @Test func geluPassesNaNAndInfinityThroughWithoutTrapping() {
        let y = Tensor.activate(Tensor([.nan, .infinity, -.infinity, 0], shape: [4]), .gelu).array
        #expect(y[0].isNaN)
        #expect(y[1] == .infinity)
        #expect(y[2].isNaN || y[2] == 0, "-inf·Φ(-inf) is 0·inf: NaN or 0, never a trap")
        #expect(y[3] == 0)
    }

    @Test func attentionSoftmaxMatchesTheDoubleReferenceOnWideRanges() throws {
        let x = randomTensor([3, 2, 8, 8], seed: 30, range: -40...40)
        let y = try Tensor.attentionSoftmax(x, causal: false)
        #expect(allClose(y.array, referenceSoftmax(x).array, relative: 1e-6, absolute: 1e-7))
    }
}
