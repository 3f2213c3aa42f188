import Testing
@testable import TensorRuntime
import TestSupport

/// CKernels' GEMM on every instruction-set path this CPU has: bit for bit the plain fma loop of
/// `referenceFixedOrderGemm`, for every transpose, odd shapes, strides, alpha and beta, and any thread count.
@Suite("Portable GEMM", .serialized)
struct PortableGemmTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let m: Int, n: Int, k: Int
        var testDescription: String { "\(m)x\(n)x\(k)" }
    }

    /// 1x1x1, primes around the register tiles and cache blocks (k 523 crosses kc = 512, 1021 twice), one side past 1000.
    static let cases: [Case] = [
        Case(m: 1, n: 1, k: 1), Case(m: 2, n: 3, k: 5), Case(m: 7, n: 11, k: 13), Case(m: 31, n: 37, k: 41),
        Case(m: 97, n: 101, k: 523), Case(m: 8, n: 32, k: 512), Case(m: 1031, n: 37, k: 61),
        Case(m: 7, n: 1013, k: 53), Case(m: 29, n: 17, k: 1021), Case(m: 0, n: 3, k: 2), Case(m: 3, n: 4, k: 0),
    ]

    /// (alpha, beta): plain, accumulate, scaled both ways.
    static let scalings: [(Float, Float)] = [(1, 0), (1, 1), (0.7, -0.3)]

    private func values(_ count: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in rng.uniform(-1, 1) }
    }

    @Test(arguments: cases)
    func everyPathEqualsTheFmaLoopBitForBit(_ s: Case) {
        for transA in [false, true] {
            for transB in [false, true] {
                for (alpha, beta) in Self.scalings {
                    // Leading dimensions longer than the rows, so strides are exercised.
                    let lda = (transA ? s.m : s.k) + 3, ldb = (transB ? s.k : s.n) + 1, ldc = s.n + 2
                    let a = values(max((transA ? s.k : s.m) * lda, 1), seed: 1)
                    let b = values(max((transB ? s.n : s.k) * ldb, 1), seed: 2)
                    let c0 = values(max(s.m * ldc, 1), seed: 3)
                    var want = c0
                    referenceFixedOrderGemm(transA: transA, transB: transB, m: s.m, n: s.n, k: s.k, alpha: alpha,
                                            a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: &want, ldc: ldc)
                    if s.k == 0 { continue }   // serial leaves c alone for K = 0 (multiply covers it below)
                    onEveryPath { isa in
                        var got = c0
                        got.withUnsafeMutableBufferPointer { c in
                            Gemm.serial(transA: transA, transB: transB, m: s.m, n: s.n, k: s.k, alpha: alpha,
                                        a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c.baseAddress!, ldc: ldc)
                        }
                        #expect(bitIdentical(got, want), "\(isa) transA \(transA) transB \(transB) alpha \(alpha) beta \(beta)")
                    }
                }
            }
        }
    }

    @Test func pooledProductsAreTheSameAtOneTwoAndThreeThreads() throws {
        // Rows split (m >= n), columns split (n > m), and a product small enough to stay on one thread.
        for (m, n, k) in [(1031, 67, 300), (45, 1013, 130), (9, 10, 11)] {
            let a = values(m * k, seed: 4), b = values(k * n, seed: 5)
            var want = [Float](repeating: 0, count: m * n)
            referenceFixedOrderGemm(transA: false, transB: true, m: m, n: n, k: k, alpha: 1,
                                    a: a, lda: k, b: b.transposedRows(k, n), ldb: k, beta: 0, c: &want, ldc: n)
            let runs = atThreadCounts([1, 2, 3]) { () -> [[Float]] in
                onEveryPath { _ in
                    var c = [Float](repeating: 0, count: m * n)
                    c.withUnsafeMutableBufferPointer { cp in
                        Gemm.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: cp.baseAddress!, ldc: n)
                    }
                    return c
                }
            }
            for run in runs { for c in run { #expect(bitIdentical(c, want), "\(m)x\(n)x\(k)") } }
        }
    }

    @Test func anEmptySumGivesBetaTimesC() {
        var c: [Float] = [2, -3]
        Gemm.multiply(m: 1, n: 2, k: 0, a: [], lda: 1, b: [], ldb: 2, beta: 0.5, c: &c, ldc: 2)
        #expect(c == [1, -1.5])
        Gemm.multiply(m: 1, n: 2, k: 0, a: [], lda: 1, b: [], ldb: 2, beta: 0, c: &c, ldc: 2)
        #expect(c == [0, 0])
    }

    @Test func theReferenceCanTellTheOrderApart() {
        // Summing the same terms in another order (here: from the last p) changes bits on some element,
        // so the bit-for-bit checks above do pin the order.
        let m = 16, n = 16, k = 300
        let a = values(m * k, seed: 6), b = values(k * n, seed: 7)
        var want = [Float](repeating: 0, count: m * n)
        referenceFixedOrderGemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n,
                                beta: 0, c: &want, ldc: n)
        var reversed = want
        for i in 0..<m { for j in 0..<n {
            var s: Float = 0
            for p in (0..<k).reversed() { s = s.addingProduct(a[i * k + p], b[p * n + j]) }
            reversed[i * n + j] = s
        } }
        #expect(!bitIdentical(reversed, want))
    }
}

