#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Batch normalisation over every axis but the last (channels-last).
    /// x (..., C), gamma (C), beta (C) -> y (..., C).
    ///
    /// Training uses the batch's mean and biased variance and moves the running statistics:
    /// running = momentum * running + (1 - momentum) * batch (Keras's convention, momentum 0.99).
    /// Evaluation uses the running statistics.
    public static func batchNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, runningMean: Tensor, runningVar: Tensor,
                                 training: Bool, momentum: Float, epsilon: Float) throws -> Tensor {
        guard let c = x.shape.last, gamma.shape == [c], beta.shape == [c], runningMean.shape == [c], runningVar.shape == [c] else {
            throw TensorError.shapeMismatch(op: "batchnorm", lhs: x.shape, rhs: gamma.shape)
        }
        let rows = x.count / max(c, 1), X = x.buffer.pointer
        var mean = [Float](repeating: 0, count: c), invStd = [Float](repeating: 0, count: c)
        if training {
            var sum = [Double](repeating: 0, count: c), sq = [Double](repeating: 0, count: c)
            for r in 0..<rows { for j in 0..<c { let v = Double(X[r * c + j]); sum[j] += v; sq[j] += v * v } }
            for j in 0..<c {
                let m = sum[j] / Double(max(rows, 1)), v = max(sq[j] / Double(max(rows, 1)) - m * m, 0)
                mean[j] = Float(m); invStd[j] = 1 / sqrtf(Float(v) + epsilon)
                runningMean.buffer.pointer[j] = momentum * runningMean.buffer.pointer[j] + (1 - momentum) * Float(m)
                runningVar.buffer.pointer[j] = momentum * runningVar.buffer.pointer[j] + (1 - momentum) * Float(v)
            }
        } else {
            for j in 0..<c { mean[j] = runningMean.buffer.pointer[j]; invStd[j] = 1 / sqrtf(runningVar.buffer.pointer[j] + epsilon) }
        }
        let xhat = Buffer(count: x.count), out = Buffer(count: x.count)
        for r in 0..<rows { for j in 0..<c {
            let i = r * c + j, h = (X[i] - mean[j]) * invStd[j]
            xhat.pointer[i] = h
            out.pointer[i] = gamma.buffer.pointer[j] * h + beta.buffer.pointer[j]
        } }
        return make(x.shape, out, inputs: [x, gamma, beta]) { t in
            let g = t.grad!.pointer, H = xhat.pointer
            // The sums run over every N*H*W row: in Double, like the forward statistics (a Float sum of
            // 25,000 rows loses about 1e-6 of its value).
            var sumG = [Double](repeating: 0, count: c), sumGH = [Double](repeating: 0, count: c)
            for r in 0..<rows {
                for j in 0..<c {
                    let gi = Double(g[r * c + j])
                    sumG[j] += gi
                    sumGH[j] += gi * Double(H[r * c + j])
                }
            }
            if gamma.requiresGrad { let d = gamma.gradPointer(); for j in 0..<c { d[j] += Float(sumGH[j]) } }
            if beta.requiresGrad { let d = beta.gradPointer(); for j in 0..<c { d[j] += Float(sumG[j]) } }
            guard x.requiresGrad else { return }
            let dx = x.gradPointer(), n = Double(max(rows, 1))
            let meanG = sumG.map { Float($0 / n) }, meanGH = sumGH.map { Float($0 / n) }
            for r in 0..<rows { for j in 0..<c {
                let i = r * c + j, gh = gamma.buffer.pointer[j] * invStd[j]
                // training: (gamma*invstd/N) * (N*g - sum(g) - xhat*sum(g*xhat)); eval: gamma*invstd*g
                dx[i] += training ? gh * (g[i] - meanG[j] - H[i] * meanGH[j]) : gh * g[i]
            } }
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
