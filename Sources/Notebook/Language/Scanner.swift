// The scanner turns source text into tokens, one pass, left to right.
//
// Lexical rules (see docs/language.md, "Lexical rules"):
//   - `#` starts a comment that runs to the end of the line.
//   - Spaces and tabs separate tokens; a line break ends a statement.
//   - A word starts with a letter, `_`, `.`, `/` or `~` and continues with
//     letters, digits and `_ - . / ~`.
//   - A number starts with a digit, or with `-` or `.` followed by a digit.
//     The whole run of word characters must form an integer, a decimal with an
//     optional exponent, or a shape such as `28x28x1`.
//   - Strings are double-quoted, stay on one line, and understand `\"` and `\\`.
//   - `<`, `<=`, `>`, `>=` and `==` are comparisons (`expect accuracy >= 0.9`).

public struct Scanner {
    private let characters: [Character]
    private var start = 0
    private var current = 0
    private var line: Int
    private var column = 1
    private var startLocation: SourceLocation
    private var tokens: [Token] = []

    /// Problems found while scanning, in source order.
    public private(set) var diagnostics: [Diagnostic] = []

    public init(_ source: String, firstLine: Int = 1) {
        self.characters = Array(source)
        self.line = firstLine
        self.startLocation = SourceLocation(line: firstLine, column: 1)
    }

