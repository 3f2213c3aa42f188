// The reference tables of docs/language.md, built from the catalog. The
// docs tests check that the document contains exactly these rows, so the
// reference cannot drift from `help`.

extension Help {
    /// The argument table of one command in docs/language.md (Markdown rows,
    /// header included); empty for a command without arguments.
    public static func referenceTable(_ spec: CommandSpec) -> [String] {
        guard !spec.parameters.isEmpty else { return [] }
        var rows = ["| Argument | Type | Default | Meaning |", "|---|---|---|---|"]
        for p in spec.positionals {
            rows.append(referenceRow("`\(p.placeholder)`", p))
        }
        for p in spec.options {
            rows.append(referenceRow("`\(p.name)=`", p))
        }
        return rows
    }

    private static func referenceRow(_ key: String, _ p: ParameterSpec) -> String {
        var type: String
        switch p.type {
        case .choice(_, let words):
            type = words.map { "`\($0)`" }.joined(separator: ", ")
        default:
            type = p.type.typeName
            if let range = p.range, p.type != .layer { type += ", " + range.requirement }
        }
        if p.allowsList { type += ", comma list" }
        let value = p.isRequired ? "required" : (p.defaultDescription ?? "—")
        return "| \(key.replacing("|", with: "\\|")) | \(type) | \(value) | \(p.summary) |"
    }
}
