/// `show errors [N] [from=SPLIT]`: the first N misclassified examples of a split: a gallery of pictures, or
/// for token sequences a table of the sequences with a wrong token.
public struct ShowErrors: CommandEntry {
    public static let spec = CommandSpec(
        "show errors", .inspection, "draw a gallery of misclassified examples with true and predicted class",
        positionals: [ParameterSpec("count", .integer, "how many examples", default: "16", range: .between(1, 64), placeholder: "N")],
        options: [Catalog.splitChoice("from", "the split searched", default: "test")],
        example: "show errors 8 from=validation",
        details: "Captions read true -> predicted and the predicted class's probability (a one-unit sigmoid's p is P(class 1)).")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true
    /// One search batch.
    public func examplesAtOnce(_ session: Session) -> Int { Interpreter.errorSearchBatch }

    /// Most examples drawn.
    public var count: Located<Int>
    public var from: Located<DataSplit>

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
        from = try a.required("from")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showErrors(self, at: statement.verbRange)
    }
}
