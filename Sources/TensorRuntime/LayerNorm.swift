#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Layer normalisation over the last axis. x (..., C), gamma (C), beta (C) -> y (..., C).
    ///
    /// Each row's mean and variance are `FixedMath` sums (32 lanes). Pool-parallel over rows in blocks fixed by the shape. Backward sums gamma's and beta's gradients per
    /// block, then adds the blocks in order, so the result does not depend on the thread count.
    public static func layerNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, epsilon: Float) throws -> Tensor {
        guard let c = x.shape.last, c > 0, gamma.shape == [c], beta.shape == [c] else {
            throw TensorError.shapeMismatch(op: "layernorm", lhs: x.shape, rhs: gamma.shape)
        }
        let rows = x.count / c
        let xhat = Buffer(count: x.count), out = Buffer(count: x.count), invStd = Buffer(count: max(rows, 1))
        let X = SharedPointer(x.buffer.pointer), H = SharedPointer(xhat.pointer), Y = SharedPointer(out.pointer)
        let S = SharedPointer(invStd.pointer)
        let gam = SharedPointer(gamma.buffer.pointer), bet = SharedPointer(beta.buffer.pointer)
        let perBlock = max(1, Parallel.chunk / c)
        ThreadPool.shared.parallelBlocks(rows, blockSize: perBlock) { range in
            for r in range {
                let xr = X.base + r * c, hr = H.base + r * c, yr = Y.base + r * c
                let m = FixedMath.sum(xr, count: c) / Float(c)
                let v = FixedMath.sumSquares(xr, count: c, from: m)
                let s = 1 / sqrtf(v / Float(c) + epsilon)
                S[r] = s
                for j in 0..<c {
                    let h = (xr[j] - m) * s
                    hr[j] = h
                    yr[j] = gam[j] * h + bet[j]
                }
            }
        }
        return make(x.shape, out, inputs: [x, gamma, beta]) { t in
            // The pointers are taken from the buffers here, so the closure keeps the buffers alive.
            let G = SharedPointer(t.grad!.pointer)
            let H = SharedPointer(xhat.pointer), S = SharedPointer(invStd.pointer), gam = SharedPointer(gamma.buffer.pointer)
            let DX = x.requiresGrad ? SharedPointer(x.gradPointer()) : nil
            let wantsParameters = gamma.requiresGrad || beta.requiresGrad
            let blocks = (rows + perBlock - 1) / perBlock
            // Per block: gamma's partial gradient in the first C values, beta's in the next C.
            let partial = Buffer.zeroed(wantsParameters ? blocks * 2 * c : 1)
            let P = SharedPointer(partial.pointer)
            ThreadPool.shared.parallelBlocks(rows, blockSize: perBlock) { range in
                let pg = P.base + (wantsParameters ? (range.lowerBound / perBlock) * 2 * c : 0), pb = pg + c
                for r in range {
                    let gr = G.base + r * c, hr = H.base + r * c
                    let sumD = FixedMath.dot(gr, gam.base, count: c)
                    let sumDH = RowSum.sum(c) { gr[$0] * gam[$0] * hr[$0] }
                    if wantsParameters {
                        for j in 0..<c {
                            pg[j] += gr[j] * hr[j]
                            pb[j] += gr[j]
                        }
                    }
                    if let DX {
                        let dx = DX.base + r * c, s = S[r], meanD = sumD / Float(c), meanDH = sumDH / Float(c)
                        for j in 0..<c { dx[j] += s * (gr[j] * gam[j] - meanD - hr[j] * meanDH) }
                    }
                }
            }
            guard wantsParameters else { return }
            let dg = gamma.requiresGrad ? gamma.gradPointer() : nil, db = beta.requiresGrad ? beta.gradPointer() : nil
            for b in 0..<blocks {
                let pg = P.base + b * 2 * c, pb = pg + c
                if let dg { for j in 0..<c { dg[j] += pg[j] } }
                if let db { for j in 0..<c { db[j] += pb[j] } }
            }
        }
    }
}

/// Sums of short rows with eight running partial sums instead of one: the additions no longer wait on each
/// other, and the order is fixed (element j goes to partial j mod 8, then the partials in order), so the
/// result is the same on every run.
enum RowSum {
    @inline(__always)
    static func sum(_ count: Int, _ term: (Int) -> Float) -> Float {
        var p0: Float = 0, p1: Float = 0, p2: Float = 0, p3: Float = 0
        var p4: Float = 0, p5: Float = 0, p6: Float = 0, p7: Float = 0
        var j = 0
        while j + 8 <= count {
            p0 += term(j)
            p1 += term(j + 1)
            p2 += term(j + 2)
            p3 += term(j + 3)
            p4 += term(j + 4)
            p5 += term(j + 5)
            p6 += term(j + 6)
            p7 += term(j + 7)
            j += 8
        }
        while j < count {
            p0 += term(j)
            j += 1
        }
        return ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7))
    }
}
