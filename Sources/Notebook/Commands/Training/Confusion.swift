/// `confusion [on=test|validation]`: the confusion matrix of a split (for token sequences, per token).
public struct Confusion: CommandEntry {
    public static let spec = CommandSpec(
        "confusion", .training, "draw the confusion matrix of a split",
        options: [Catalog.splitChoice("on", "the split to evaluate", default: "test")],
        example: "confusion on=validation")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true
    /// One evaluation batch.
    public func examplesAtOnce(_ session: Session) -> Int { ModelFit.evaluationBatch(session) }

    public var on: Located<DataSplit>

    public init(_ a: Arguments) throws(Diagnostic) {
        on = try a.required("on")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.confusion(on, at: statement.verbRange)
    }
}
