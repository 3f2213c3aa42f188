// Scaled dot-product attention over heads packed in the last axis, without splitting them out.
//
// Projections give q (B, Tq, H·dk), k (B, Tk, H·dk), v (B, Tk, H·dv): head h is the column block
// h·dk ..< (h+1)·dk of every row. Each (batch, head) pair is one small GEMM that reads its block with a
// leading dimension of H·dk, so there is no (B, T, H, dk) -> (B, H, T, dk) copy in either direction.
// The B·H products run on the pool in fixed blocks; each writes its own output block, so the result does
// not depend on the thread count.

/// The sizes of one attention product.
struct AttentionGeometry {
    let batch: Int
    let heads: Int
    let queries: Int
    let keys: Int
    /// Values per head of the operand (dk for q and k, dv for v).
    let headWidth: Int

    /// Row stride of the packed operand: H·headWidth.
    var rowWidth: Int { heads * headWidth }
    /// Elements of one (queries, keys) weight matrix.
    var weightsPerHead: Int { queries * keys }

    /// Runs `body(b, h)` for every (batch, head) pair, in pool blocks of a size fixed by the shapes.
    func forEachHead(_ body: (Int, Int) -> Void) {
        let pairs = batch * heads
        let work = max(1, weightsPerHead * headWidth)
        Parallel.rows(pairs, width: work) { range in
            for p in range { body(p / heads, p % heads) }
        }
    }
}

extension Tensor {
    /// Attention scores per head: s[b, h] = scale · q_h[b] · k_h[b]ᵀ.
    /// q (B, Tq, H·dk), k (B, Tk, H·dk) -> s (B, H, Tq, Tk).
    public static func attentionScores(_ q: Tensor, _ k: Tensor, heads: Int, scale: Float) throws -> Tensor {
        guard q.rank == 3, k.rank == 3, q.shape[0] == k.shape[0], q.shape[2] == k.shape[2] else {
            throw TensorError.shapeMismatch(op: "attention scores", lhs: q.shape, rhs: k.shape)
        }
        guard heads > 0, q.shape[2] % heads == 0, q.shape[2] > 0 else {
            throw TensorError.badArgument(op: "attention scores", message: "\(q.shape[2]) features do not split into \(heads) heads")
        }
        let geo = AttentionGeometry(batch: q.shape[0], heads: heads, queries: q.shape[1], keys: k.shape[1], headWidth: q.shape[2] / heads)
        let tq = geo.queries, tk = geo.keys, dk = geo.headWidth, row = geo.rowWidth
        let out = Buffer(count: try Shape.checkedCount([geo.batch, heads, tq, tk], op: "attention scores"))
        let Q = SharedPointer(q.buffer.pointer), K = SharedPointer(k.buffer.pointer), S = SharedPointer(out.pointer)
        geo.forEachHead { b, h in
            let qb = Q.base + b * tq * row + h * dk, kb = K.base + b * tk * row + h * dk
            Gemm.serial(transB: true, m: tq, n: tk, k: dk, alpha: scale, a: qb, lda: row, b: kb, ldb: row,
                        c: S.base + (b * heads + h) * tq * tk, ldc: tk)
        }
        return make([geo.batch, heads, tq, tk], out, inputs: [q, k]) { t in
            let G = SharedPointer(t.grad!.pointer)
            let DQ = q.requiresGrad ? SharedPointer(q.gradPointer()) : nil
            let DK = k.requiresGrad ? SharedPointer(k.gradPointer()) : nil
            geo.forEachHead { b, h in
                let g = G.base + (b * heads + h) * tq * tk
                let qOff = b * tq * row + h * dk, kOff = b * tk * row + h * dk
                if let DQ { // dq_h (Tq, dk) += scale · g (Tq, Tk) · k_h (Tk, dk)
                    Gemm.serial(m: tq, n: dk, k: tk, alpha: scale, a: g, lda: tk, b: K.base + kOff, ldb: row,
                                beta: 1, c: DQ.base + qOff, ldc: row)
                }
                if let DK { // dk_h (Tk, dk) += scale · gᵀ (Tk, Tq) · q_h (Tq, dk)
                    Gemm.serial(transA: true, m: tk, n: dk, k: tq, alpha: scale, a: g, lda: tk, b: Q.base + qOff, ldb: row,
                                beta: 1, c: DK.base + kOff, ldc: row)
                }
            }
        }
    }

    /// Weighted sum of values per head, heads packed back side by side: o_h[b] = w[b, h] · v_h[b].
    /// w (B, H, Tq, Tk), v (B, Tk, H·dv) -> o (B, Tq, H·dv).
    public static func attentionCombine(_ w: Tensor, _ v: Tensor) throws -> Tensor {
        guard w.rank == 4, v.rank == 3, w.shape[0] == v.shape[0], w.shape[3] == v.shape[1],
              w.shape[1] > 0, w.shape[3] > 0, v.shape[2] % w.shape[1] == 0, v.shape[2] > 0 else {
            throw TensorError.shapeMismatch(op: "attention combine", lhs: w.shape, rhs: v.shape)
        }
        let heads = w.shape[1]
        let geo = AttentionGeometry(batch: w.shape[0], heads: heads, queries: w.shape[2], keys: w.shape[3], headWidth: v.shape[2] / heads)
        let tq = geo.queries, tk = geo.keys, dv = geo.headWidth, row = geo.rowWidth
        let out = Buffer(count: geo.batch * tq * row)
        let W = SharedPointer(w.buffer.pointer), V = SharedPointer(v.buffer.pointer), O = SharedPointer(out.pointer)
        geo.forEachHead { b, h in
            Gemm.serial(m: tq, n: dv, k: tk, a: W.base + (b * heads + h) * tq * tk, lda: tk,
                        b: V.base + b * tk * row + h * dv, ldb: row, c: O.base + b * tq * row + h * dv, ldc: row)
        }
        return make([geo.batch, tq, row], out, inputs: [w, v]) { t in
            let G = SharedPointer(t.grad!.pointer)
            let DW = w.requiresGrad ? SharedPointer(w.gradPointer()) : nil
            let DV = v.requiresGrad ? SharedPointer(v.gradPointer()) : nil
            geo.forEachHead { b, h in
                let g = G.base + b * tq * row + h * dv
                let wOff = (b * heads + h) * tq * tk, vOff = b * tk * row + h * dv
                if let DW { // dw (Tq, Tk) += g (Tq, dv) · v_hᵀ (dv, Tk)
                    Gemm.serial(transB: true, m: tq, n: tk, k: dv, a: g, lda: row, b: V.base + vOff, ldb: row,
                                beta: 1, c: DW.base + wOff, ldc: tk)
                }
                if let DV { // dv_h (Tk, dv) += wᵀ (Tk, Tq) · g (Tq, dv)
                    Gemm.serial(transA: true, m: tk, n: dv, k: tq, a: W.base + wOff, lda: tk, b: g, ldb: row,
                                beta: 1, c: DV.base + vOff, ldc: row)
                }
            }
        }
    }
}
