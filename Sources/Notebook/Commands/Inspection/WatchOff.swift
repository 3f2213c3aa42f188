/// `watch off`: stop watching; the live panel's heat map and boundary are cleared.
public struct WatchOff: CommandEntry {
    public static let spec = CommandSpec(
        "watch off", .inspection, "stop watching: clear the live heat map and the watched boundary",
        example: "watch off")
    public static let effect = CommandEffect.changesDisplay

    public init() {}

    public init(_ a: Arguments) throws(Diagnostic) {}

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        context.watchOff()
    }
}
