/// `show reconstructions [N] [from=SPLIT]`: an autoencoder's inputs above its outputs.
public struct ShowReconstructions: CommandEntry {
    public static let spec = CommandSpec(
        "show reconstructions", .inspection, "draw pictures (above) and the model's reconstructions of them (below), or points and theirs on one plane",
        positionals: [ParameterSpec("count", .integer, "how many pictures (at most \(Limits.pictures)) or points", default: "8",
                                    range: .between(1, Double(Interpreter.maximumPlotted)), placeholder: "N")],
        options: [Catalog.splitChoice("from", "which split to draw from", default: "train")],
        example: "show reconstructions 8 from=test",
        details: "For a model whose output has its input's shape (an autoencoder trained with target=input). Pictures go in rows of 8: "
            + "each row of inputs has the row of reconstructions under it, captioned with their mean squared error. Outputs are drawn clamped to [0, 1]. "
            + "On points loaded with target=input the points (marked by class) and their reconstructions (a mark of their own) share one plane; "
            + "pictures are drawn at most \(Limits.pictures) at a time, points up to \(Interpreter.maximumPlotted).")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true
    public func examplesAtOnce(_ session: Session) -> Int { count.value }

    public var count: Located<Int>
    public var from: Located<DataSplit>

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
        from = try a.required("from")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showReconstructions(self, at: statement.verbRange)
    }
}
