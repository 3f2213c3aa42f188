/// `quit` (or `exit`): leave Gradbook.
public struct Quit: CommandEntry {
    public static let spec = CommandSpec("quit", .environment, aliases: ["exit"], "leave Gradbook", example: "quit")
    public static let effect = CommandEffect.pure

    public init() {}

    public init(_ a: Arguments) throws(Diagnostic) {}

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        context.quitRequested = true
        return []
    }
}
