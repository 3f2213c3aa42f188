import Canvas

/// Word wrapping by terminal columns (``TextWidth``), without Foundation.
public enum TextWrap {
    /// Columns between tab stops when tabs are expanded.
    public static let tabWidth = 4

    /// `text` split at its newlines (`\n`, `\r\n`, …) and each line wrapped to `width` columns.
    ///
    /// Lines break at spaces; a word longer than the width is cut where it reaches
    /// the edge. Continuation lines keep the original line's indentation when it
    /// takes less than half the width. Tabs are expanded; trailing spaces are dropped.
    public static func lines(of text: String, width: Int) -> [String] {
        let width = max(1, width)
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).flatMap { line in
            wrap(expandTabs(String(line)), width: width)
        }
    }

    /// One line (without newlines) wrapped to `width` columns.
    static func wrap(_ line: String, width: Int) -> [String] {
        guard TextWidth.of(line) > width else { return [trimmed(line)] }
        // Split into (spaces before, word) pairs.
        var pairs: [(gap: String, word: String)] = []
        var gap = "", word = ""
        for character in line {
            if character == " " {
                if !word.isEmpty { pairs.append((gap, word)); gap = ""; word = "" }
                gap.append(character)
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { pairs.append((gap, word)) }
        pairs = keepingFieldsWhole(pairs)

        let indentWidth = pairs.first.map { TextWidth.of($0.gap) } ?? 0
        var builder = LineBuilder(width: width,
                                  indent: indentWidth < width / 2 ? String(repeating: " ", count: indentWidth) : "")
        for (index, pair) in pairs.enumerated() {
            let gap = builder.hasWord || index == 0 ? pair.gap : ""
            if builder.hasWord, builder.used + TextWidth.of(gap) + TextWidth.of(pair.word) > width {
                builder.newLine()
                builder.append(pair.word)
            } else {
                builder.append(gap + pair.word)
            }
        }
        return builder.finish()
    }

    /// Joins each `name value` field (`val_loss 0.3798`, `acc 0.9844`, `lr 2.2e-4`) into one unit, so a
    /// line of measurements breaks between fields, never between a name and its value.
    static func keepingFieldsWhole(_ pairs: [(gap: String, word: String)]) -> [(gap: String, word: String)] {
        var result: [(gap: String, word: String)] = []
        for pair in pairs {
            if let last = result.last, isFieldName(last.word), isMeasurement(pair.word), TextWidth.of(pair.gap) == 1 {
                result[result.count - 1].word += pair.gap + pair.word
            } else {
                result.append(pair)
            }
        }
        return result
    }

    /// A metric's name: letters and underscores (`loss`, `val_acc`, `seq_acc`).
    private static func isFieldName(_ word: String) -> Bool {
        !word.isEmpty && word.allSatisfy { ($0.isLetter && $0.isASCII) || $0 == "_" }
    }

    /// A measured value as Gradbook prints one: `0.3798`, `-1.25`, `2.2e-4`, `nan` (a decimal point or an exponent).
    private static func isMeasurement(_ word: String) -> Bool {
        if word == "nan" || word == "inf" || word == "-inf" { return true }
        guard word.contains(where: { $0 == "." || $0 == "e" }), word.first?.isNumber == true || word.first == "-" else { return false }
        return word.allSatisfy { $0.isNumber || "-+.e".contains($0) } && word.contains(where: \.isNumber)
    }

    /// Accumulates wrapped lines.
    private struct LineBuilder {
        let width: Int
        let indent: String
        var lines: [String] = []
        var current = ""
        var used = 0
        /// Whether the current line holds a non-space character.
        var hasWord = false

        init(width: Int, indent: String) {
            self.width = width
            self.indent = indent
        }

        mutating func newLine() {
            lines.append(TextWrap.trimmed(current))
            current = indent
            used = indent.count
            hasWord = false
        }

        /// Appends `text` character by character, starting new lines when the width is reached.
        mutating func append(_ text: String) {
            for character in text {
                let w = TextWidth.of(character)
                if used + w > width {
                    // Spaces at the edge vanish; a line holding only its indentation takes the character anyway.
                    if character == " " { continue }
                    if hasWord { newLine() }
                }
                current.append(character)
                used += w
                if character != " " { hasWord = true }
            }
        }

        mutating func finish() -> [String] {
            if hasWord || lines.isEmpty { lines.append(TextWrap.trimmed(current)) }
            return lines
        }
    }

    /// `line` with tabs replaced by spaces up to the next tab stop.
    static func expandTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var result = "", column = 0
        for character in line {
            if character == "\t" {
                let spaces = tabWidth - column % tabWidth
                result += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                result.append(character)
                column += TextWidth.of(character)
            }
        }
        return result
    }

    fileprivate static func trimmed(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line.removeLast() }
        return String(line)
    }
}
