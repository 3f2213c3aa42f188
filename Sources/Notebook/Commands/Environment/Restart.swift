/// `restart`: a fresh session. The notebook then runs its cells again, in order.
public struct Restart: CommandEntry {
    public static let spec = CommandSpec(
        "restart", .environment, "start a fresh session: no data, models, settings or history (the notebook then runs every cell again)",
        example: "restart",
        details: "In the notebook, restart clears the session and runs every command cell again from the top, in order, "
            + "so the state is what those lines give from nothing; Ctrl-C stops the run (the cells not reached stay not run). "
            + "The typed restart line does not become a cell. In a session file (gradbook run) it clears the session and the "
            + "lines after it start from nothing. The thread count (threads) is kept.")
    public static let effect = CommandEffect.changesSession

    public init() {}

    public init(_ a: Arguments) throws(Diagnostic) {}

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        context.restart()
        return [.text("restarted: a fresh session (no data, models or history)", style: .success)]
    }
}
