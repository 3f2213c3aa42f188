// Ops along one axis: slice, split, concatenate, mean. Forward and backward side by side.
//
// Every op views its operand as (outer, length, inner): the axes before `axis`, the axis, the axes after.

/// A shape seen around one axis: (outer, length, inner).
struct AxisView {
    let outer: Int
    let length: Int
    let inner: Int

    init(_ shape: [Int], axis: Int) {
        outer = shape[..<axis].reduce(1, *)
        length = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }

    /// Throws unless `axis` is an axis of `shape`.
    static func check(_ shape: [Int], axis: Int, op: String) throws {
        guard axis >= 0 && axis < shape.count else {
            throw TensorError.badArgument(op: op, message: "axis \(axis) is outside 0..<\(shape.count) for shape \(Shape.describe(shape))")
        }
    }
}

extension Tensor {
    /// The positions `range` of `axis`. x (..., L, ...) -> y (..., range.count, ...).
    public static func slice(_ x: Tensor, axis: Int, range: Range<Int>) throws -> Tensor {
        try AxisView.check(x.shape, axis: axis, op: "slice")
        guard range.lowerBound >= 0, range.upperBound <= x.shape[axis], !range.isEmpty else {
            throw TensorError.badArgument(op: "slice", message: "positions \(range) are outside 0..<\(x.shape[axis]) of axis \(axis)")
        }
        let v = AxisView(x.shape, axis: axis)
        let width = range.count * v.inner, start = range.lowerBound * v.inner, rowIn = v.length * v.inner
        var shape = x.shape
        shape[axis] = range.count
        let out = Buffer(count: v.outer * width)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer)
        Parallel.rows(v.outer, width: width) { rows in
            for o in rows { (Y.base + o * width).update(from: X.base + o * rowIn + start, count: width) }
        }
        return make(shape, out, inputs: [x]) { t in
            let G = SharedPointer(t.grad!.pointer), DX = SharedPointer(x.gradPointer())
            Parallel.rows(v.outer, width: width) { rows in
                for o in rows {
                    let g = G.base + o * width, d = DX.base + o * rowIn + start
                    for j in 0..<width { d[j] += g[j] }
                }
            }
        }
    }

    /// Cuts `axis` into consecutive parts of `sizes` (which must add up to its length).
    public static func split(_ x: Tensor, axis: Int, sizes: [Int]) throws -> [Tensor] {
        try AxisView.check(x.shape, axis: axis, op: "split")
        guard sizes.allSatisfy({ $0 > 0 }), sizes.reduce(0, +) == x.shape[axis] else {
            throw TensorError.badArgument(op: "split", message: "sizes \(sizes) do not add up to \(x.shape[axis]), the length of axis \(axis)")
        }
        var start = 0
        var parts: [Tensor] = []
        for size in sizes {
            parts.append(try slice(x, axis: axis, range: start..<(start + size)))
            start += size
        }
        return parts
    }

    /// Joins `parts` along `axis`; every other dimension must agree. (..., Li, ...) -> (..., ΣLi, ...).
    public static func concat(_ parts: [Tensor], axis: Int) throws -> Tensor {
        guard let first = parts.first else { throw TensorError.badArgument(op: "concat", message: "nothing to join") }
        try AxisView.check(first.shape, axis: axis, op: "concat")
        for p in parts {
            var a = p.shape, b = first.shape
            guard a.count == b.count else { throw TensorError.shapeMismatch(op: "concat", lhs: first.shape, rhs: p.shape) }
            a[axis] = 0
            b[axis] = 0
            guard a == b else { throw TensorError.shapeMismatch(op: "concat", lhs: first.shape, rhs: p.shape) }
        }
        let views = parts.map { AxisView($0.shape, axis: axis) }
        let total = views.reduce(0) { $0 + $1.length }
        let outer = views[0].outer, inner = views[0].inner, rowOut = total * inner
        var shape = first.shape
        shape[axis] = total
        let out = Buffer(count: outer * rowOut)
        let Y = SharedPointer(out.pointer)
        var offsets: [Int] = []
        var offset = 0
        for v in views {
            offsets.append(offset)
            offset += v.length * inner
        }
        let sources = parts.map { SharedPointer($0.buffer.pointer) }
        Parallel.rows(outer, width: rowOut) { rows in
            for o in rows {
                for (k, v) in views.enumerated() {
                    let w = v.length * inner
                    (Y.base + o * rowOut + offsets[k]).update(from: sources[k].base + o * w, count: w)
                }
            }
        }
        return make(shape, out, inputs: parts) { t in
            let G = SharedPointer(t.grad!.pointer)
            for (k, (part, v)) in zip(parts, views).enumerated() where part.requiresGrad {
                let w = v.length * inner, start = offsets[k]
                let D = SharedPointer(part.gradPointer())
                Parallel.rows(outer, width: w) { rows in
                    for o in rows {
                        let g = G.base + o * rowOut + start, d = D.base + o * w
                        for j in 0..<w { d[j] += g[j] }
                    }
                }
            }
        }
    }

    /// Mean over `axis`, which is removed. x (..., L, ...) -> y (..., ...).
    /// (N, T, D) over axis 1 is a sequence's mean pooling: (N, D).
    public static func mean(_ x: Tensor, axis: Int) throws -> Tensor {
        try AxisView.check(x.shape, axis: axis, op: "mean")
        let v = AxisView(x.shape, axis: axis)
        guard v.length > 0 else { throw TensorError.badShape(op: "mean", shape: x.shape, expected: "a non-empty axis \(axis)") }
        var shape = x.shape
        shape.remove(at: axis)
        let inner = v.inner, length = v.length, scale = 1 / Float(length)
        let out = Buffer(count: v.outer * inner)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer)
        Parallel.rows(v.outer, width: length * inner) { rows in
            for o in rows {
                let y = Y.base + o * inner, xo = X.base + o * length * inner
                for j in 0..<inner { y[j] = 0 }
                for l in 0..<length { let row = xo + l * inner; for j in 0..<inner { y[j] += row[j] } }
                for j in 0..<inner { y[j] *= scale }
            }
        }
        return make(shape, out, inputs: [x]) { t in
            let G = SharedPointer(t.grad!.pointer), DX = SharedPointer(x.gradPointer())
            Parallel.rows(v.outer, width: length * inner) { rows in
                for o in rows {
                    let g = G.base + o * inner, d = DX.base + o * length * inner
                    for l in 0..<length { let row = d + l * inner; for j in 0..<inner { row[j] += g[j] * scale } }
                }
            }
        }
    }
}
