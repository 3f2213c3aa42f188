/// `save weights PATH`: the current model's weights as a safetensors file.
public struct SaveWeights: CommandEntry {
    public static let spec = CommandSpec(
        "save weights", .persistence, "write the current model's weights to a safetensors file",
        positionals: [ParameterSpec("path", .path, "the file to write", required: true)],
        example: "save weights out/fashion.safetensors")
    public static let effect = CommandEffect.writesFiles

    public var path: Located<String>

    public init(_ a: Arguments) throws(Diagnostic) {
        path = try a.required("path")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.saveWeights(path, at: statement.verbRange)
    }
}
