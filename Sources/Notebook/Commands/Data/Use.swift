/// `use NAME`: make a bound data set or model the current one.
public struct Use: CommandEntry {
    public static let spec = CommandSpec(
        "use", .data, "make a bound data set or model the current one",
        positionals: [ParameterSpec("name", .name, "the bound name", required: true)],
        example: "use fm")
    public static let effect = CommandEffect.changesSession

    public var name: Located<String>

    public init(_ a: Arguments) throws(Diagnostic) {
        name = try a.required("name")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.use(name)
    }
}
