// Dense layer products: x·W + b with an optional fused ReLU, and plain / batched matmul.

/// Activation fused into a product's output pass (ReLU only; others run as their own op).
public enum FusedActivation: Sendable { case none, relu }

extension Tensor {
    /// x (..., K), w (K, N), b (N) -> y (..., N) = act(x·w + b). Leading dimensions fold into the GEMM's M.
    public static func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?, activation: FusedActivation = .none) throws -> Tensor {
        guard w.rank == 2, let k = x.shape.last, x.rank >= 1, k == w.shape[0] else {
            throw TensorError.shapeMismatch(op: "dense", lhs: x.shape, rhs: w.shape)
        }
        let n = w.shape[1], m = x.count / max(k, 1)
        if let b, b.shape != [n] { throw TensorError.shapeMismatch(op: "dense bias", lhs: [n], rhs: b.shape) }
        let out = Buffer(count: m * n)
        Gemm.multiply(m: m, n: n, k: k, a: x.buffer.pointer, lda: k, b: w.buffer.pointer, ldb: n, c: out.pointer, ldc: n)
        biasActivate(out.pointer, rows: m, cols: n, bias: b?.buffer.pointer, activation: activation)
        var shape = x.shape; shape[shape.count - 1] = n
        let inputs = b.map { [x, w, $0] } ?? [x, w]
        return make(shape, out, inputs: inputs) { t in
            let dy = maskedGradient(t, activation: activation)
            if w.requiresGrad {
                // A gradient made here is written by the product itself (beta 0), not zeroed first.
                let (dw, fresh) = w.gradPointerForWriting()
                Gemm.multiply(transA: true, m: k, n: n, k: m, a: x.buffer.pointer, lda: k, b: dy, ldb: n, beta: fresh ? 0 : 1, c: dw, ldc: n)
            }
            if let b, b.requiresGrad { columnSums(dy, rows: m, cols: n, into: b.gradPointer()) }
            if x.requiresGrad {
                let (dx, fresh) = x.gradPointerForWriting()
                Gemm.multiply(transB: true, m: m, n: k, k: n, a: dy, lda: n, b: w.buffer.pointer, ldb: n, beta: fresh ? 0 : 1, c: dx, ldc: k)
            }
        }
    }

    /// a (M, K) · b (K, N) -> (M, N); with `transposeB`, b is (N, K).
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeB: Bool = false) throws -> Tensor {
        // Check here, so the error names the caller's shapes rather than the (1, M, K) batch views.
        guard a.rank == 2, b.rank == 2, a.shape[1] == (transposeB ? b.shape[1] : b.shape[0]) else {
            throw TensorError.shapeMismatch(op: "matmul", lhs: a.shape, rhs: b.shape)
        }
        return try batchedMatmul(a.reshaped([1] + a.shape), b.reshaped([1] + b.shape), transposeB: transposeB).reshaped(
            [a.shape[0], transposeB ? b.shape[0] : b.shape[1]])
    }

    /// a (B, M, K) · b (B, K, N) -> (B, M, N); with `transposeB`, b is (B, N, K). One GEMM per batch item.
    public static func batchedMatmul(_ a: Tensor, _ b: Tensor, transposeB: Bool = false) throws -> Tensor {
        guard a.rank == 3, b.rank == 3, a.shape[0] == b.shape[0],
              a.shape[2] == (transposeB ? b.shape[2] : b.shape[1]) else {
            throw TensorError.shapeMismatch(op: "matmul", lhs: a.shape, rhs: b.shape)
        }
        let bs = a.shape[0], m = a.shape[1], k = a.shape[2], n = transposeB ? b.shape[1] : b.shape[2]
        let out = Buffer(count: bs * m * n)
        for i in 0..<bs {
            Gemm.multiply(transB: transposeB, m: m, n: n, k: k, a: a.buffer.pointer + i * m * k, lda: k,
                          b: b.buffer.pointer + i * k * n, ldb: transposeB ? k : n, c: out.pointer + i * m * n, ldc: n)
        }
        return make([bs, m, n], out, inputs: [a, b]) { t in
            let g = t.grad!.pointer
            for i in 0..<bs {
                let gi = g + i * m * n, ai = a.buffer.pointer + i * m * k, bi = b.buffer.pointer + i * k * n
                if a.requiresGrad { // da (M,K) += g (M,N) · op(b)^T
                    Gemm.multiply(transB: !transposeB, m: m, n: k, k: n, a: gi, lda: n, b: bi, ldb: transposeB ? k : n,
                                  beta: 1, c: a.gradPointer() + i * m * k, ldc: k)
                }
                if b.requiresGrad {
                    if transposeB { // db (N,K) += g^T (N,M) · a (M,K)
                        Gemm.multiply(transA: true, m: n, n: k, k: m, a: gi, lda: n, b: ai, ldb: k, beta: 1, c: b.gradPointer() + i * k * n, ldc: k)
                    } else {        // db (K,N) += a^T (K,M) · g (M,N)
                        Gemm.multiply(transA: true, m: k, n: n, k: m, a: ai, lda: k, b: gi, ldb: n, beta: 1, c: b.gradPointer() + i * k * n, ldc: n)
                    }
                }
            }
        }
    }

    /// y (rows, cols) += bias (cols), then the fused activation; one parallel pass.
    static func biasActivate(_ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int, bias: UnsafeMutablePointer<Float>?, activation: FusedActivation) {
        if bias == nil && activation == .none { return }
        let Y = SharedPointer(y), B = bias.map(SharedPointer.init)
        Parallel.rows(rows, width: cols) { r in
            biasActivateSerial(Y.base + r.lowerBound * cols, rows: r.count, cols: cols, bias: B?.base, activation: activation)
        }
    }

    /// The output gradient with the fused activation's derivative applied (in place: `t`'s gradient is
    /// consumed by this backward only).
    static func maskedGradient(_ t: Tensor, activation: FusedActivation) -> UnsafeMutablePointer<Float> {
        let g = t.grad!.pointer
        if activation == .relu {
            let y = SharedPointer(t.buffer.pointer), G = SharedPointer(g)
            Parallel.chunks(t.count) { r in maskByReLU(G.base + r.lowerBound, y.base + r.lowerBound, count: r.count) }
        }
        return g
    }

    /// out (cols) += column sums of g (rows, cols).
    static func columnSums(_ g: UnsafeMutablePointer<Float>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<rows { let row = g + i * cols; for j in 0..<cols { out[j] += row[j] } }
    }
}
