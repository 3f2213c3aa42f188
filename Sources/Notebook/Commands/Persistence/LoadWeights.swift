/// `load weights PATH`: weights read into the current model from a safetensors file.
public struct LoadWeights: CommandEntry {
    public static let spec = CommandSpec(
        "load weights", .persistence, "read weights into the current model from a safetensors file",
        positionals: [ParameterSpec("path", .path, "the file to read", required: true)],
        example: "load weights out/fashion.safetensors")
    public static let effect = CommandEffect.changesModel

    public var path: Located<String>

    public init(_ a: Arguments) throws(Diagnostic) {
        path = try a.required("path")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.loadWeights(path, at: statement.verbRange)
    }
}
