// Naming characters in messages: a control or invisible character is
// written by its code point (and its ASCII name), never raw, so that ESC,
// NUL or BEL do not vanish from (or act on) the terminal.

extension Diagnostic {
    /// "stray character '('" or "stray control character U+001B (ESC)".
    static func strayMessage(_ text: String) -> String {
        guard let description = invisibleDescription(text) else { return "stray character '\(text)'" }
        return "stray \(description)"
    }

    /// "control character U+001B (ESC)" for a control, format or
    /// whitespace-like character; nil for a visible one.
    static func invisibleDescription(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else { return "empty character" }
        let invisible = scalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate:
                return true
            default:
                return false
            }
        }
        guard invisible else { return nil }
        let codes = scalars.map(codePoint).joined(separator: " ")
        let isControl = first.properties.generalCategory == .control
        var result = (isControl ? "control character " : "invisible character ") + codes
        if scalars.count == 1, let name = asciiName(first) { result += " (\(name))" }
        return result
    }

    /// `U+001B`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The ASCII abbreviation of a C0 control or DEL: NUL, BEL, ESC...
    static func asciiName(_ scalar: Unicode.Scalar) -> String? {
        let names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
                     "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"]
        let value = Int(scalar.value)
        if value < names.count { return names[value] }
        if value == 0x7F { return "DEL" }
        if value == 0xA0 { return "NBSP" }
        return nil
    }
}
