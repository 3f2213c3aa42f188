// Help text, built from the catalog. Everything is returned as plain lines;
// the interpreter decides how to frame them.

public enum Help {
    /// The answer to a `help` statement: the overview for nil, otherwise the
    /// entry (or list of forms) for the topic.
    public static func lines(for topic: String?) -> [String] {
        guard let topic else { return overview() }
        if let lines = self.topic(topic) { return lines }
        var message = "no help for '\(topic)'"
        if let suggestion = Suggestions.best(for: topic, among: topics) {
            message += " - did you mean '\(suggestion)'?"
        }
        return [message]
    }

    /// `help`: every command, grouped, with its one-line summary.
    public static func overview() -> [String] {
        var lines = ["Gradbook commands (type help COMMAND for details):"]
        let width = (Catalog.commands.map(\.name.count).max() ?? 0) + 2
        for group in CommandGroup.allCases {
            lines.append("")
            lines.append(group.rawValue)
            for spec in Catalog.commands where spec.group == group {
                // Summaries wrap under themselves so the overview fits 80 columns.
                let indent = String(repeating: " ", count: 2 + width)
                for (i, part) in wrap(spec.summary, width: max(20, 78 - indent.count)).enumerated() {
                    lines.append(i == 0 ? "  " + pad(spec.name, to: width) + part : indent + part)
                }
            }
        }
        lines.append("")
        lines.append("Name a model or data set with name = ...; # starts a comment.")
        return lines
    }

    /// Words of `text` in lines of at most `width` characters (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `help NAME`: an entry for a command, alias or form (`load weights`), the
    /// list of forms of a verb (`load`), or the meaning of a word of the
    /// language (`relu`, `adam`, `lr`). Nil for unknown topics.
    public static func topic(_ name: String) -> [String]? {
        if let spec = Catalog.entry(named: name) { return entry(spec) }
        let words = name.lowercased().split(separator: " ")
        guard words.count == 1 else { return nil }
        let forms = Catalog.entries(forVerb: String(words[0]))
        guard let first = forms.first else { return wordTopic(name) }
        var lines = ["\(first.verb) has \(forms.count) forms:"]
        for spec in forms {
            lines.append("  " + spec.syntax)
            lines.append("      " + spec.summary)
        }
        lines.append("Type help \(forms[0].name) (or another form) for details.")
        return lines
    }

    /// The full entry for one command, in lines of at most 78 columns (80 less the notebook's indent):
    /// the usage wraps under itself after `usage: `, and each argument's description wraps under
    /// its own start (a key too long for the column gets a line of its own, the description below it).
    public static func entry(_ spec: CommandSpec) -> [String] {
        var lines = ["\(spec.name) - \(spec.summary)"]
        lines += hanging("usage: ", wrap(spec.syntax, width: 78 - 7))
        if !spec.aliases.isEmpty {
            lines.append("also written: " + spec.aliases.joined(separator: ", "))
        }
        if let details = spec.details { lines += wrap(details, width: 78) }
        if !spec.positionals.isEmpty {
            lines.append("arguments:")
            lines += table(spec.positionals.map { ($0.placeholder, spec.hasOwnGrammar ? $0.summary : describe($0)) })
        }
        if !spec.options.isEmpty {
            lines.append("options:")
            lines += table(spec.options.map { ("\($0.name)=\($0.placeholder)", describe($0)) })
        }
        lines.append("example:")
        lines.append("  " + spec.example)
        return lines
    }

    /// `  key  description` rows, descriptions wrapped under their first column (at most column 34).
    static func table(_ rows: [(key: String, about: String)]) -> [String] {
        let column = 2 + min((rows.map(\.key.count).max() ?? 0) + 2, 32)
        let indent = String(repeating: " ", count: column)
        var lines: [String] = []
        for row in rows {
            let parts = wrap(row.about, width: 78 - column)
            if 2 + row.key.count + 1 > column {
                lines.append("  " + row.key)
                lines += parts.map { indent + $0 }
            } else {
                lines += hanging("  " + pad(row.key, to: column - 2), parts)
            }
        }
        return lines
    }

    /// `first` before the first part, the others indented to line up under it.
    private static func hanging(_ first: String, _ parts: [String]) -> [String] {
        let indent = String(repeating: " ", count: first.count)
        return parts.enumerated().map { i, part in (i == 0 ? first : indent) + part }
    }

    /// "summary (type, range; default X)" for one parameter.
    public static func describe(_ p: ParameterSpec) -> String {
        var facts: [String] = []
        switch p.type {
        case .choice(_, let words): facts.append("one of " + words.joined(separator: ", "))
        default: facts.append(p.type.typeName)
        }
        if let range = p.range, p.type != .layer { facts.append(range.requirement) }
        if p.allowsList { facts.append("comma-separated list") }
        var text = "\(p.summary) (\(facts.joined(separator: ", "))"
        if let d = p.defaultDescription { text += "; default \(d)" }
        return text + ")"
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
