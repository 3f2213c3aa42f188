// The command catalog: every command's spec, in documentation order, read from `CommandRegistry`.
//
// The parser looks commands up here by their words; `Help`, the notebook's completion and the
// reference in docs/language.md are built from the same specs.

import NeuralNet

public enum Catalog {
    /// All commands in documentation order (one spec per layer word).
    public static let commands: [CommandSpec] = CommandRegistry.specs

    /// The entries started by `word` (a verb or alias, any case): one for most
    /// verbs, several for `load`, `save` and `show`.
    public static func entries(forVerb word: String) -> [CommandSpec] {
        let lowered = word.lowercased()
        return commands.filter { $0.verbs.contains(lowered) }
    }

    /// The entry for a full name such as `load weights`, `maxpooling2d` or `exit`.
    public static func entry(named name: String) -> CommandSpec? {
        let words = name.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        let candidates = entries(forVerb: first)
        // A verb that is a command of its own besides its forms (`generate`, `generate images`) names that command.
        if words.count == 1 { return candidates.first { $0.form == nil } }
        guard words.count == 2 else { return nil }
        return candidates.first { $0.form == words[1] }
    }

    /// Every word that can start a command, in catalog order, without repeats.
    public static let verbs: [String] = {
        var seen: Set<String> = []
        var result: [String] = []
        for spec in commands {
            for word in spec.verbs where seen.insert(word).inserted { result.append(word) }
        }
        return result
    }()

    /// The words that start a layer line (aliases included).
    public static let layerWords: [String] = commands.filter(\.isLayer).flatMap(\.verbs)

    /// Verbs that need a second word naming the form.
    public static let verbsWithForms: [String] = verbs.filter { verb in
        let entries = entries(forVerb: verb)
        return entries.contains { $0.form != nil } && !entries.contains { $0.form == nil }
    }

    // MARK: Parameters several commands share

    static func layerRef(_ summary: String, placeholder: String = "LAYER", required: Bool = true) -> ParameterSpec {
        ParameterSpec("layer", .layer, summary, required: required, range: .between(1, Limits.count), placeholder: placeholder)
    }

    /// `from=` / `on=`: the split a command reads, any of the three (whether the data has it is checked
    /// when the command runs, by `Interpreter.examples`); the binder accepts either key.
    static func splitChoice(_ name: String, _ summary: String, default value: String) -> ParameterSpec {
        ParameterSpec(name, .choice(noun: "data split", words: ["test", "validation", "train"]), summary, default: value)
    }

    static let lrNote = Vocabulary.learningRateNote
    static let lr = ParameterSpec("lr", .number, "learning rate", note: lrNote, range: .openClosed(0, Limits.learningRate))
    static let momentum = ParameterSpec("momentum", .number, "momentum (sgd, rmsprop)",
                                        default: Vocabulary.text(OptimizerConfig.defaultMomentum), range: .halfOpen(0, 1))
    static let optimizer = ParameterSpec("optimizer", .choice(noun: "optimizer", words: OptimizerKind.words), "optimizer",
                                         default: OptimizerKind.adam.rawValue, placeholder: OptimizerKind.words.joined(separator: "|"))
    static let weightDecay = ParameterSpec("weight_decay", .number, "decoupled weight decay (adamw)",
                                           default: Vocabulary.text(OptimizerConfig.defaultWeightDecay), range: .between(0, Limits.penalty))
    static let fraction = NumericRange.between(0, 1)
}
