import CBLAS

/// Matrix products through OpenBLAS (single-threaded), split over the shared pool in fixed blocks.
public enum Gemm {
    /// c (M,N) = alpha * op(a) (M,K) · op(b) (K,N) + beta * c, all row-major.
    ///
    /// `a` is stored (M,K) or, with `transA`, (K,M); `b` is (K,N) or, with `transB`, (N,K).
    /// The rows of c (or, for short wide products, its columns) are cut into blocks that depend only on
    /// M, N and K; each block is one cblas_sgemm call on one pool thread. No two blocks write one element,
    /// and each element's sum runs in the same order whatever the thread count.
    /// - Complexity: 2·M·N·K flops.
    public static func multiply(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        let flops = m * n * k
        let ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans
        if flops < 32_768 {
            cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            return
        }
        blocked(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    /// Block rows of 16..: about 8 blocks for large M; columns when M is small and N large.
    private static func blocked(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans
        let A = SharedPointer(UnsafeMutablePointer(mutating: a)), B = SharedPointer(UnsafeMutablePointer(mutating: b))
        let C = SharedPointer(c)
        if m >= 32 || n < 64 {
            let rows = max(16, ((m + 7) / 8 + 15) / 16 * 16)
            ThreadPool.shared.parallelBlocks(m, blockSize: rows) { r in
                let aBlock = transA ? A.base + r.lowerBound : A.base + r.lowerBound * lda
                cblas_sgemm(CblasRowMajor, ta, tb, Int32(r.count), Int32(n), Int32(k), alpha, aBlock, Int32(lda),
                            B.base, Int32(ldb), beta, C.base + r.lowerBound * ldc, Int32(ldc))
            }
        } else {
            let cols = max(32, ((n + 7) / 8 + 31) / 32 * 32)
            ThreadPool.shared.parallelBlocks(n, blockSize: cols) { r in
                let bBlock = transB ? B.base + r.lowerBound * ldb : B.base + r.lowerBound
                cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(r.count), Int32(k), alpha, A.base, Int32(lda),
                            bBlock, Int32(ldb), beta, C.base + r.lowerBound, Int32(ldc))
            }
        }
    }
}

extension Gemm {
    /// One cblas_sgemm on the calling thread (for use inside a pool task that owns its rows of c).
    @inline(__always)
    public static func serial(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
