/// `show samples [N] [from=SPLIT]`: examples of the current data with their labels (pictures, or token
/// rows for sequences).
public struct ShowSamples: CommandEntry {
    public static let spec = CommandSpec(
        "show samples", .data, "draw sample images with their labels",
        positionals: [ParameterSpec("count", .integer, "how many images", default: "16", range: .between(1, 1024), placeholder: "N")],
        options: [Catalog.splitChoice("from", "which split to draw from", default: "train")],
        example: "show samples 8 from=test")
    public static let effect = CommandEffect.readsSession

    public var count: Located<Int>
    public var from: Located<DataSplit>

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
        from = try a.required("from")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showSamples(self, at: statement.verbRange)
    }
}
