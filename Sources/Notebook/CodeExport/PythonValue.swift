// Python literals for the scripts `export keras` and `export pytorch` write: the LAYERS table, the
// training settings, paths. Every value the scripts read from the session goes through here, so a
// name or path with quotes or backslashes stays one valid string literal.

/// A value written as a Python literal.
indirect enum PythonValue: Equatable {
    case int(Int)
    case float(Double)
    case string(String)
    case bool(Bool)
    case none
    case tuple([PythonValue])
    case list([PythonValue])
    /// Keys in the order given (Python 3.7+ keeps it).
    case dict([(String, PythonValue)])

    static func == (a: PythonValue, b: PythonValue) -> Bool { a.literal == b.literal }

    /// The literal: `3`, `0.001`, `"conv2d_1"`, `True`, `None`, `(26, 26, 32)`, `[...]`, `{"units": 10}`.
    var literal: String {
        switch self {
        case .int(let v): return String(v)
        case .float(let v): return PythonValue.number(v)
        case .string(let s): return PythonValue.quoted(s)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .tuple(let items): return items.count == 1 ? "(\(items[0].literal),)" : "(" + items.map(\.literal).joined(separator: ", ") + ")"
        case .list(let items): return "[" + items.map(\.literal).joined(separator: ", ") + "]"
        case .dict(let pairs): return "{" + pairs.map { "\(PythonValue.quoted($0.0)): \($0.1.literal)" }.joined(separator: ", ") + "}"
        }
    }

    /// A shape as a tuple of ints.
    static func shape(_ dims: [Int]) -> PythonValue { .tuple(dims.map { .int($0) }) }

    /// A Float setting as Python reads it back exactly (its shortest decimal form, as Float).
    static func float(_ v: Float) -> PythonValue { .float(Double(String(v)) ?? Double(v)) }

    /// The shortest decimal that reads back as `v`; whole numbers keep a `.0`, non-finite values become
    /// `float("inf")` / `float("nan")`.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "float(\"nan\")" : (v > 0 ? "float(\"inf\")" : "-float(\"inf\")") }
        let text = String(v)
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    /// A double-quoted string literal: backslashes, quotes and control characters escaped, everything
    /// else (UTF-8) kept, so the script stays readable for Chinese class names.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value)
                    || (0x2028...0x2029).contains(scalar.value) || (0xd800...0xdfff).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
