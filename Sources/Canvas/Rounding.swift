/// Rounding without libm.
///
/// `Double.rounded()` lowers to libm's `round`, which a module importing
/// neither Foundation nor Glibc may fail to link on Linux. These helpers use
/// integer conversion (a plain truncating instruction) instead.
enum Rounding {
    /// `x` rounded half away from zero. Non-finite and very large values are returned unchanged.
    static func round(_ x: Double) -> Double {
        guard x.isFinite, abs(x) < 4.0e15 else { return x }
        let truncated = Double(Int64(x))
        let fraction = x - truncated
        if fraction >= 0.5 { return truncated + 1 }
        if fraction <= -0.5 { return truncated - 1 }
        return truncated
    }

    /// `x` rounded half away from zero as an `Int` (non-finite → 0, clamped to ±4e15).
    static func roundToInt(_ x: Double) -> Int {
        guard x.isFinite else { return 0 }
        return Int(round(min(4.0e15, max(-4.0e15, x))))
    }

    /// A value in [0, 1] (clamped, NaN → 0) scaled to a byte 0…255.
    static func byte(_ unit: Double) -> UInt8 {
        let v = unit.isNaN ? 0 : min(1, max(0, unit))
        return UInt8(roundToInt(v * 255))
    }
}
