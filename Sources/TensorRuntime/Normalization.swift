#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Layer normalisation over the last axis. x (..., C), gamma (C), beta (C) -> y (..., C).
    public static func layerNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, epsilon: Float) throws -> Tensor {
        guard let c = x.shape.last, c > 0, gamma.shape == [c], beta.shape == [c] else {
            throw TensorError.shapeMismatch(op: "layernorm", lhs: x.shape, rhs: gamma.shape)
        }
        let rows = x.count / c, X = x.buffer.pointer
        let xhat = Buffer(count: x.count), out = Buffer(count: x.count)
        var invStd = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            var m: Float = 0, v: Float = 0
            for j in 0..<c { m += X[r * c + j] }
            m /= Float(c)
            for j in 0..<c { let d = X[r * c + j] - m; v += d * d }
            let s = 1 / sqrtf(v / Float(c) + epsilon)
            invStd[r] = s
            for j in 0..<c {
                let h = (X[r * c + j] - m) * s
                xhat.pointer[r * c + j] = h
                out.pointer[r * c + j] = gamma.buffer.pointer[j] * h + beta.buffer.pointer[j]
            }
        }
        return make(x.shape, out, inputs: [x, gamma, beta]) { t in
            let g = t.grad!.pointer, H = xhat.pointer
            let dg = gamma.requiresGrad ? gamma.gradPointer() : nil, db = beta.requiresGrad ? beta.gradPointer() : nil
            let dx = x.requiresGrad ? x.gradPointer() : nil
            for r in 0..<rows {
                var sumD: Float = 0, sumDH: Float = 0
                for j in 0..<c {
                    let i = r * c + j, d = g[i] * gamma.buffer.pointer[j]
                    sumD += d; sumDH += d * H[i]
                    dg?[j] += g[i] * H[i]; db?[j] += g[i]
                }
                if let dx {
                    for j in 0..<c {
                        let i = r * c + j, d = g[i] * gamma.buffer.pointer[j]
                        dx[i] += invStd[r] * (d - sumD / Float(c) - H[i] * sumDH / Float(c))
                    }
                }
            }
        }
    }

    /// ids (...) holding integer token ids as floats, table (V, D) -> (..., D).
    public static func embedding(_ ids: Tensor, table: Tensor) throws -> Tensor {
        guard table.rank == 2 else { throw TensorError.badShape(op: "embedding", shape: table.shape, expected: "(vocabulary, dimension)") }
        let v = table.shape[0], d = table.shape[1], n = ids.count
        var rows = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let f = ids.buffer.pointer[i], id = Int(exactly: f) ?? -1
            guard id >= 0 && id < v else {
                throw TensorError.badArgument(op: "embedding", message: "token id \(f) at position \(i) is outside the vocabulary 0..<\(v)")
            }
            rows[i] = id
        }
        let out = Buffer(count: n * d)
        for i in 0..<n { (out.pointer + i * d).update(from: table.buffer.pointer + rows[i] * d, count: d) }
        return make(ids.shape + [d], out, inputs: [table]) { t in
            let g = t.grad!.pointer, dt = table.gradPointer()
            for i in 0..<n { for j in 0..<d { dt[rows[i] * d + j] += g[i * d + j] } }
        }
    }
}
