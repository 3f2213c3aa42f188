/// `generate images N [seed=S]`: a VAE's decoder on N random codes.
public struct GenerateImages: CommandEntry {
    public static let spec = CommandSpec(
        "generate images", .training, "decode N random codes of a VAE into pictures",
        positionals: [ParameterSpec("count", .integer, "pictures to generate", required: true,
                                    range: .between(1, Limits.pictures), placeholder: "N")],
        options: [ParameterSpec("seed", .integer, "random seed of the codes", note: "the session seed", range: .atLeast(0))],
        example: "generate images 16 seed=7",
        details: "Needs a model with a `sampling` layer: codes z ~ N(0, 1), as many values as the sampling layer gives, go through "
            + "the layers after it. The same model and seed give the same pictures.")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true
    public func examplesAtOnce(_ session: Session) -> Int { count.value }

    public var count: Located<Int>
    public var seed: Located<Int>?

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
        seed = a.optional("seed")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.generateImages(self, at: statement.verbRange)
    }
}
