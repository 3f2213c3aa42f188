// Masks for attention: masked fill, the causal mask, and a softmax that applies the causal mask itself.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// y = value where mask ≠ 0, else x. x (S...), mask a suffix of S (broadcast over the leading axes, like
    /// `add`'s bias): a (Tq, Tk) mask applies to every (batch, head) of (B, H, Tq, Tk) scores.
    /// No gradient reaches masked positions; the mask is a constant.
    public static func maskedFill(_ x: Tensor, mask: Tensor, value: Float) throws -> Tensor {
        guard mask.rank <= x.rank, Array(x.shape.suffix(mask.rank)) == mask.shape else {
            throw TensorError.shapeMismatch(op: "masked fill", lhs: x.shape, rhs: mask.shape)
        }
        let n = x.count, inner = max(mask.count, 1)
        let out = Buffer(count: n)
        let X = SharedPointer(x.buffer.pointer), M = SharedPointer(mask.buffer.pointer), Y = SharedPointer(out.pointer)
        Parallel.chunks(n) { r in for i in r { Y[i] = M[i % inner] != 0 ? value : X[i] } }
        return make(x.shape, out, inputs: [x]) { t in
            let G = SharedPointer(t.grad!.pointer), DX = SharedPointer(x.gradPointer()), M = SharedPointer(mask.buffer.pointer)
            Parallel.chunks(n) { r in for i in r where M[i % inner] == 0 { DX[i] += G[i] } }
        }
    }

    /// The causal mask (queries, keys): 1 where query i may not see key j, that is j > i + (keys - queries),
    /// 0 elsewhere. With as many queries as keys, everything above the diagonal is masked.
    public static func causalMask(queries: Int, keys: Int) -> Tensor {
        let m = Tensor(zeros: [max(queries, 0), max(keys, 0)])
        let offset = keys - queries
        for i in 0..<max(queries, 0) {
            for j in 0..<max(keys, 0) where j > i + offset { m.buffer.pointer[i * keys + j] = 1 }
        }
        return m
    }

    /// Softmax over the last axis of scores x (..., Tq, Tk); with `causal`, query i gives weight 0 to every key
    /// j > i + (Tk - Tq), as `softmax(maskedFill(x, causalMask, -inf))` would, without building the mask.
    /// A row with no visible key is all zeros. Pool-parallel over rows.
    public static func attentionSoftmax(_ x: Tensor, causal: Bool) throws -> Tensor {
        guard x.rank >= 2, let tk = x.shape.last, tk > 0 else {
            throw TensorError.badShape(op: "attention softmax", shape: x.shape, expected: "(..., queries, keys) with at least one key")
        }
        let tq = x.shape[x.rank - 2], rows = x.count / tk, offset = tk - tq
        let out = Buffer(count: x.count)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer)
        // Keys visible to row r: the first `visible(r)` of them.
        let visible: (Int) -> Int = { r in causal ? min(tk, max(0, r % max(tq, 1) + offset + 1)) : tk }
        Parallel.rows(rows, width: tk) { range in
            for r in range {
                let c = visible(r), y = Y.base + r * tk
                if c > 0 { softmaxRow(X.base + r * tk, y, c) }
                for j in c..<tk { y[j] = 0 }
            }
        }
        return make(x.shape, out, inputs: [x]) { t in
            // dx = y * (dy - sum(dy * y)); y is 0 at masked keys, so they get nothing.
            let G = SharedPointer(t.grad!.pointer), DX = SharedPointer(x.gradPointer()), Y = SharedPointer(t.buffer.pointer)
            Parallel.rows(rows, width: tk) { range in
                for r in range {
                    softmaxRowBackward(G.base + r * tk, Y.base + r * tk, DX.base + r * tk, tk)
                }
            }
        }
    }
}
