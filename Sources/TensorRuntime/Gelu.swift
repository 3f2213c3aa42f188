extension Tensor {
    /// GELU, x·Φ(x) with Φ the standard normal CDF in its erf form (not the tanh approximation), any shape:
    /// Φ(x) = (1 + erf(x/√2))/2 with `FixedMath`'s erf, kept for backward: dy/dx = Φ(x) + x·φ(x),
    /// φ(x) = e^(-x²/2)/√(2π). Both passes run CKernels over whole runs of values. Pool-parallel in fixed chunks.
    static func gelu(_ x: Tensor) -> Tensor {
        let n = x.count
        let out = Buffer(count: n), cdf = Buffer(count: n)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer), C = SharedPointer(cdf.pointer)
        Parallel.chunks(n) { r in
            for i in r { C[i] = X[i] * 0.707_106_78 }
            FixedMath.apply(.erf, C.base + r.lowerBound, C.base + r.lowerBound, count: r.count)
            for i in r {
                let c = 0.5 * (1 + C[i])
                C[i] = c
                Y[i] = X[i] * c
            }
        }
        return make(x.shape, out, inputs: [x]) { t in
            // The pointers are taken from the buffers here, so the closure keeps the buffers alive.
            let G = SharedPointer(t.grad!.pointer), DX = SharedPointer(x.gradPointer())
            let X = SharedPointer(x.buffer.pointer), C = SharedPointer(cdf.pointer)
            Parallel.chunks(n) { r in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: 512) { scratch in
                    let e = scratch.baseAddress!
                    var start = r.lowerBound
                    while start < r.upperBound {
                        let count = min(512, r.upperBound - start)
                        for i in 0..<count { let v = X[start + i]; e[i] = -0.5 * v * v }
                        FixedMath.apply(.exp, e, e, count: count)
                        for i in 0..<count {
                            let v = X[start + i]
                            DX[start + i] += G[start + i] * (C[start + i] + v * (0.398_942_28 * e[i]))
                        }
                        start += count
                    }
                }
            }
        }
    }
}
