/// Number formatting for axis labels and table cells, without Foundation.
public enum NumberFormat {
    /// A short label: about three significant digits with a k/M/G/T suffix for
    /// large magnitudes and an exponent for tiny ones.
    ///
    /// Examples: `0.35`, `1.23`, `42`, `1.2k`, `3.4M`, `1.5e-5`, `-0.5`, `NaN`.
    public static func compact(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, "")]
        if magnitude >= 0.001 {
            for (index, (unit, suffix)) in units.enumerated() where magnitude >= unit || unit == 1 {
                let scaled = magnitude / unit
                let (text, rounded) = significant(scaled)
                if rounded >= 1000, index > 0 {
                    let bigger = units[index - 1]
                    return sign + significant(magnitude / bigger.0).text + bigger.1
                }
                return sign + text + suffix
            }
        }
        // Tiny magnitudes: mantissa with one decimal and a negative exponent.
        var mantissa = magnitude
        var exponent = 0
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        var text = stripZeros(fixed(mantissa, decimals: 1))
        if text == "10" { text = "1"; exponent += 1 }
        return sign + text + "e" + String(exponent)
    }

    /// `value` with exactly `decimals` digits after the point (rounded half away from zero).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let places = max(0, decimals)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Rounding.round(abs(value) * scale)
        guard scaled < 9e18 else { return String(value) }
        let integer = UInt64(scaled)
        var digits = String(integer)
        if places > 0 {
            if digits.count <= places {
                digits = String(repeating: "0", count: places - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return (value < 0 && integer != 0 ? "-" : "") + digits
    }

    /// A percentage like `42%` for a fraction like 0.42 (no decimals).
    public static func percent(_ fraction: Double) -> String {
        fixed(fraction * 100, decimals: 0) + "%"
    }

    /// An integer with thousands separated by commas: `1,234`, `-12,345,678`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// Seconds as a clock: `0:07`, `1:05`, `1:02:03` (rounded to whole seconds; negative or
    /// non-finite as `-:--`).
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 3.6e9 else { return "-:--" }
        let total = Rounding.roundToInt(seconds)
        let hours = total / 3600, minutes = total / 60 % 60, secs = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }

    /// Three significant digits for a magnitude in [0.001, 1000), trailing zeros removed.
    private static func significant(_ magnitude: Double) -> (text: String, rounded: Double) {
        let decimals: Int
        switch magnitude {
        case 100...: decimals = 0
        case 10...: decimals = 1
        case 1...: decimals = 2
        case 0.1...: decimals = 3
        case 0.01...: decimals = 4
        default: decimals = 5
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = Rounding.round(magnitude * scale) / scale
        return (stripZeros(fixed(magnitude, decimals: decimals)), rounded)
    }

    private static func stripZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.last == "0" { result.removeLast() }
        if result.last == "." { result.removeLast() }
        return String(result)
    }
}
