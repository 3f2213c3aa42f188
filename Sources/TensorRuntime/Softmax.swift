extension Tensor {
    /// Softmax over the last axis, x (..., C) -> y (..., C); subtracts each row's max first.
    public static func softmax(_ x: Tensor) throws -> Tensor {
        guard let c = x.shape.last, c > 0 else { throw TensorError.badShape(op: "softmax", shape: x.shape, expected: "a non-empty last axis") }
        let rows = x.count / c, out = Buffer(count: x.count)
        for r in 0..<rows { softmaxRow(x.buffer.pointer + r * c, out.pointer + r * c, c) }
        return make(x.shape, out, inputs: [x]) { t in
            // dx = y * (dy - sum(dy * y))
            let g = t.grad!.pointer, y = out.pointer, dx = x.gradPointer()
            for r in 0..<rows { softmaxRowBackward(g + r * c, y + r * c, dx + r * c, c) }
        }
    }

    /// Log-softmax over the last axis: x - max - log(sum(exp(x - max))).
    public static func logSoftmax(_ x: Tensor) throws -> Tensor {
        guard let c = x.shape.last, c > 0 else { throw TensorError.badShape(op: "log_softmax", shape: x.shape, expected: "a non-empty last axis") }
        let rows = x.count / c, out = Buffer(count: x.count)
        for r in 0..<rows {
            let xi = x.buffer.pointer + r * c, yi = out.pointer + r * c
            let m = FixedMath.max(xi, count: c)
            let lse = m + FixedMath.log(FixedMath.expSum(xi, yi, count: c, minus: m))   // yi: scratch
            for j in 0..<c { yi[j] = xi[j] - lse }
        }
        return make(x.shape, out, inputs: [x]) { t in
            // dx = dy - softmax * sum(dy)
            let g = t.grad!.pointer, y = out.pointer, dx = x.gradPointer()
            let p = UnsafeMutablePointer<Float>.allocate(capacity: c)
            defer { p.deallocate() }
            for r in 0..<rows {
                let s = FixedMath.sum(g + r * c, count: c)
                FixedMath.apply(.exp, y + r * c, p, count: c)
                for j in 0..<c { dx[r * c + j] += g[r * c + j] - p[j] * s }
            }
        }
    }

    /// Stable softmax of one row of length c: m = max x, y = e^(x - m) / Σ e^(x - m) (the max, the
    /// exponentials and the 32-lane sum from `FixedMath`), then y times 1/sum.
    @inline(__always)
    static func softmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ c: Int) {
        let m = FixedMath.max(x, count: c)
        let inv = 1 / FixedMath.expSum(x, y, count: c, minus: m)
        for j in 0..<c { y[j] *= inv }
    }

    /// dx += y · (dy - Σ dy·y) for one row of length c (the sum as `FixedMath.dot`).
    @inline(__always)
    static func softmaxRowBackward(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ c: Int) {
        let dot = FixedMath.dot(g, y, count: c)
        for j in 0..<c { dx[j] += y[j] * (g[j] - dot) }
    }
}
