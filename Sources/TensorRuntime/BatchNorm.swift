#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Batch normalisation, channels-last: two vectorised passes forward (statistics, then y = x·scale + shift)
// and two backward (the two per-channel sums, then dx). Nothing of the size of x is kept besides y.

/// Rows of x cut into fixed slices (by shape alone) for the per-channel sums; each slice sums runs of 64
/// rows in Float (vectorised over channels) and adds each run to its Double partials, and the partials are
/// added in slice order: the result does not depend on the thread count.
struct ChannelSlices {
    let rows: Int, c: Int
    /// Rows per slice: about 16K values.
    var sliceRows: Int { max(64, (16_384 / max(c, 1)) / 64 * 64) }
    var slices: Int { (rows + sliceRows - 1) / sliceRows }

    /// Returns (Σ a, Σ b) per channel in Double, where `run(rowRange, sumA, sumB)` adds a run's Float terms.
    func sums(_ run: (Range<Int>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> ([Double], [Double]) {
        let c = self.c, per = sliceRows
        let parts = UnsafeMutablePointer<Double>.allocate(capacity: max(slices * 2 * c, 1))
        parts.initialize(repeating: 0, count: slices * 2 * c)
        defer { parts.deallocate() }
        let P = SharedPointer(parts)
        let runs = UnsafeMutablePointer<Float>.allocate(capacity: max(slices * 2 * c, 1))
        defer { runs.deallocate() }
        let R = SharedPointer(runs)
        ThreadPool.shared.parallelBlocks(rows, blockSize: per) { slice in
            let index = slice.lowerBound / per
            let a = R.base + index * 2 * c, b = a + c, pa = P.base + index * 2 * c, pb = pa + c
            var r = slice.lowerBound
            while r < slice.upperBound {
                let end = min(slice.upperBound, r + 64)
                a.update(repeating: 0, count: 2 * c)
                run(r ..< end, a, b)
                for j in 0..<c { pa[j] += Double(a[j]) }
                for j in 0..<c { pb[j] += Double(b[j]) }
                r = end
            }
        }
        var sumA = [Double](repeating: 0, count: c), sumB = [Double](repeating: 0, count: c)
        for s in 0..<slices {
            for j in 0..<c { sumA[j] += parts[s * 2 * c + j] }
            for j in 0..<c { sumB[j] += parts[s * 2 * c + c + j] }
        }
        return (sumA, sumB)
    }
}

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
        let rows = x.count / max(c, 1), X = SharedPointer(x.buffer.pointer), n = Double(max(rows, 1))
        // coef: mean (Float), invStd, scale = gamma·invStd, shift = beta - mean·scale; meanD the exact mean.
        let coef = Buffer(count: 4 * c)
        let mean = coef.pointer, invStd = mean + c, scale = invStd + c, shift = scale + c
        var meanD = [Double](repeating: 0, count: c)
        if training && rows > 0 {
            // Sums of x - x[0] (a pilot per channel): the variance keeps its digits when the mean is large.
            let pilot = X.base
            let (s1, s2) = ChannelSlices(rows: rows, c: c).sums { r, a, b in
                for row in r {
                    let xr = X.base + row * c
                    for j in 0..<c { let d = xr[j] - pilot[j]; a[j] += d; b[j] += d * d }
                }
            }
            for j in 0..<c {
                let m = s1[j] / n, v = max(s2[j] / n - m * m, 0)
                meanD[j] = Double(pilot[j]) + m
                mean[j] = Float(meanD[j])
                invStd[j] = 1 / sqrtf(Float(v) + epsilon)
                runningMean.buffer.pointer[j] = momentum * runningMean.buffer.pointer[j] + (1 - momentum) * mean[j]
                runningVar.buffer.pointer[j] = momentum * runningVar.buffer.pointer[j] + (1 - momentum) * Float(v)
            }
        } else {
            for j in 0..<c {
                mean[j] = runningMean.buffer.pointer[j]
                meanD[j] = Double(mean[j])
                invStd[j] = 1 / sqrtf(runningVar.buffer.pointer[j] + epsilon)
            }
        }
        for j in 0..<c {
            scale[j] = gamma.buffer.pointer[j] * invStd[j]
            shift[j] = beta.buffer.pointer[j] - mean[j] * scale[j]
        }
        let out = Buffer(count: x.count), Y = SharedPointer(out.pointer), S = SharedPointer(scale), T = SharedPointer(shift)
        Parallel.rows(rows, width: c) { r in
            for row in r {
                let xr = X.base + row * c, yr = Y.base + row * c
                for j in 0..<c { yr[j] = xr[j] * S[j] + T[j] }
            }
        }
        return make(x.shape, out, inputs: [x, gamma, beta]) { t in
            guard let grad = t.grad else { return }
            batchNormBackward(x: x, gamma: gamma, beta: beta, dy: grad, coef: coef, meanD: meanD, training: training)
        }
    }

