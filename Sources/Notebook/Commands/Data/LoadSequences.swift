import Datasets

/// `load sequences TASK [length=N] [vocab=V] [count=N] [validation=N] [test=N] [shift=K] [seed=N]`: a toy sequence task
/// whose correct attention pattern is known, made current.
public struct LoadSequences: CommandEntry {
    public static let spec = CommandSpec(
        "load sequences", .data, "generate a toy sequence task whose correct attention pattern is known, and make it current",
        positionals: [ParameterSpec("task", .choice(noun: "sequence task", words: SequenceDataset.Task.words),
                                    "reverse, sort, or shift (copy rotated right)", required: true, placeholder: "reverse|sort|shift")],
        options: [
            ParameterSpec("length", .integer, "tokens per sequence (T)", default: "8",
                          range: .between(Double(SequenceDataset.lengthRange.lowerBound), Double(SequenceDataset.lengthRange.upperBound))),
            ParameterSpec("vocab", .integer, "number of distinct tokens, 0...V-1", default: "10",
                          range: .between(Double(SequenceDataset.vocabularyRange.lowerBound), Double(SequenceDataset.vocabularyRange.upperBound))),
            ParameterSpec("count", .integer, "training sequences; count x length at most 16 Mi tokens (262144 of length 64)", default: "2000", range: .between(1, 1_000_000)),
            ParameterSpec("validation", .integer, "held-out sequences training validates on; validation x length at most 16 Mi tokens", default: "200", range: .between(1, 1_000_000)),
            ParameterSpec("test", .integer, "held-out test sequences; test x length at most 16 Mi tokens", default: "200", range: .between(1, 1_000_000)),
            ParameterSpec("shift", .integer, "positions the shift task rotates by (0...length-1)", default: "1", range: .between(0, 63)),
            ParameterSpec("seed", .integer, "generator seed", note: "the session seed", range: .atLeast(0)),
        ],
        example: "load sequences reverse length=8 vocab=10",
        details: "Inputs are T token ids; targets are one class per token: the reversed sequence (attention on the anti-diagonal), "
            + "the sorted tokens, or the sequence rotated right by shift (a shifted diagonal). Use loss sparse_categorical_crossentropy "
            + "(per token) and metrics accuracy (per token) and sequence_accuracy (whole sequences right). The validation split "
            + "(what training validates on after each epoch) and the test split (read only by a command that names it) are drawn "
            + "from two other streams of the same seed.")
    public static let effect = CommandEffect.changesSession
    public static let canBind = true

    public var task: Located<SequenceDataset.Task>
    public var length: Located<Int>
    public var vocabulary: Located<Int>
    public var count: Located<Int>
    public var validation: Located<Int>
    public var test: Located<Int>
    public var shift: Located<Int>
    /// nil: the session seed.
    public var seed: Located<Int>?

    public init(_ a: Arguments) throws(Diagnostic) {
        task = try a.required("task")
        length = try a.required("length")
        vocabulary = try a.required("vocab")
        count = try a.required("count")
        validation = try a.required("validation")
        test = try a.required("test")
        shift = try a.required("shift")
        seed = a.optional("seed")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.register(label: Self.spec.name, binding: statement.binding, at: statement.verbRange) {
            (try context.loadSequences(self, binding: statement.binding, at: statement.verbRange), nil)
        }
    }
}
