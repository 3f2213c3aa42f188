/// `split [validation=F]`: hold out a fraction of the training data for validation.
public struct Split: CommandEntry {
    public static let spec = CommandSpec(
        "split", .data, "hold out a fraction of the training data for validation",
        options: [ParameterSpec("validation", .number, "fraction of the training set", default: "0.1", range: .halfOpen(0, 1))],
        example: "split validation=0.2")
    public static let effect = CommandEffect.changesSession

    public var validation: Located<Double>

    public init(_ a: Arguments) throws(Diagnostic) {
        validation = try a.required("validation")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.split(validation)
    }
}
