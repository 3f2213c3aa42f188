/// `summary`: the current model's layers, output shapes and parameter counts.
public struct Summary: CommandEntry {
    public static let spec = CommandSpec(
        "summary", .model, "print the current model's layers, output shapes and parameter counts",
        example: "summary")
    public static let effect = CommandEffect.readsSession

    public init(_ a: Arguments) throws(Diagnostic) {}

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        [try context.summaryBlock(at: statement.verbRange)]
    }
}
