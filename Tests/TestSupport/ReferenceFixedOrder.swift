import TensorRuntime

// Plain-loop definitions of CKernels' fixed-order arithmetic, written from the documented order alone:
// the portable kernels must equal these bit for bit on every path.

/// c (M,N) = alpha·op(a)·op(b) + beta·c with each element's sum s = fma(op(a)[i,p], op(b)[p,j], s) for
/// p = 0..<K from s = 0, then c = alpha·s (beta == 0) or fma(beta, c, alpha·s). Strides as in BLAS.
public func referenceFixedOrderGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                                    a: [Float], lda: Int, b: [Float], ldb: Int, beta: Float, c: inout [Float], ldc: Int) {
    for i in 0..<m {
        for j in 0..<n {
            var s: Float = 0
            for p in 0..<k {
                let av = transA ? a[p * lda + i] : a[i * lda + p]
                let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                s = s.addingProduct(av, bv)
            }
            let t = alpha * s
            c[i * ldc + j] = beta == 0 ? t : t.addingProduct(beta, c[i * ldc + j])
        }
    }
}

/// The 32-lane sum: term i into lane i % 32 with `fold(lane, i)`, then lane l += lane l + w for w = 16, 8,
/// 4, 2, 1 (the lanes start at `start`, and `combine` joins two lanes).
public func referenceLaneReduce(count: Int, start: Float = 0, fold: (Float, Int) -> Float,
                                combine: (Float, Float) -> Float = { $0 + $1 }) -> Float {
    var lanes = [Float](repeating: start, count: 32)
    for i in 0..<count { lanes[i % 32] = fold(lanes[i % 32], i) }
    var w = 16
    while w >= 1 {
        for l in 0..<w { lanes[l] = combine(lanes[l], lanes[l + w]) }
        w /= 2
    }
    return lanes[0]
}

/// Distance from `got` to the exact value `want` in units in the last place of `want` as a Float
/// (subnormal spacing below the normal range); 0 when both are the same infinity or both NaN.
public func ulpError(_ got: Float, _ want: Double) -> Double {
    if want.isNaN { return got.isNaN ? 0 : .infinity }
    if Float(want).isInfinite { return got == Float(want) ? 0 : .infinity }
    if got.isNaN || got.isInfinite { return .infinity }
    let exponent = want == 0 ? -149 : max(Int(want.exponent) - 23, -149)
    return abs(Double(got) - want) / Double(sign: .plus, exponent: exponent, significand: 1)
}

/// Held while a test runs on a chosen instruction-set path: the path is process-wide and tests of other
/// suites run at the same time (their results do not depend on it, but a test checking which path ran does).
private let pathLock = Locked(())

/// `body(isa)` on every path this CPU has (baseline first), one after the other; the path before is restored.
public func onEveryPath<R>(_ body: (InstructionSet) throws -> R) rethrows -> [R] {
    try pathLock.withLock { _ in
        try InstructionSet.available.map { isa in try InstructionSet.with(isa) { try body(isa) } }
    }
}
