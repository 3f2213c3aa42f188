/// Tick values for chart axes: "nice" steps (1, 2, 2.5, 5 × 10ᵏ) on a linear
/// axis, and 1, 2, 5 × 10ᵏ on a logarithmic one. Also base-10 logarithms and
/// powers without libm (Canvas links nothing but the standard library).
enum AxisTicks {
    /// The smallest nice step that cuts `span` into at most `maxCount` intervals.
    ///
    /// With `integer` the step is a whole number (at least 1): epochs and batches.
    static func niceStep(span: Double, maxCount: Int, integer: Bool) -> Double {
        let count = Double(max(1, maxCount))
        guard span.isFinite, span > 0 else { return 1 }
        let raw = span / count
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw, magnitude > 1e-300 { magnitude /= 10 }
        for factor in [1.0, 2, 2.5, 5, 10] {
            let step = factor * magnitude
            if integer, step < 1 || step != Rounding.round(step) { continue }
            if span / step <= count { return step }
        }
        return integer ? max(1, Rounding.round(10 * magnitude)) : 10 * magnitude
    }

    /// The multiples of `step` strictly inside `range`, lowest first (at most 1,000). None when the range's
    /// ends are more than 2^52 steps from zero: there consecutive multiples round to the same value (a range
    /// narrower than its values' rounding, such as 0.9999999999999999...1), so none can be told apart.
    static func multiples(of step: Double, inside range: ClosedRange<Double>) -> [Double] {
        guard step > 0, step.isFinite, range.lowerBound.isFinite, range.upperBound.isFinite else { return [] }
        let low = range.lowerBound / step, high = range.upperBound / step
        let exact = 4_503_599_627_370_496.0  // 2^52
        guard abs(low) < exact, abs(high) < exact else { return [] }
        let first = floorToInt(low) + 1
        var values: [Double] = []
        // Every k from the first is inside until the upper end: at most 1,001 tries.
        for k in first...(first + 1_000) {
            let value = Double(k) * step
            if value >= range.upperBound { break }
            if value > range.lowerBound { values.append(value) }
        }
        return values
    }

    /// Candidate ticks for a logarithmic axis whose range is given in decades
    /// (`log10` of the values): powers of ten first, then 2 and 5 times them.
    static func logCandidates(inside decades: ClosedRange<Double>) -> [Double] {
        guard decades.lowerBound.isFinite, decades.upperBound.isFinite else { return [] }
        let low = floorToInt(decades.lowerBound), high = floorToInt(decades.upperBound)
        guard high - low < 400 else { return [] }
        var result: [Double] = []
        for factor in [1.0, 2, 5] {
            for exponent in low...high {
                let value = factor * power10(exponent)
                let position = log10(value)
                if position > decades.lowerBound, position < decades.upperBound { result.append(value) }
            }
        }
        return result
    }

    /// `x` rounded down to an integer (clamped to ±4e15, NaN → 0).
    static func floorToInt(_ x: Double) -> Int {
        guard x.isFinite else { return 0 }
        let clamped = min(4.0e15, max(-4.0e15, x))
        let truncated = Int(clamped)
        return Double(truncated) > clamped ? truncated - 1 : truncated
    }

    /// 10 raised to an integer power.
    static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        let factor = exponent < 0 ? 0.1 : 10
        for _ in 0..<min(abs(exponent), 400) { result *= factor }
        return result
    }

    /// Base-10 logarithm of a positive finite value (NaN otherwise), accurate to about 1e-15.
    static func log10(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == .infinity ? .infinity : .nan }
        // x = m · 2^e with m in [1, 2); ln m = 2 atanh((m - 1) / (m + 1)).
        let m = x.significand
        let e = Double(x.exponent)
        let z = (m - 1) / (m + 1)
        let z2 = z * z
        var term = z
        var sum = 0.0
        var n = 1.0
        while n < 60 {
            sum += term / n
            term *= z2
            n += 2
        }
        let ln2 = 0.693_147_180_559_945_3
        let ln10 = 2.302_585_092_994_046
        return (2 * sum + e * ln2) / ln10
    }

    /// 10 raised to `x` (for labels), accurate to about 1e-15 relative.
    static func exp10(_ x: Double) -> Double {
        guard x.isFinite else { return x == -.infinity ? 0 : x }
        let whole = floorToInt(x)
        let fraction = x - Double(whole)
        // 10^f = e^(f ln 10), f in [0, 1): Taylor series.
        let y = fraction * 2.302_585_092_994_046
        var term = 1.0
        var sum = 1.0
        for n in 1..<40 {
            term *= y / Double(n)
            sum += term
        }
        return sum * power10(whole)
    }
}
