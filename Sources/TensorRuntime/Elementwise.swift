// Elementwise ops with bias broadcasting, reductions to a scalar, reshape.

extension Tensor {
    /// a (S...) + b, where b has a's shape or a suffix of it (a bias broadcast over leading dims).
    public static func add(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard b.rank <= a.rank, Array(a.shape.suffix(b.rank)) == b.shape else {
            throw TensorError.shapeMismatch(op: "add", lhs: a.shape, rhs: b.shape)
        }
        let n = a.count, inner = max(b.count, 1), rows = n / inner
        let out = Buffer(count: n)
        let x = SharedPointer(a.buffer.pointer), y = SharedPointer(b.buffer.pointer), o = SharedPointer(out.pointer)
        if inner == n {
            Parallel.chunks(n) { r in for i in r { o[i] = x[i] + y[i] } }
        } else {
            // Row by row over the broadcast operand: no index division per element.
            Parallel.rows(rows, width: inner) { r in
                for row in r {
                    let xr = x.base + row * inner, orow = o.base + row * inner
                    for j in 0..<inner { orow[j] = xr[j] + y[j] }
                }
            }
        }
        return make(a.shape, out, inputs: [a, b]) { t in
            let g = SharedPointer(t.grad!.pointer)
            if a.requiresGrad {
                // A gradient made here is the incoming one copied, not zeroed and then added to.
                let (pointer, fresh) = a.gradPointerForWriting()
                let da = SharedPointer(pointer)
                Parallel.chunks(n) { r in
                    if fresh {
                        (da.base + r.lowerBound).update(from: g.base + r.lowerBound, count: r.count)
                    } else {
                        for i in r { da[i] += g[i] }
                    }
                }
            }
            if b.requiresGrad {
                let db = b.gradPointer()
                for row in 0..<rows {
                    let gr = g.base + row * inner
                    for j in 0..<inner { db[j] += gr[j] }
                }
            }
        }
    }

    /// a - b, same shape.
    public static func sub(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.shape == b.shape else { throw TensorError.shapeMismatch(op: "sub", lhs: a.shape, rhs: b.shape) }
        let n = a.count, out = Buffer(count: n)
        for i in 0..<n { out.pointer[i] = a.buffer.pointer[i] - b.buffer.pointer[i] }
        return make(a.shape, out, inputs: [a, b]) { t in
            let g = t.grad!.pointer
            if a.requiresGrad { let da = a.gradPointer(); for i in 0..<n { da[i] += g[i] } }
            if b.requiresGrad { let db = b.gradPointer(); for i in 0..<n { db[i] -= g[i] } }
        }
    }

    /// a * b elementwise, same shape.
    public static func mul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.shape == b.shape else { throw TensorError.shapeMismatch(op: "mul", lhs: a.shape, rhs: b.shape) }
        let n = a.count, out = Buffer(count: n)
        let x = a.buffer.pointer, y = b.buffer.pointer
        for i in 0..<n { out.pointer[i] = x[i] * y[i] }
        return make(a.shape, out, inputs: [a, b]) { t in
            let g = t.grad!.pointer
            if a.requiresGrad { let da = a.gradPointer(); for i in 0..<n { da[i] += g[i] * y[i] } }
            if b.requiresGrad { let db = b.gradPointer(); for i in 0..<n { db[i] += g[i] * x[i] } }
        }
    }

    /// a * s for a constant s.
    public static func scale(_ a: Tensor, _ s: Float) -> Tensor {
        let n = a.count, out = Buffer(count: n)
        for i in 0..<n { out.pointer[i] = a.buffer.pointer[i] * s }
        return make(a.shape, out, inputs: [a]) { t in
            let g = t.grad!.pointer, da = a.gradPointer()
            for i in 0..<n { da[i] += g[i] * s }
        }
    }

    /// Sum of all elements, as a scalar tensor of shape [].
    public static func sum(_ a: Tensor) -> Tensor {
        var acc: Double = 0
        for i in 0..<a.count { acc += Double(a.buffer.pointer[i]) }
        let out = Buffer([Float(acc)])
        return make([], out, inputs: [a]) { t in
            let g = t.grad!.pointer[0], da = a.gradPointer()
            for i in 0..<a.count { da[i] += g }
        }
    }

    /// Mean of all elements, as a scalar tensor.
    public static func mean(_ a: Tensor) -> Tensor { scale(sum(a), 1 / Float(max(a.count, 1))) }

    /// Sum of |a| (for L1 regularisation); the derivative at 0 is taken as 0.
    public static func sumAbs(_ a: Tensor) -> Tensor {
        var acc: Double = 0
        for i in 0..<a.count { acc += Double(abs(a.buffer.pointer[i])) }
        return make([], Buffer([Float(acc)]), inputs: [a]) { t in
            let g = t.grad!.pointer[0], da = a.gradPointer(), x = a.buffer.pointer
            for i in 0..<a.count { da[i] += x[i] > 0 ? g : (x[i] < 0 ? -g : 0) }
        }
    }

    /// Sum of a² (for L2 regularisation).
    public static func sumSquares(_ a: Tensor) -> Tensor {
        var acc: Double = 0
        for i in 0..<a.count { let v = Double(a.buffer.pointer[i]); acc += v * v }
        return make([], Buffer([Float(acc)]), inputs: [a]) { t in
            let g = t.grad!.pointer[0], da = a.gradPointer(), x = a.buffer.pointer
            for i in 0..<a.count { da[i] += 2 * g * x[i] }
        }
    }

    /// The same values under another shape with the same element count (shares the buffer).
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        guard newShape.allSatisfy({ $0 >= 0 }), Shape.count(newShape) == count else {
            throw TensorError.badShape(op: "reshape", shape: shape, expected: "\(Shape.count(newShape)) elements for \(Shape.describe(newShape))")
        }
        let input = self
        return Tensor.make(newShape, buffer, inputs: [self]) { t in
            let g = t.grad!.pointer, d = input.gradPointer()
            for i in 0..<input.count { d[i] += g[i] }
        }
    }

    /// Flattens all but the first dimension: (N, ...) -> (N, rest).
    public func flattened() throws -> Tensor {
        guard rank >= 1 else { throw TensorError.badShape(op: "flatten", shape: shape, expected: "at least one dimension") }
        return try reshaped([shape[0], count / max(shape[0], 1)])
    }
}