    /// dy (rows, C) -> dgamma = Σ dy·xhat, dbeta = Σ dy (Double sums), and dx.
    /// Training: dx = gamma·invStd · (dy - mean(dy) - xhat · mean(dy·xhat)); evaluation: gamma·invStd·dy.
    static func batchNormBackward(x: Tensor, gamma: Tensor, beta: Tensor, dy: Buffer, coef: Buffer, meanD: [Double], training: Bool) {
        let c = gamma.count, rows = x.count / max(c, 1), n = Double(max(rows, 1))
        let X = SharedPointer(x.buffer.pointer), G = SharedPointer(dy.pointer)
        let mean = coef.pointer, invStd = mean + c, scale = invStd + c
        let M = SharedPointer(mean)
        // Σ dy and Σ dy·(x - mean): the sums run over every N·H·W row, so they end in Double.
        let (sumG, sumGD) = ChannelSlices(rows: rows, c: c).sums { r, a, b in
            for row in r {
                let xr = X.base + row * c, gr = G.base + row * c
                for j in 0..<c { let g = gr[j]; a[j] += g; b[j] += g * (xr[j] - M[j]) }
            }
        }
        // xhat used the Float mean; Σ dy·(x - exact mean) = Σ dy·(x - mean) + (mean - exact mean)·Σ dy.
        let sumGH = (0..<c).map { j in Double(invStd[j]) * (sumGD[j] + (Double(mean[j]) - meanD[j]) * sumG[j]) }
        if gamma.requiresGrad { let d = gamma.gradPointer(); for j in 0..<c { d[j] += Float(sumGH[j]) } }
        if beta.requiresGrad { let d = beta.gradPointer(); for j in 0..<c { d[j] += Float(sumG[j]) } }
        guard x.requiresGrad else { return }
        // dx = scale·(dy - meanG - (x - mean)·k), k = invStd·mean(dy·xhat); meanG and k are 0 in evaluation.
        let terms = Buffer(count: 2 * c), meanG = terms.pointer, k = meanG + c
        for j in 0..<c {
            meanG[j] = training ? Float(sumG[j] / n) : 0
            k[j] = training ? invStd[j] * Float(sumGH[j] / n) : 0
        }
        let (dxBase, fresh) = x.gradPointerForWriting()
        let DX = SharedPointer(dxBase), S = SharedPointer(scale), MG = SharedPointer(meanG), K = SharedPointer(k)
        Parallel.rows(rows, width: c) { r in
            for row in r {
                let xr = X.base + row * c, gr = G.base + row * c, dr = DX.base + row * c
                if fresh {
                    for j in 0..<c { dr[j] = S[j] * (gr[j] - MG[j] - (xr[j] - M[j]) * K[j]) }
                } else {
                    for j in 0..<c { dr[j] += S[j] * (gr[j] - MG[j] - (xr[j] - M[j]) * K[j]) }
                }
            }
        }
        withExtendedLifetime(terms) {}
    }
}
