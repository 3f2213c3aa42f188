/// `watch attention LAYER [head=H] [sample=S] [every=N]`: an attention heat map kept in the live panel and
/// redrawn while training.
public struct WatchAttention: CommandEntry {
    public static let spec = CommandSpec(
        "watch attention", .inspection, "keep an attention heat map in the live panel, redrawn while training",
        positionals: [Catalog.layerRef("an attention layer (name, number or path)")],
        options: ShowAttentionSpec.options.filter { $0.name != "from" } + [
            ParameterSpec("every", .integer, "redraw every N batches as well as at each epoch end", note: "epoch ends only", range: .between(1, Limits.count)),
        ],
        example: "watch attention multi_head_attention_1 head=0 every=20",
        details: "The heat map is computed on the training thread from a test example (no weights change) and refreshed at each epoch "
            + "end, or every N batches; a headless run computes and prints it at each epoch end only (every= applies to the notebook's live panel). Each map is labelled epoch E, batch B/NB as the progress line numbers it, "
            + "and kept: show attention history replays them. watch off stops.")
    public static let effect = CommandEffect.changesDisplay
    public static let runsModel = true

    /// The heat map watched (always from the test split).
    public var attention: ShowAttentionSpec
    /// Also redraw every this many batches; nil: at epoch ends only.
    public var every: Located<Int>?

    public init(_ a: Arguments) throws(Diagnostic) {
        attention = try ShowAttentionSpec(a)
        every = a.optional("every")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.watchAttention(self, at: statement.verbRange)
    }
}
