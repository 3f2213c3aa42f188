import CBLAS
import CKernels
import Synchronization

/// Matrix products: CKernels' fixed-order GEMM (the default) or OpenBLAS, split over the shared pool.
public enum Gemm {
    /// Which code computes the products.
    public enum Backend: UInt8, Sendable, CaseIterable {
        /// CKernels: every element's sum is s = fma(a_ip, b_pj, s) for p = 0, 1, ..., K-1 from s = 0, then
        /// alpha and beta; the same bits on every CPU, instruction-set path and thread count.
        case portable
        /// OpenBLAS (single-threaded per block): its kernels depend on the CPU, so its bits can too.
        case openBLAS
    }

    private static let backendStorage = Atomic<UInt8>(Backend.portable.rawValue)

    /// The backend for every product from the next call on (set it between computations).
    public static var backend: Backend {
        get { Backend(rawValue: backendStorage.load(ordering: .relaxed)) ?? .portable }
        set { backendStorage.store(newValue.rawValue, ordering: .relaxed) }
    }

    /// c (M,N) = alpha * op(a) (M,K) · op(b) (K,N) + beta * c, all row-major.
    ///
    /// `a` is stored (M,K) or, with `transA`, (K,M); `b` is (K,N) or, with `transB`, (N,K).
    /// Large products are cut into row blocks (or, when c is wider than tall, column blocks) run on the
    /// pool. No two blocks write one element, and each element's sum runs in the same order whatever the
    /// thread count (portable: whatever the blocks and the CPU too).
    /// - Complexity: 2·M·N·K flops.
    public static func multiply(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        let backend = backend
        if k == 0 || m * n * k < 65_536 || ThreadPool.shared.threadCount == 1 {
            product(backend, transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                    a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let A = SharedPointer(UnsafeMutablePointer(mutating: a)), B = SharedPointer(UnsafeMutablePointer(mutating: b))
        let C = SharedPointer(c)
        let split = blocks(m: m, n: n, backend: backend)
        if split.byRows {
            ThreadPool.shared.parallelBlocks(m, blockSize: split.size) { r in
                let aBlock = transA ? A.base + r.lowerBound : A.base + r.lowerBound * lda
                product(backend, transA: transA, transB: transB, m: r.count, n: n, k: k, alpha: alpha, a: aBlock, lda: lda,
                        b: B.base, ldb: ldb, beta: beta, c: C.base + r.lowerBound * ldc, ldc: ldc)
            }
        } else {
            ThreadPool.shared.parallelBlocks(n, blockSize: split.size) { r in
                let bBlock = transB ? B.base + r.lowerBound * ldb : B.base + r.lowerBound
                product(backend, transA: transA, transB: transB, m: m, n: r.count, k: k, alpha: alpha, a: A.base, lda: lda,
                        b: bBlock, ldb: ldb, beta: beta, c: C.base + r.lowerBound, ldc: ldc)
            }
        }
    }

    /// The pool's blocks. OpenBLAS: rows of ⌈M/8⌉ rounded to 16 (columns when M is small and N large), fixed
    /// by the shape so its sums keep one order. Portable: the bits do not depend on the blocks at all, so
    /// they follow the speed: the longer side of c (each block packs its own panels of the other operand)
    /// in about four blocks per thread (a thread held up by other work delays the product less), at least
    /// 96 rows or 64 columns, in multiples of the register tiles (48 rows, 32 columns).
    static func blocks(m: Int, n: Int, backend: Backend) -> (byRows: Bool, size: Int) {
        switch backend {
        case .openBLAS:
            if m >= 32 || n < 64 { return (true, max(16, ((m + 7) / 8 + 15) / 16 * 16)) }
            return (false, max(32, ((n + 7) / 8 + 31) / 32 * 32))
        case .portable:
            let count = 4 * ThreadPool.shared.threadCount
            let byRows = m >= n, length = byRows ? m : n, unit = byRows ? 48 : 32
            let size = ((length + count - 1) / count + unit - 1) / unit * unit
            return (byRows, max(byRows ? 96 : 64, size))
        }
    }

    @inline(__always)
    private static func product(
        _ backend: Backend, transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        switch backend {
        case .portable:
            ck_sgemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        case .openBLAS:
            if k == 0 {     // OpenBLAS's empty product: c = beta·c (c not read when beta is 0)
                for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
                return
            }
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
    }
}

extension Gemm {
    /// One product on the calling thread (for use inside a pool task that owns its rows of c).
    @inline(__always)
    public static func serial(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0, k > 0 else { return }
        product(backend, transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}
