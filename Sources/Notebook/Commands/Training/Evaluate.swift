/// `evaluate [on=test|validation|train]`: the loss and metrics of the current model on a split.
public struct Evaluate: CommandEntry {
    public static let spec = CommandSpec(
        "evaluate", .training, "compute the loss and metrics on a split",
        options: [Catalog.splitChoice("on", "the split to evaluate", default: "test")],
        example: "evaluate on=validation")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true
    /// One evaluation batch.
    public func examplesAtOnce(_ session: Session) -> Int { ModelFit.evaluationBatch(session) }

    public var on: Located<DataSplit>

    public init(_ a: Arguments) throws(Diagnostic) {
        on = try a.required("on")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.evaluate(on, at: statement.verbRange)
    }
}
