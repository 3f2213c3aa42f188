#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Softmax over the last axis, x (..., C) -> y (..., C); subtracts each row's max first.
    public static func softmax(_ x: Tensor) throws -> Tensor {
        guard let c = x.shape.last, c > 0 else { throw TensorError.badShape(op: "softmax", shape: x.shape, expected: "a non-empty last axis") }
        let rows = x.count / c, out = Buffer(count: x.count)
        for r in 0..<rows { softmaxRow(x.buffer.pointer + r * c, out.pointer + r * c, c) }
        return make(x.shape, out, inputs: [x]) { t in
            // dx = y * (dy - sum(dy * y))
            let g = t.grad!.pointer, y = out.pointer, dx = x.gradPointer()
            for r in 0..<rows {
                var dot: Float = 0
                for j in 0..<c { dot += g[r * c + j] * y[r * c + j] }
                for j in 0..<c { dx[r * c + j] += y[r * c + j] * (g[r * c + j] - dot) }
            }
        }
    }

    /// Log-softmax over the last axis: x - max - log(sum(exp(x - max))).
    public static func logSoftmax(_ x: Tensor) throws -> Tensor {
        guard let c = x.shape.last, c > 0 else { throw TensorError.badShape(op: "log_softmax", shape: x.shape, expected: "a non-empty last axis") }
        let rows = x.count / c, out = Buffer(count: x.count)
        for r in 0..<rows {
            let xi = x.buffer.pointer + r * c, yi = out.pointer + r * c
            var m = -Float.infinity
            for j in 0..<c { m = max(m, xi[j]) }
            var s: Float = 0
            for j in 0..<c { s += expf(xi[j] - m) }
            let lse = m + logf(s)
            for j in 0..<c { yi[j] = xi[j] - lse }
        }
        return make(x.shape, out, inputs: [x]) { t in
            // dx = dy - softmax * sum(dy)
            let g = t.grad!.pointer, y = out.pointer, dx = x.gradPointer()
            for r in 0..<rows {
                var s: Float = 0
                for j in 0..<c { s += g[r * c + j] }
                for j in 0..<c { dx[r * c + j] += g[r * c + j] - expf(y[r * c + j]) * s }
            }
        }
    }

    /// Stable softmax of one row of length c.
    @inline(__always)
    static func softmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ c: Int) {
        var m = -Float.infinity
        for j in 0..<c { m = max(m, x[j]) }
        var s: Float = 0
        for j in 0..<c { let e = expf(x[j] - m); y[j] = e; s += e }
        let inv = 1 / s
        for j in 0..<c { y[j] *= inv }
    }
}
