import Datasets

extension CommandBuilder {
    /// The payloads of `load sequences`, `show attention`, `watch attention` and `watch off`.
    static func attention(_ spec: CommandSpec, _ a: Arguments) throws(Diagnostic) -> Command {
        switch spec.id {
        case .loadSequences:
            return .load(.sequences(SequencesSpec(
                task: try a.required(a.word("task", as: SequenceDataset.Task.self), "task"),
                length: try a.required(a.int("length"), "length"),
                vocabulary: try a.required(a.int("vocab"), "vocab"),
                count: try a.required(a.int("count"), "count"),
                test: try a.required(a.int("test"), "test"),
                shift: try a.required(a.int("shift"), "shift"),
                seed: a.int("seed"))))
        case .watchOff:
            return .watch(.off)
        default:
            let show = try showAttention(a)
            if spec.id == .watchAttention {
                return .watch(.attention(show, every: a.int("every")))
            }
            return .showAttention(show)
        }
    }

    private static func showAttention(_ a: Arguments) throws(Diagnostic) -> ShowAttentionSpec {
        let layer = try a.required(a.layer("layer"), "layer")
        let all = layer.value == .name("all")
        let head = try head(a)
        // The model view shows every head unless one is asked for.
        return ShowAttentionSpec(layer: all ? nil : layer,
                                 head: all && head.isDefault ? head.map { _ in .all } : head,
                                 sample: try a.required(a.int("sample"), "sample"),
                                 from: a.word("from", as: DataSplit.self) ?? Located(.test, range: a.anchor, text: "test", isDefault: true))
    }

    /// `head=H` (0-based) or `head=all`.
    private static func head(_ a: Arguments) throws(Diagnostic) -> Located<HeadChoice> {
        let given = try a.required(a.value("head"), "head")
        switch given.value {
        case .integer(let i):
            return given.map { _ in .one(i) }
        case .text(let text) where text.lowercased() == "all":
            return given.map { _ in .all }
        case .text(let text):
            if let i = Int(text), i >= 0 { return given.map { _ in .one(i) } }
            throw Diagnostic(.wrongType(expected: "a head number (0, 1...) or all", parameter: "head", found: given.text), at: given.range)
        default:
            throw Diagnostic(.wrongType(expected: "a head number (0, 1...) or all", parameter: "head", found: given.text), at: given.range)
        }
    }
}
