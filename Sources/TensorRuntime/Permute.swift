// Axis permutation (transpose): forward and backward side by side.

extension Tensor {
    /// Reorders the axes: y.shape[i] = x.shape[axes[i]]. x (d0, d1, ..., dn) -> y (d[axes[0]], ..., d[axes[n]]).
    ///
    /// The attention head split (B, T, H, dk) -> (B, H, T, dk) is `permute(x, axes: [0, 2, 1, 3])`. When the last
    /// axis stays last, whole rows of it are copied; otherwise element by element. The backward pass scatters
    /// the gradient back through the inverse permutation. Pool-parallel over output rows; every element is
    /// written by exactly one task, so the result does not depend on the thread count.
    public static func permute(_ x: Tensor, axes: [Int]) throws -> Tensor {
        guard axes.count == x.rank, axes.sorted() == Array(0..<x.rank) else {
            throw TensorError.badArgument(op: "permute", message: "axes \(axes) are not a permutation of 0..<\(x.rank)")
        }
        let plan = PermutePlan(shape: x.shape, axes: axes)
        let out = Buffer(count: x.count)
        plan.run(from: SharedPointer(x.buffer.pointer), to: SharedPointer(out.pointer), scatter: false)
        return make(plan.outputShape, out, inputs: [x]) { t in
            let g = SharedPointer(t.grad!.pointer)
            plan.run(from: g, to: SharedPointer(x.gradPointer()), scatter: true)
        }
    }

    /// Swaps two axes: `transpose(x, 1, 2)` turns (B, T, H, dk) into (B, H, T, dk).
    public static func transpose(_ x: Tensor, _ a: Int, _ b: Int) throws -> Tensor {
        guard a >= 0, b >= 0, a < x.rank, b < x.rank else {
            throw TensorError.badArgument(op: "transpose", message: "axes \(a) and \(b) are outside 0..<\(x.rank)")
        }
        var axes = Array(0..<x.rank)
        axes.swapAt(a, b)
        return try permute(x, axes: axes)
    }
}

/// How one permutation maps output rows to input offsets. A "row" is a run of `inner` contiguous values
/// (the last axis when it stays last, else one value).
struct PermutePlan {
    let outputShape: [Int]
    /// Input stride (in values) of each output axis, for the axes that index rows.
    let rowStrides: [Int]
    /// Output extent of each row-indexing axis.
    let rowExtents: [Int]
    let rows: Int
    let inner: Int

    init(shape: [Int], axes: [Int]) {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[d] = s
            s *= shape[d]
        }
        outputShape = axes.map { shape[$0] }
        let keepsLast = !axes.isEmpty && axes[axes.count - 1] == shape.count - 1
        inner = keepsLast ? shape[shape.count - 1] : 1
        let rowAxes = keepsLast ? Array(axes.dropLast()) : axes
        rowStrides = rowAxes.map { strides[$0] }
        rowExtents = rowAxes.map { shape[$0] }
        rows = rowExtents.reduce(1, *)
    }

    /// Input offset of output row `r`.
    @inline(__always)
    func sourceOffset(_ r: Int) -> Int {
        var rest = r
        var offset = 0
        for d in stride(from: rowExtents.count - 1, through: 0, by: -1) {
            let e = rowExtents[d]
            offset += (rest % e) * rowStrides[d]
            rest /= e
        }
        return offset
    }

    /// Forward (`scatter` false): to[r·inner + j] = from[src(r) + j]. Backward (`scatter` true):
    /// to[src(r) + j] += from[r·inner + j], `to` being the input's gradient.
    func run(from: SharedPointer<Float>, to: SharedPointer<Float>, scatter: Bool) {
        guard rows > 0, inner > 0 else { return }
        let n = inner
        Parallel.rows(rows, width: n) { range in
            for r in range {
                let src = sourceOffset(r)
                let dst = r * n
                if scatter {
                    for j in 0..<n { to[src + j] += from[dst + j] }
                } else {
                    (to.base + dst).update(from: from.base + src, count: n)
                }
            }
        }
    }
}
