extension Tensor {
    /// GELU, x·Φ(x) with Φ the standard normal CDF in its erf form (not the tanh approximation), any shape.
    /// Φ comes from `FastMath.normalCDF` (within 1.5e-7 of the erf form) and is kept for backward:
    /// dy/dx = Φ(x) + x·φ(x). Neither pass calls libm, so the loops vectorise. Pool-parallel in fixed chunks.
    static func gelu(_ x: Tensor) -> Tensor {
        let n = x.count
        let out = Buffer(count: n), cdf = Buffer(count: n)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer), C = SharedPointer(cdf.pointer)
        Parallel.chunks(n) { r in
            for i in r {
                let c = FastMath.normalCDF(X[i])
                C[i] = c
                Y[i] = X[i] * c
            }
        }
        return make(x.shape, out, inputs: [x]) { t in
            // The pointers are taken from the buffers here, so the closure keeps the buffers alive.
            let G = SharedPointer(t.grad!.pointer), DX = SharedPointer(x.gradPointer())
            let X = SharedPointer(x.buffer.pointer), C = SharedPointer(cdf.pointer)
            Parallel.chunks(n) { r in
                for i in r {
                    let v = X[i]
                    DX[i] += G[i] * (C[i] + v * FastMath.normalPDF(v))
                }
            }
        }
    }
}

/// exp and the normal distribution's CDF and density in plain arithmetic (no libm calls, no traps), so that
/// loops over them vectorise. NaN in gives NaN out.
enum FastMath {
    /// e^y for y <= 0 (clamped at -87, where e^y is below Float's normal range): y = k·ln 2 + r with |r| <= ln2/2,
    /// e^r by its Taylor series to r⁷ (relative error below 1e-8), 2^k built in the exponent bits.
    @inline(__always) static func expNonPositive(_ y: Float) -> Float {
        let c = max(y, -87)
        // Adding 1.5·2^23 rounds c·log2(e) to an integer k, held in the low bits of `shifted`.
        let shifted = c * 1.442_695_04 + 12_582_912
        let k = shifted - 12_582_912
        let r = c - k * 0.693_145_751_953_125 - k * 1.428_606_765_330_187e-6
        var p: Float = 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let scale = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23)
        return p * scale
    }

    /// Φ(x) = erfc(-x/√2)/2, erfc by Abramowitz and Stegun's formula 7.1.26 (absolute error below 1.5e-7):
    /// erfc(z) = t·(a1 + t·(a2 + ... + t·a5))·e^(-z²), t = 1/(1 + p·z), z >= 0.
    @inline(__always) static func normalCDF(_ x: Float) -> Float {
        let z = abs(x) * 0.707_106_78
        let t = 1 / (1 + 0.327_591_1 * z)
        var poly: Float = 1.061_405_429
        poly = poly * t - 1.453_152_027
        poly = poly * t + 1.421_413_741
        poly = poly * t - 0.284_496_736
        poly = poly * t + 0.254_829_592
        let tail = 0.5 * poly * t * expNonPositive(-z * z)
        return x < 0 ? tail : 1 - tail
    }

    /// φ(x) = e^(-x²/2)/√(2π).
    @inline(__always) static func normalPDF(_ x: Float) -> Float {
        0.398_942_28 * expNonPositive(-0.5 * x * x)
    }
}
