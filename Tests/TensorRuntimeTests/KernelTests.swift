import Testing
import TensorRuntime
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

// The fast kernels (blocked GEMM on the pool, im2col convolution, pooling) against TestSupport's naive
// references, on odd shapes and on shapes large enough for every parallel path.

struct GemmCase: Sendable, CustomTestStringConvertible {
    var m: Int, n: Int, k: Int
    /// Extra columns in each operand's storage (leading dimension larger than the logical width).
    var pad = 0
    var testDescription: String { "m\(m) n\(n) k\(k)\(pad > 0 ? " pad\(pad)" : "")" }
    /// Which path Gemm.multiply takes for this case.
    var path: String {
        if m * n * k < 32_768 { return "single call" }
        return m >= 32 || n < 64 ? "row blocks" : "column blocks"
    }
}

@Suite("Kernels vs references")
struct KernelReferenceTests {
    static let gemmCases: [GemmCase] = [
        GemmCase(m: 1, n: 1, k: 1),
        GemmCase(m: 1, n: 17, k: 33),
        GemmCase(m: 17, n: 1, k: 33),
        GemmCase(m: 33, n: 17, k: 1),
        GemmCase(m: 130, n: 33, k: 17),                  // row blocks, last block short
        GemmCase(m: 33, n: 130, k: 17, pad: 3),          // row blocks (m >= 32), padded storage
        GemmCase(m: 17, n: 130, k: 33),                  // column blocks (m < 32, n >= 64)
        GemmCase(m: 5, n: 300, k: 40, pad: 5),           // column blocks, padded storage
        GemmCase(m: 130, n: 130, k: 130),
    ]

