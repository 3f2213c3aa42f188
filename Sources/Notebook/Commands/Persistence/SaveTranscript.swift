/// `save transcript PATH`: every command run so far with its output, as Markdown text.
public struct SaveTranscript: CommandEntry {
    public static let spec = CommandSpec(
        "save transcript", .persistence, "write every command run so far with its output as text (Markdown) to hand out",
        positionals: [ParameterSpec("path", .path, "the file to write", required: true)],
        example: "save transcript lesson-1.md",
        details: "Tables, charts and images are written as they render at 80 columns without colour; failed commands appear with their error.")
    public static let effect = CommandEffect.writesFiles

    public var path: Located<String>

    public init(_ a: Arguments) throws(Diagnostic) {
        path = try a.required("path")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.saveTranscript(path)
    }
}