    /// Scans the whole input. The result always ends with an `.end` token.
    public static func scan(_ source: String, firstLine: Int = 1) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var scanner = Scanner(source, firstLine: firstLine)
        let tokens = scanner.scanTokens()
        return (tokens, scanner.diagnostics)
    }

    public mutating func scanTokens() -> [Token] {
        tokens = []
        diagnostics = []
        while !isAtEnd {
            start = current
            startLocation = location
            scanToken()
        }
        start = current
        startLocation = location
        tokens.append(Token(kind: .end, text: "", range: SourceRange(at: location)))
        return tokens
    }

    // MARK: - One token

    private mutating func scanToken() {
        let c = advance()
        switch c {
        case _ where Scanner.isNewline(c):
            addToken(.newline)
            line += 1
            column = 1
        case _ where c.isWhitespace:
            break
        case "#":
            while let next = peek, !Scanner.isNewline(next) { _ = advance() }
        case "=":
            if peek == "=" {
                _ = advance()
                addToken(.comparison)
            } else {
                addToken(.equals)
            }
        case "<", ">":
            if peek == "=" { _ = advance() }
            addToken(.comparison)
        case ",":
            addToken(.comma)
        case "\"":
            string()
        case _ where Scanner.isDigit(c):
            number()
        case "-", ".":
            if let next = peek, Scanner.isDigit(next) {
                number()
            } else if c == "-", peek == ".", let after = peek(1), Scanner.isDigit(after) {
                number()
            } else if c == "." {
                word()
            } else {
                invalid(.strayCharacter(String(c)))
            }
        case _ where Scanner.isWordStart(c):
            word()
        default:
            invalid(.strayCharacter(String(c)))
        }
    }

    private mutating func word() {
        while let next = peek, Scanner.isWordCharacter(next) { _ = advance() }
        addToken(.word)
    }

    private mutating func number() {
        // Take the whole run of word characters so that `3a` or `28x` are
        // reported as one malformed token rather than split in two. A sign
        // right after an exponent marker belongs to the number as well.
        while let next = peek {
            if Scanner.isWordCharacter(next) {
                _ = advance()
            } else if next == "+", let last = characters[current - 1].lowercased().first, last == "e" {
                _ = advance()
            } else if next == "%" {
                // `80%`: a percentage ends the number; it is a word the percent type reads.
                _ = advance()
                break
            } else {
                break
            }
        }
        let text = lexeme
        let classification = Scanner.classifyNumber(text)
        switch classification {
        case .integer:
            if Int(text) == nil {
                invalid(.numberTooLarge(text))
            } else {
                addToken(.integer)
            }
        case .decimal:
            if let value = Scanner.decimalValue(text), value.isFinite {
                addToken(.decimal)
            } else {
                invalid(.numberTooLarge(text))
            }
        case .shape:
            if text.lowercased().split(separator: "x", omittingEmptySubsequences: false).allSatisfy({ Int($0) != nil }) {
                addToken(.shape, value: text.lowercased())
            } else {
                invalid(.numberTooLarge(text))
            }
        case .malformedShape, .malformedNumber:
            if Scanner.looksLikeWord(text) {
                // `2d`, `01.safetensors`, `2024/run.grad`: a word that happens
                // to start with a digit. Types are checked by the parser.
                addToken(.word)
            } else if classification == .malformedShape {
                invalid(.malformedShape(text))
            } else {
                invalid(.malformedNumber(text))
            }
        }
    }

    private mutating func string() {
        var value = ""
        while let next = peek, !Scanner.isNewline(next), next != "\"" {
            _ = advance()
            if next == "\\", let escaped = peek, escaped == "\"" || escaped == "\\" {
                _ = advance()
                value.append(escaped)
            } else {
                value.append(next)
            }
        }
        guard peek == "\"" else {
            // Report at the opening quote; the bad token runs to the line end.
            diagnostics.append(Diagnostic(.unterminatedString, at: SourceRange(start: startLocation, end: location)))
            addToken(.invalid)
            return
        }
        _ = advance()
        addToken(.string, value: value)
    }

    private mutating func invalid(_ kind: Diagnostic.Kind) {
        let range = SourceRange(start: startLocation, end: location)
        diagnostics.append(Diagnostic(kind, at: range))
        addToken(.invalid)
    }

    // MARK: - Number classification

    enum NumberShape: Equatable {
        case integer, decimal, shape, malformedNumber, malformedShape
    }

    /// Decides what a run of number characters is, without converting it.
    static func classifyNumber(_ text: String) -> NumberShape {
        let chars = Array(text)
        if chars.contains(where: { $0 == "x" || $0 == "X" }) {
            let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            let ok = parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
            return ok ? .shape : .malformedShape
        }
        var i = 0
        if i < chars.count, chars[i] == "-" { i += 1 }
        var integerDigits = 0
        while i < chars.count, isDigit(chars[i]) { i += 1; integerDigits += 1 }
        var fractionDigits = 0
        var isDecimal = false
        if i < chars.count, chars[i] == "." {
            isDecimal = true
            i += 1
            while i < chars.count, isDigit(chars[i]) { i += 1; fractionDigits += 1 }
        }
        guard integerDigits + fractionDigits > 0 else { return .malformedNumber }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            isDecimal = true
            i += 1
            if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
            var exponentDigits = 0
            while i < chars.count, isDigit(chars[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return .malformedNumber }
        }
        guard i == chars.count else { return .malformedNumber }
        return isDecimal ? .decimal : .integer
    }

    /// Converts a decimal token's text (`1.`, `.5`, `-.5e3` included) to a Double.
    static func decimalValue(_ text: String) -> Double? {
        var normalized = text
        if normalized.hasPrefix("-.") {
            normalized = "-0." + normalized.dropFirst(2)
        } else if normalized.hasPrefix(".") {
            normalized = "0" + normalized
        }
        normalized = normalized.replacing(".e", with: ".0e").replacing(".E", with: ".0E")
        if normalized.hasSuffix(".") { normalized += "0" }
        return Double(normalized)
    }

    /// A digit-led run is a word rather than a bad number when it contains a
    /// character no number or shape could contain: a letter other than
    /// e/E/x/X, or `_`, `/`, `~`.
    static func looksLikeWord(_ text: String) -> Bool {
        text.contains { c in
            (c.isLetter && !"eExX".contains(c)) || c == "_" || c == "/" || c == "~" || c == "%"
        }
    }

    // MARK: - Character classes

    static func isNewline(_ c: Character) -> Bool {
        c == "\n" || c == "\r\n" || c == "\r"
    }

    static func isDigit(_ c: Character) -> Bool {
        c.isASCII && c.isNumber
    }

    static func isWordStart(_ c: Character) -> Bool {
        c.isLetter || c == "_" || c == "." || c == "/" || c == "~"
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || isDigit(c) || c == "_" || c == "-" || c == "." || c == "/" || c == "~"
    }

    // MARK: - Helpers

    private var isAtEnd: Bool { current >= characters.count }

    private var location: SourceLocation { SourceLocation(line: line, column: column) }

    private var peek: Character? { current < characters.count ? characters[current] : nil }

    private func peek(_ offset: Int) -> Character? {
        let index = current + offset
        return index < characters.count ? characters[index] : nil
    }

    private mutating func advance() -> Character {
        let c = characters[current]
        current += 1
        column += 1
        return c
    }

    private var lexeme: String { String(characters[start..<current]) }

    private mutating func addToken(_ kind: TokenKind, value: String? = nil) {
        let range = SourceRange(start: startLocation, end: location)
        tokens.append(Token(kind: kind, text: lexeme, value: value, range: range))
    }
}