    @Test(arguments: gemmCases, [(false, false), (true, false), (false, true), (true, true)])
    func gemm(_ g: GemmCase, transposes: (Bool, Bool)) {
        let (ta, tb) = transposes
        // Logical stored shapes: a (M,K) or (K,M); b (K,N) or (N,K); each row padded by g.pad.
        let aRows = ta ? g.k : g.m, aCols = ta ? g.m : g.k
        let bRows = tb ? g.n : g.k, bCols = tb ? g.k : g.n
        let a = randomTensor([aRows, aCols], seed: 1).array, b = randomTensor([bRows, bCols], seed: 2).array
        let c0 = randomTensor([g.m, g.n], seed: 3).array
        let lda = aCols + g.pad, ldb = bCols + g.pad, ldc = g.n + g.pad
        var aStore = [Float](repeating: .nan, count: aRows * lda), bStore = [Float](repeating: .nan, count: bRows * ldb)
        var cStore = [Float](repeating: -7, count: g.m * ldc)
        for i in 0..<aRows { for j in 0..<aCols { aStore[i * lda + j] = a[i * aCols + j] } }
        for i in 0..<bRows { for j in 0..<bCols { bStore[i * ldb + j] = b[i * bCols + j] } }
        for i in 0..<g.m { for j in 0..<g.n { cStore[i * ldc + j] = c0[i * g.n + j] } }

        // c = 0.5 · op(a)·op(b) + 1 · c0, through the public entry point.
        aStore.withUnsafeBufferPointer { A in bStore.withUnsafeBufferPointer { B in cStore.withUnsafeMutableBufferPointer { C in
            Gemm.multiply(transA: ta, transB: tb, m: g.m, n: g.n, k: g.k, alpha: 0.5, a: A.baseAddress!, lda: lda,
                          b: B.baseAddress!, ldb: ldb, beta: 1, c: C.baseAddress!, ldc: ldc)
        } } }
        let ref = referenceMatmul(a, b, m: g.m, n: g.n, k: g.k, transA: ta, transB: tb)
        var got: [Float] = [], want: [Float] = []
        for i in 0..<g.m { for j in 0..<g.n {
            got.append(cStore[i * ldc + j]); want.append(0.5 * ref[i * g.n + j] + c0[i * g.n + j])
        } }
        let tol = 1e-5 + 2e-6 * Float(g.k)
        #expect(maxAbsDifference(got, want) <= tol, "\(g.path) ta \(ta) tb \(tb)")
        // The padding columns of c are never written.
        for i in 0..<g.m { for j in g.n..<ldc { #expect(cStore[i * ldc + j] == -7) } }
    }

    @Test(arguments: [(1, 1, 1), (7, 5, 3), (33, 17, 19)])
    func serialGemm(m: Int, n: Int, k: Int) {
        let a = randomTensor([m, k], seed: 4).array, b = randomTensor([n, k], seed: 5).array
        var c = [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { A in b.withUnsafeBufferPointer { B in c.withUnsafeMutableBufferPointer { C in
            Gemm.serial(transB: true, m: m, n: n, k: k, a: A.baseAddress!, lda: k, b: B.baseAddress!, ldb: k, c: C.baseAddress!, ldc: n)
        } } }
        #expect(maxAbsDifference(c, referenceMatmul(a, b, m: m, n: n, k: k, transB: true)) <= 1e-4)
    }

    @Test func gemmWithEmptyInnerDimensionWritesBetaTimesC() {
        var c = [Float](repeating: .nan, count: 6)
        var d = (1...6).map(Float.init)
        let dummy: [Float] = [0]
        dummy.withUnsafeBufferPointer { Z in
            c.withUnsafeMutableBufferPointer { C in
                Gemm.multiply(m: 2, n: 3, k: 0, a: Z.baseAddress!, lda: 1, b: Z.baseAddress!, ldb: 3, c: C.baseAddress!, ldc: 3)
            }
            d.withUnsafeMutableBufferPointer { D in
                Gemm.multiply(m: 2, n: 3, k: 0, a: Z.baseAddress!, lda: 1, b: Z.baseAddress!, ldb: 3, beta: 2, c: D.baseAddress!, ldc: 3)
            }
        }
        #expect(c == [0, 0, 0, 0, 0, 0])
        #expect(d == [2, 4, 6, 8, 10, 12])
    }

    @Test(arguments: [(130, 33, 17), (5, 130, 70), (40, 64, 64)])
    func linearAgainstReference(m: Int, k: Int, n: Int) throws {
        let x = randomTensor([m, k], seed: 6), w = randomTensor([k, n], seed: 7), b = randomTensor([n], seed: 8)
        let y = try Tensor.linear(x, w, b, activation: .relu)
        let ref = referenceMatmul(x.array, w.array, m: m, n: n, k: k)
        let bv = b.array
        let want = ref.enumerated().map { i, v in max(v + bv[i % n], 0) }
        #expect(y.shape == [m, n])
        #expect(maxAbsDifference(y.array, want) <= 1e-5 + 2e-6 * Float(k))
    }

    @Test(arguments: [false, true])
    func batchedMatmulAgainstReference(transposeB: Bool) throws {
        let a = randomTensor([3, 40, 30], seed: 9), b = randomTensor(transposeB ? [3, 50, 30] : [3, 30, 50], seed: 10)
        let y = try Tensor.batchedMatmul(a, b, transposeB: transposeB)
        #expect(maxAbsDifference(y, referenceBatchedMatmul(a, b, transposeB: transposeB)) <= 1e-4)
        let m = try Tensor.matmul(randomTensor([17, 33], seed: 11), randomTensor(transposeB ? [130, 33] : [33, 130], seed: 12), transposeB: transposeB)
        #expect(maxAbsDifference(m, referenceMatmul(randomTensor([17, 33], seed: 11), randomTensor(transposeB ? [130, 33] : [33, 130], seed: 12), transposeB: transposeB)) <= 1e-4)
    }

    static let convCases: [ConvCase] = [
        ConvCase(n: 2, h: 7, w: 9, c: 3, f: 5, k: 3, stride: 2, padding: .same),
        ConvCase(n: 2, h: 7, w: 9, c: 3, f: 5, k: 3, stride: 2, padding: .valid),
        ConvCase(n: 3, h: 8, w: 8, c: 4, f: 6, k: 3, stride: 1, padding: .valid, relu: true),
        ConvCase(n: 9, h: 5, w: 5, c: 2, f: 3, k: 3, stride: 1, padding: .same),    // several image blocks
        ConvCase(n: 2, h: 6, w: 5, c: 3, f: 4, k: 1, bias: false),
        ConvCase(n: 1, h: 11, w: 10, c: 2, f: 3, k: 5, stride: 3, padding: .same),
        ConvCase(n: 2, h: 2, w: 3, c: 2, f: 2, k: 5, padding: .same),               // kernel larger than the image
        ConvCase(n: 17, h: 12, w: 12, c: 8, f: 16, k: 3, padding: .same, relu: true),
    ]

    @Test(arguments: convCases)
    func conv2dAgainstReference(_ cc: ConvCase) throws {
        let x = randomTensor(cc.xShape, seed: 13), w = randomTensor(cc.wShape, seed: 14), b = randomTensor([cc.f], seed: 15)
        let y = try Tensor.conv2d(x, w, cc.bias ? b : nil, stride: cc.stride, padding: cc.padding, activation: cc.relu ? .relu : .none)
        let ref = referenceConv2d(x, w, cc.bias ? b : nil, stride: cc.stride, padding: cc.padding, relu: cc.relu)
        #expect(y.shape == ref.shape)
        #expect(maxAbsDifference(y, ref) <= 1e-4)
    }

    @Test func convOutputGeometryFollowsTensorFlow() throws {
        // H=7, W=9, k=3, stride 2: same -> ceil(7/2)=4 x ceil(9/2)=5, padding 1 top/left (total 2 and 2);
        // valid -> 3 x 4. H=6, k=3, stride 2, same -> 3 rows, total padding 1, all at the bottom.
        let g1 = try ConvGeometry(input: [1, 7, 9, 3], kernel: (3, 3), stride: 2, padding: .same, op: "t")
        #expect((g1.oh, g1.ow, g1.padTop, g1.padLeft) == (4, 5, 1, 1))
        let g2 = try ConvGeometry(input: [1, 7, 9, 3], kernel: (3, 3), stride: 2, padding: .valid, op: "t")
        #expect((g2.oh, g2.ow, g2.padTop, g2.padLeft) == (3, 4, 0, 0))
        let g3 = try ConvGeometry(input: [1, 6, 6, 1], kernel: (3, 3), stride: 2, padding: .same, op: "t")
        #expect((g3.oh, g3.padTop) == (3, 0))
        for h in 1...9 { for k in 1...4 { for s in 1...3 { for p in Padding.allCases where p == .same || h >= k {
            let g = try ConvGeometry(input: [1, h, h, 1], kernel: (k, k), stride: s, padding: p, op: "t")
            let r = referenceWindow(input: h, kernel: k, stride: s, padding: p)
            #expect((g.oh, g.padTop) == (r.output, r.padBefore), "h \(h) k \(k) s \(s) \(p)")
        } } } }
    }

    struct PoolCase: Sendable, CustomTestStringConvertible {
        var shape: [Int], size: Int, stride: Int?, padding: Padding
        var testDescription: String { "\(shape) size \(size) stride \(stride.map(String.init) ?? "=size") \(padding)" }
    }

    static let poolCases: [PoolCase] = [
        PoolCase(shape: [2, 7, 9, 3], size: 2, stride: nil, padding: .valid),
        PoolCase(shape: [2, 7, 9, 3], size: 2, stride: nil, padding: .same),
        PoolCase(shape: [1, 7, 9, 3], size: 3, stride: 2, padding: .same),
        PoolCase(shape: [3, 8, 8, 2], size: 3, stride: 1, padding: .valid),
        PoolCase(shape: [9, 5, 6, 4], size: 2, stride: 2, padding: .same),
        PoolCase(shape: [1, 2, 3, 1], size: 4, stride: 1, padding: .same),
    ]

    @Test(arguments: poolCases)
    func maxPoolAgainstReference(_ pc: PoolCase) throws {
        // All-negative inputs: a kernel that lets padding (0 or -inf) win would show.
        let x = randomTensor(pc.shape, seed: 16, range: -2 ... -0.5)
        let y = try Tensor.maxPool2d(x, size: pc.size, stride: pc.stride, padding: pc.padding)
        let ref = referenceMaxPool(x, size: pc.size, stride: pc.stride, padding: pc.padding)
        #expect(y.shape == ref.shape)
        #expect(maxAbsDifference(y, ref) == 0)
    }

    @Test(arguments: poolCases)
    func avgPoolAgainstReference(_ pc: PoolCase) throws {
        let x = randomTensor(pc.shape, seed: 17, range: 0.5...2)
        let y = try Tensor.avgPool2d(x, size: pc.size, stride: pc.stride, padding: pc.padding)
        let ref = referenceAvgPool(x, size: pc.size, stride: pc.stride, padding: pc.padding)
        #expect(y.shape == ref.shape)
        #expect(maxAbsDifference(y, ref) <= 1e-6)
    }

    @Test func globalAvgPoolAgainstMeans() throws {
        let x = randomTensor([2, 3, 5, 4], seed: 18)
        let y = try Tensor.globalAvgPool(x)
        let ref = referenceAvgPool(x, size: 5, stride: 5, padding: .same)   // 3x5 image, one 5x5 window: all cells
        #expect(y.shape == [2, 4])
        #expect(maxAbsDifference(y.array, ref.array) <= 1e-6)
    }

    @Test func softmaxAgainstReference() throws {
        let x = randomTensor([7, 13], seed: 19, range: -20...20)
        #expect(maxAbsDifference(try Tensor.softmax(x), referenceSoftmax(x)) <= 1e-6)
        let logs = referenceSoftmax(x).array.map { logf($0) }
        #expect(maxAbsDifference(try Tensor.logSoftmax(x).array, logs) <= 1e-4)
    }

    @Test func largeElementwiseOpsUseEveryChunk() throws {
        // 3 chunks of 16384 and a short one: the parallel paths of activate, add and the fused bias.
        let n = 3 * 16_384 + 100
        let x = randomTensor([n / 4, 4], seed: 20, range: -3...3), bias = randomTensor([4], seed: 21)
        let xv = x.array, bv = bias.array
        let s = Tensor.activate(x, .sigmoid).array
        #expect(maxAbsDifference(s, xv.map { 1 / (1 + expf(-$0)) }) <= 1e-6)
        let t = Tensor.activate(x, .tanh).array
        #expect(maxAbsDifference(t, xv.map { tanhf($0) }) <= 1e-6)
        let sum = try Tensor.add(x, bias).array
        #expect(maxAbsDifference(sum, xv.enumerated().map { $1 + bv[$0 % 4] }) == 0)
        // linear with an identity weight: the bias + relu pass over many rows.
        let eye = Tensor([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], shape: [4, 4])
        let lin = try Tensor.linear(x, eye, bias, activation: .relu).array
        #expect(maxAbsDifference(lin, xv.enumerated().map { max($1 + bv[$0 % 4], 0) }) <= 1e-6)
    }

    @Test func largeActivationBackwardMatchesFormula() throws {
        let n = 2 * 16_384 + 7
        let x = randomTensor([n], seed: 22, range: -3...3, requiresGrad: true)
        Tensor.sum(Tensor.activate(x, .tanh)).backward()
        let want = x.array.map { 1 - tanhf($0) * tanhf($0) }
        #expect(maxAbsDifference(x.gradArray, want) <= 1e-6)
    }
}
