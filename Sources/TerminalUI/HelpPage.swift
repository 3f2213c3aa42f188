import Canvas
import Notebook

/// One help page (a command's syntax, arguments, details and example, or the meaning of a word) as
/// styled lines wrapped to a width. Pure: built from Notebook's `Help` and `Catalog`.
public struct HelpPage: Sendable, Equatable {
    /// One line of the page.
    public struct Line: Sendable, Equatable {
        public var text: String
        public var style: Style

        public init(_ text: String, _ style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    /// The topic as asked (`conv2d`, `load weights`, `relu`).
    public var topic: String
    /// The command the page is about, when it is one (the help list selects it).
    public var command: String?

    public init(topic: String) {
        self.topic = topic
        self.command = Catalog.entry(named: topic)?.name
    }

    /// The page wrapped to `width` columns (at least 20).
    public func lines(width: Int) -> [Line] {
        let width = max(20, width)
        guard let spec = Catalog.entry(named: topic) else {
            // A verb's forms, a word of the language, or "no help for ... did you mean".
            return Help.lines(for: topic).flatMap { line in
                TextWrap.lines(of: line, width: width).map { Line($0) }
            }
        }
        return Self.commandLines(spec, width: width)
    }

    /// A command's page: title, usage, details, arguments and options as a table, example.
    static func commandLines(_ spec: CommandSpec, width: Int) -> [Line] {
        var lines = [Line(spec.name + " - " + spec.summary, .bold), Line("")]
        lines.append(Line("Usage", .bold))
        lines += wrapped(spec.syntax, indent: 2, width: width)
        if !spec.aliases.isEmpty {
            lines += wrapped("also written: " + spec.aliases.joined(separator: ", "), indent: 2, width: width)
        }
        if let details = spec.details {
            lines.append(Line(""))
            lines += wrapped(details, indent: 0, width: width)
        }
        if !spec.positionals.isEmpty {
            lines.append(Line(""))
            lines.append(Line("Arguments", .bold))
            let rows = spec.positionals.map { p in (p.placeholder, spec.hasOwnGrammar ? p.summary : Help.describe(p)) }
            lines += table(rows, width: width)
        }
        if !spec.options.isEmpty {
            lines.append(Line(""))
            lines.append(Line("Options", .bold))
            lines += table(spec.options.map { ("\($0.name)=\($0.placeholder)", Help.describe($0)) }, width: width)
        }
        lines.append(Line(""))
        lines.append(Line("Example", .bold))
        lines += wrapped(spec.example, indent: 2, width: width)
        return lines
    }

    /// `text` wrapped to `width` with every line indented by `indent` columns.
    static func wrapped(_ text: String, indent: Int, width: Int) -> [Line] {
        let pad = String(repeating: " ", count: indent)
        return TextWrap.lines(of: text, width: max(10, width - indent)).map { Line(pad + $0) }
    }

    /// Two columns: the key, then its meaning wrapped under itself (a hanging indent).
    static func table(_ rows: [(key: String, about: String)], width: Int) -> [Line] {
        // Keys wider than a quarter of the width get a line of their own and do not widen the column.
        let keyWidth = rows.map { TextWidth.of($0.key) }.filter { $0 <= max(8, width / 4) }.max() ?? 8
        var lines: [Line] = []
        for row in rows {
            let key = TextWidth.of(row.key) > keyWidth ? row.key : row.key + String(repeating: " ", count: keyWidth - TextWidth.of(row.key))
            let aboutWidth = max(10, width - 4 - keyWidth)
            let pieces = TextWrap.lines(of: row.about, width: aboutWidth)
            if TextWidth.of(row.key) > keyWidth {
                lines.append(Line("  " + row.key))
                for piece in pieces {
                    lines.append(Line("  " + String(repeating: " ", count: keyWidth + 2) + piece))
                }
                continue
            }
            for (index, piece) in pieces.enumerated() {
                let lead = index == 0 ? "  " + key + "  " : String(repeating: " ", count: keyWidth + 4)
                lines.append(Line(lead + piece))
            }
        }
        return lines
    }
}
