/// `info [NAME]`: the current data set (and augmentation), or a named data set or model.
public struct Info: CommandEntry {
    public static let spec = CommandSpec(
        "info", .data, "describe the current data set and model, or a named one",
        positionals: [ParameterSpec("name", .name, "a bound data set or model", note: "the current ones")],
        example: "info fm")
    public static let effect = CommandEffect.readsSession

    public var name: Located<String>?

    public init(_ a: Arguments) throws(Diagnostic) {
        name = a.optional("name")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.info(name, at: statement.verbRange)
    }
}
