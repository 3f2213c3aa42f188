/// `stats weights|grads [LAYER]`: per-tensor statistics of the weights or gradients, of every layer or one.
public struct Stats: CommandEntry {
    public static let spec = CommandSpec(
        "stats", .inspection, "print statistics of weights or gradients, per layer",
        positionals: [
            ParameterSpec("kind", .choice(noun: "statistic", words: StatsKind.words), "what to measure", required: true),
            Catalog.layerRef("one layer", required: false),
        ],
        example: "stats grads conv2d_1",
        details: "Per tensor: mean, standard deviation, min, max, L2 norm, and, for weights when some kernel or embedding table "
            + "holds exact zeros (after `prune`, or made sparse), the share of zeros of each tensor.")
    public static let effect = CommandEffect.readsSession

    public var kind: Located<StatsKind>
    /// nil: all layers.
    public var layer: Located<LayerRef>?

    public init(_ a: Arguments) throws(Diagnostic) {
        kind = try a.required("kind")
        layer = a.optional("layer")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.stats(self, at: statement.verbRange)
    }
}
