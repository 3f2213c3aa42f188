// Tokens produced by `Scanner` and consumed by `Parser`.

public enum TokenKind: String, Sendable, Equatable, CaseIterable {
    /// A bare word: letters, digits, `_`, `-`, `.`, `/` and `~` (for example
    /// `fashion-mnist`, `conv2d_1`, `out/best.safetensors`).
    case word
    /// A whole number, possibly negative: `32`, `-1`.
    case integer
    /// A number with a fraction and/or an exponent: `0.25`, `1e-3`, `-.5`.
    case decimal
    /// Dimensions joined by `x`: `28x28x1`.
    case shape
    /// A double-quoted string; `Token.value` holds the unescaped contents.
    case string
    /// `=`
    case equals
    /// `,`
    case comma
    /// A comparison: `<`, `<=`, `>`, `>=` or `==` (read by `expect` only).
    case comparison
    /// The end of a line.
    case newline
    /// The end of the input.
    case end
    /// Text the scanner could not understand; a diagnostic was reported for it.
    case invalid
}

public struct Token: Sendable, Equatable, CustomStringConvertible {
    public var kind: TokenKind
    /// The exact source text of the token (quotes included for strings).
    public var text: String
    /// The token's value: the unescaped contents of a string, otherwise `text`.
    public var value: String
    public var range: SourceRange

    public init(kind: TokenKind, text: String, value: String? = nil, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.value = value ?? text
        self.range = range
    }

    public var location: SourceLocation { range.start }
    public var line: Int { range.start.line }
    public var column: Int { range.start.column }

    /// True for tokens that can stand as an argument value.
    public var isValue: Bool {
        switch kind {
        case .word, .integer, .decimal, .shape, .string: return true
        default: return false
        }
    }

    /// How the token is shown inside an error message.
    public var displayText: String {
        switch kind {
        case .newline, .end: return "end of line"
        default: return text
        }
    }

    public var description: String {
        switch kind {
        case .newline, .end: return "\(kind.rawValue)@\(range.start)"
        default: return "\(kind.rawValue)(\(text))@\(range.start)"
        }
    }
}
