import CKernels

/// CKernels' own exp, log, tanh, erf and sigmoid, and its sums in 32 fixed lanes: the same bits on every
/// CPU and instruction-set path (see `InstructionSet`), unlike the C library's functions.
///
/// Errors against the exact values (checked over all floats): exp 1.02 ulp, log 0.85, tanh 1.34, erf 1.11,
/// sigmoid 2.41 at most. Sums put term i into lane i % 32 and combine the lanes pairwise
/// (l += l + 16, + 8, + 4, + 2, + 1); products inside sums are one fused multiply-add each.
public enum FixedMath {
    /// y = f(x) over `count` values (y may be x).
    public enum Function: Sendable, CaseIterable {
        case exp, log, tanh, erf, sigmoid
    }

    /// y[i] = f(x[i]) for i in 0..<count.
    @inline(__always)
    public static func apply(_ f: Function, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        switch f {
        case .exp: ck_exp(x, y, count)
        case .log: ck_log(x, y, count)
        case .tanh: ck_tanh(x, y, count)
        case .erf: ck_erf(x, y, count)
        case .sigmoid: ck_sigmoid(x, y, count)
        }
    }

    /// f over an array.
    public static func apply(_ f: Function, _ x: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                if let xb = xs.baseAddress, let yb = ys.baseAddress { apply(f, xb, yb, count: x.count) }
            }
        }
        return y
    }

    /// e^x (the same bits as the array form).
    @inline(__always) public static func exp(_ x: Float) -> Float { ck_expf(x) }
    /// ln x.
    @inline(__always) public static func log(_ x: Float) -> Float { ck_logf(x) }
    /// tanh x.
    @inline(__always) public static func tanh(_ x: Float) -> Float { ck_tanhf(x) }
    /// erf x.
    @inline(__always) public static func erf(_ x: Float) -> Float { ck_erff(x) }
    /// 1/(1 + e^-x).
    @inline(__always) public static func sigmoid(_ x: Float) -> Float { ck_sigmoidf(x) }

    /// b^n for a whole n >= 0 (Adam's bias corrections, step schedules), by squaring in double: IEEE
    /// multiplies only, no C library, so the same bits everywhere; at most about 2·log2(n) double roundings
    /// from the exact power before the one rounding to float.
    public static func power(_ b: Float, _ n: Int) -> Float {
        var result = 1.0, base = Double(b), e = Swift.max(n, 0)
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return Float(result)
    }

    /// Σ x over `count` values.
    @inline(__always) public static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float { ck_sum(x, count) }
    /// Σ x².
    @inline(__always) public static func sumSquares(_ x: UnsafePointer<Float>, count: Int) -> Float { ck_sum_squares(x, count) }
    /// Σ (x - c)².
    @inline(__always) public static func sumSquares(_ x: UnsafePointer<Float>, count: Int, from c: Float) -> Float {
        ck_sum_squares_from(x, count, c)
    }
    /// Σ x·y.
    @inline(__always) public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        ck_dot(x, y, count)
    }
    /// The largest x (NaN when any is NaN, -inf for none).
    @inline(__always) public static func max(_ x: UnsafePointer<Float>, count: Int) -> Float { ck_max(x, count) }
    /// y = e^(x - c); returns Σ y.
    @inline(__always) public static func expSum(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, minus c: Float) -> Float {
        ck_exp_sum(x, y, count, c)
    }
}
