/// `save session PATH`: the lines that rebuild this session, with the comments above them, as a file `run` replays.
public struct SaveSession: CommandEntry {
    public static let spec = CommandSpec(
        "save session", .persistence, "write the commands of this session to a file that run can replay",
        positionals: [ParameterSpec("path", .path, "the file to write", required: true)],
        example: "save session sessions/fashion.grad",
        details: "Only the lines that changed the session are written (data, model, training, settings, load weights), not the ones that "
            + "only looked (summary, show, chart, help...). The comment lines (starting with #) that stood above a written line are "
            + "written above it; comments above a line that is not written go with it.")
    public static let effect = CommandEffect.writesFiles

    public var path: Located<String>

    public init(_ a: Arguments) throws(Diagnostic) {
        path = try a.required("path")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.saveSession(path)
    }
}
