/// `show attention LAYER|all [head=H|all] [sample=S] [from=test|train]`: an attention layer's weights for
/// one example as query x key heat maps. `show attention history [frames=N] [every=K]`: the heat maps
/// `watch attention` drew, replayed in order.
public struct ShowAttention: CommandEntry {
    public static let spec = CommandSpec(
        "show attention", .inspection, "draw an attention layer's weights for one example as a query x key heat map",
        positionals: [Catalog.layerRef("an attention layer (name, number or path such as transformer_1.attention), all for every layer, "
                                       + "or history for the heat maps watch attention drew", placeholder: "LAYER|all|history")],
        options: ShowAttentionSpec.options + AttentionHistoryChoice.options,
        example: "show attention multi_head_attention_1 head=all sample=3",
        details: "Rows are queries, columns keys, each labelled with the token at that position; colours run from 0 to 1 (each row sums to 1) "
            + "and the strongest cell is named under the matrix. head=all draws every head side by side; show attention all draws every "
            + "attention layer x head (the model view). For a patch model (image input) the heads are also laid over the picture: the class "
            + "token's attention to each patch, or the mean over queries. export attention FILE.png writes the latest matrix. "
            + "show attention history replays the heat maps watch attention drew while training (the current model's, up to "
            + "\(AttentionFrames.capacity) spread over the whole watch), oldest first, each labelled with its epoch and batch as the "
            + "progress line numbers them: frames=N shows N of them evenly spread (the first and the latest included), every=K every K-th.")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true

    /// The layer(s), head(s), example and split drawn.
    public var attention: ShowAttentionSpec
    /// `show attention history`: which of the watched frames to replay (nil: a layer is drawn now).
    public var history: AttentionHistoryChoice?

    public init(_ a: Arguments) throws(Diagnostic) {
        attention = try ShowAttentionSpec(a)
        history = try AttentionHistoryChoice(a)
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        if let history { return try context.showAttentionHistory(history, at: statement.verbRange) }
        return try context.showAttention(attention, at: statement.verbRange)
    }
}
