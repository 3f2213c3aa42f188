// `help WORD` for the words of the language that are not commands: the
// words of the fixed sets (activations, initializers, losses, optimizers,
// metrics, schedules, paddings) and the parameter names (`lr`, `padding`).

extension Help {
    /// Every word `help` answers for: commands, set words and parameter names.
    public static let topics: [String] = {
        var seen: Set<String> = []
        var result: [String] = []
        for word in Catalog.verbs + Vocabulary.allWords + parameterNames + concepts where seen.insert(word).inserted {
            result.append(word)
        }
        return result
    }()

    /// The commands whose parameters have their own help (not the free-form
    /// arguments of help, step, insert and replace).
    static var documentedCommands: [CommandSpec] {
        Catalog.commands.filter { !$0.hasOwnGrammar }
    }

    static var parameterNames: [String] {
        documentedCommands.flatMap { $0.parameters.map(\.name) }
    }

    /// The entry for a concept, set word or parameter name; nil when `word` is none of them.
    public static func wordTopic(_ word: String) -> [String]? {
        if let concept = conceptTopic(word) { return concept }
        let lowered = word.lowercased()
        if lowered == keysTopic { return keys }
        var lines: [String] = []
        for meaning in Vocabulary.meanings(of: lowered) {
            lines.append("\(lowered) - \(meaning.noun): \(meaning.summary)")
            let places = documentedCommands.flatMap { spec in
                spec.parameters.filter { parameter in
                    if case .choice(_, let words) = parameter.type { return words.contains(lowered) }
                    return false
                }.map { usage(spec, $0, value: lowered) }
            }
            if !places.isEmpty { lines.append("  written: " + places.joined(separator: ", ")) }
        }
        let uses = documentedCommands.flatMap { spec in
            spec.parameters.filter { $0.name == lowered }.map { (spec, $0) }
        }
        if !uses.isEmpty {
            lines.append("\(lowered) - parameter of \(Diagnostic.list(uses.map(\.0.name), conjunction: "and")):")
            for (spec, parameter) in uses {
                lines.append("  \(usage(spec, parameter)): \(describe(parameter))")
            }
        }
        return lines.isEmpty ? nil : lines
    }

    /// How a parameter is written: `compile lr=F`, `dense UNITS`, or with a
    /// given value: `compile optimizer=adam`, `dense ACTIVATION (relu)`.
    static func usage(_ spec: CommandSpec, _ parameter: ParameterSpec, value: String? = nil) -> String {
        let isPositional = spec.positionals.contains { $0.name == parameter.name }
        if isPositional {
            return "\(spec.name) \(parameter.placeholder)" + (value.map { " (\($0))" } ?? "")
        }
        return "\(spec.name) \(parameter.name)=\(value ?? parameter.placeholder)"
    }
}
