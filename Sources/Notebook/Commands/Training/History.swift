/// `history`: the loss and metrics of every epoch the current model has finished.
public struct History: CommandEntry {
    public static let spec = CommandSpec(
        "history", .training, "print the loss and metrics of every epoch so far",
        example: "history")
    public static let effect = CommandEffect.readsSession

    public init(_ a: Arguments) throws(Diagnostic) {}

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.history(at: statement.verbRange)
    }
}
