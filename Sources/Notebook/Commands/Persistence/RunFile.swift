/// `run PATH`: the lines of a session file, each run (and logged) as if typed.
public struct RunFile: CommandEntry {
    public static let spec = CommandSpec(
        "run", .persistence, "run the commands in a file",
        positionals: [ParameterSpec("path", .path, "the file to run", required: true)],
        example: "run \"my sessions/fashion.grad\"")
    public static let effect = CommandEffect.runsLines

    public var path: Located<String>

    public init(_ a: Arguments) throws(Diagnostic) {
        path = try a.required("path")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.runFile(path)
    }
}
