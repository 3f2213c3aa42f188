import TensorRuntime

extension Initializer {
    /// Vectors orthogonalised together by the GEMMs of `orthogonal`.
    static let orthogonalBlock = 32

    /// Keras's `orthogonal` initialiser (gain 1), the default of every recurrent kernel: a (rows, cols) matrix
    /// whose rows (when rows <= cols) or columns (otherwise) are orthonormal. Keras takes Q of the QR
    /// decomposition of a normal (max, min) matrix with the signs of R's diagonal folded in; Gram-Schmidt on
    /// those vectors gives that Q directly (each vector's own component stays positive).
    ///
    /// Blocked, so that a large recurrent kernel (an LSTM of 1024 units: 1024 vectors of 4096) takes seconds,
    /// not minutes: each block of `orthogonalBlock` new normal vectors is projected off the vectors before it
    /// twice (classical Gram-Schmidt with reorthogonalisation, two GEMMs per pass through `Gemm`, so the
    /// result does not depend on the thread count), then orthonormalised within the block one vector at a
    /// time in Double. A vector left (nearly) dependent on the others is drawn again.
    /// - Complexity: about 4·min²·max multiply-adds.
    public static func orthogonal(rows: Int, cols: Int, rng: inout SeededGenerator) -> Tensor {
        let long = max(rows, cols), short = min(rows, cols)
        let q = Tensor(zeros: [short, long])   // the orthonormal vectors, one per row
        let Q = q.buffer.pointer
        let overlap = Buffer(count: Initializer.orthogonalBlock * max(short, 1))
        var start = 0
        while start < short {
            let k = min(Initializer.orthogonalBlock, short - start), block = Q + start * long
            for i in 0..<(k * long) { block[i] = rng.normal() }
            for _ in 0..<(start > 0 ? 2 : 0) {
                // C (k, start) = block (k, long) · Q[0..<start]ᵀ; block -= C · Q[0..<start].
                Gemm.multiply(transB: true, m: k, n: start, k: long, a: block, lda: long, b: Q, ldb: long,
                              c: overlap.pointer, ldc: start)
                Gemm.multiply(m: k, n: long, k: start, alpha: -1, a: overlap.pointer, lda: start, b: Q, ldb: long,
                              beta: 1, c: block, ldc: long)
            }
            var i = 0, redrawn = false
            while i < k {
                // Off the block's earlier vectors (the GEMMs took it off the blocks before), twice; a vector
                // drawn again goes off every earlier one.
                let v = block + i * long
                for _ in 0..<2 {
                    for j in (redrawn ? 0 : start)..<(start + i) { subtractProjection(v, onto: Q + j * long, count: long) }
                }
                var norm = 0.0
                for e in 0..<long { norm += Double(v[e]) * Double(v[e]) }
                norm = norm.squareRoot()
                guard norm > 1e-3 else {
                    for e in 0..<long { v[e] = rng.normal() }   // dependent: draw this vector again
                    redrawn = true
                    continue
                }
                for e in 0..<long { v[e] = Float(Double(v[e]) / norm) }
                i += 1
                redrawn = false
            }
            start += k
        }
        guard rows >= cols else { return q }
        let t = Tensor(zeros: [rows, cols])
        for i in 0..<rows { for j in 0..<cols { t.buffer.pointer[i * cols + j] = Q[j * long + i] } }
        return t
    }

    /// v -= (u·v) u for a unit vector u, the dot product in Double.
    private static func subtractProjection(_ v: UnsafeMutablePointer<Float>, onto u: UnsafeMutablePointer<Float>, count: Int) {
        var dot = 0.0
        for e in 0..<count { dot += Double(u[e]) * Double(v[e]) }
        for e in 0..<count { v[e] -= Float(dot) * u[e] }
    }
}
