/// `seed N`: the seed of initial weights, shuffling and sampling from here on.
public struct Seed: CommandEntry {
    public static let spec = CommandSpec(
        "seed", .environment, "set the random seed used for initial weights, shuffling and sampling",
        positionals: [ParameterSpec("seed", .integer, "the seed", required: true, range: .atLeast(0), placeholder: "N")],
        example: "seed 42")
    public static let effect = CommandEffect.changesSession

    public var seed: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        seed = try a.required("seed")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        context.session.seed = UInt64(seed.value)
        return [.text("seed \(seed.value)", style: .note)]
    }
}
