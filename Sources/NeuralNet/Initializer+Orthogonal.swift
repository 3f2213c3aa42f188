import TensorRuntime

extension Initializer {
    /// Keras's `orthogonal` initialiser (gain 1), the default of every recurrent kernel: a (rows, cols) matrix
    /// whose rows (when rows <= cols) or columns (otherwise) are orthonormal. Keras takes Q of the QR
    /// decomposition of a normal (max, min) matrix with the signs of R's diagonal folded in; Gram-Schmidt on
    /// the columns gives that Q directly (each column's own component stays positive). In Double; a column
    /// that comes out (nearly) dependent on the earlier ones is drawn again.
    /// - Complexity: O(min² · max).
    public static func orthogonal(rows: Int, cols: Int, rng: inout SeededGenerator) -> Tensor {
        let long = max(rows, cols), short = min(rows, cols)
        var q = [[Double]]()       // `short` orthonormal columns of length `long`
        while q.count < short {
            var v = (0..<long).map { _ in Double(rng.normal()) }
            for basis in q {
                var dot = 0.0
                for i in 0..<long { dot += basis[i] * v[i] }
                for i in 0..<long { v[i] -= dot * basis[i] }
            }
            var norm = 0.0
            for value in v { norm += value * value }
            norm = norm.squareRoot()
            guard norm > 1e-6 else { continue }
            q.append(v.map { $0 / norm })
        }
        let t = Tensor(zeros: [rows, cols])
        for i in 0..<rows {
            for j in 0..<cols { t.buffer.pointer[i * cols + j] = Float(rows >= cols ? q[j][i] : q[i][j]) }
        }
        return t
    }
}