extension Array where Element == Float {
    /// This (rows, cols) matrix transposed, row-major.
    func transposedRows(_ rows: Int, _ cols: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        for r in 0..<rows { for c in 0..<cols { out[c * rows + r] = self[r * cols + c] } }
        return out
    }
}

/// The kernels' bits on fixed inputs, as one FNV-1a hash recorded on an x86-64 machine (AVX-512, AVX2 and
/// baseline agree there): on any other CPU or architecture (arm64's NEON) the same hash must come out, or
/// the kernels are not portable there.
@Suite("Portable bits")
struct PortableBitsTests {
    static let recorded: UInt64 = 0x4957_b7f2_0836_42eb

    static func hash(_ values: [Float], into h: inout UInt64) {
        for v in values {
            var bits = v.bitPattern
            for _ in 0..<4 { h = (h ^ UInt64(bits & 0xff)) &* 0x100_0000_01b3; bits >>= 8 }
        }
    }

    static func fingerprint() -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var rng = SeededGenerator(seed: 2026)
        let (m, n, k) = (67, 45, 1029)
        let a = (0..<m * k).map { _ in rng.uniform(-1, 1) }, b = (0..<k * n).map { _ in rng.uniform(-1, 1) }
        for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
            var c = (0..<m * n).map { _ in rng.uniform(-1, 1) }
            c.withUnsafeMutableBufferPointer { cp in
                Gemm.serial(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.75, a: a, lda: transA ? m : k,
                            b: b, ldb: transB ? k : n, beta: -0.5, c: cp.baseAddress!, ldc: n)
            }
            hash(c, into: &h)
        }
        let x = (0..<20_000).map { _ in rng.uniform(-12, 12) }
        for f in FixedMath.Function.allCases { hash(FixedMath.apply(f, f == .log ? x.map(abs) : x), into: &h) }
        x.withUnsafeBufferPointer { p in
            hash([FixedMath.sum(p.baseAddress!, count: x.count), FixedMath.sumSquares(p.baseAddress!, count: x.count),
                  FixedMath.dot(p.baseAddress!, p.baseAddress! + 1, count: x.count - 1), FixedMath.max(p.baseAddress!, count: x.count)],
                 into: &h)
        }
        return h
    }

    @Test func everyPathGivesTheRecordedBits() {
        let hashes = onEveryPath { _ in Self.fingerprint() }
        for (isa, h) in zip(InstructionSet.available, hashes) {
            #expect(h == Self.recorded, "\(isa): fingerprint \(String(h, radix: 16))")
        }
    }
}
