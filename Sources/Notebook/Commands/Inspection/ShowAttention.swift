/// `show attention LAYER|all [head=H|all] [sample=S] [from=test|train]`: an attention layer's weights for
/// one example as query x key heat maps.
public struct ShowAttention: CommandEntry {
    public static let spec = CommandSpec(
        "show attention", .inspection, "draw an attention layer's weights for one example as a query x key heat map",
        positionals: [Catalog.layerRef("an attention layer (name, number or path such as transformer_1.attention), or all for every layer", placeholder: "LAYER|all")],
        options: ShowAttentionSpec.options,
        example: "show attention multi_head_attention_1 head=all sample=3",
        details: "Rows are queries, columns keys, each labelled with the token at that position; colours run from 0 to 1 (each row sums to 1) "
            + "and the strongest cell is named under the matrix. head=all draws every head side by side; show attention all draws every "
            + "attention layer x head (the model view). For a patch model (image input) the heads are also laid over the picture: the class "
            + "token's attention to each patch, or the mean over queries. export attention FILE.png writes the latest matrix.")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true

    /// The layer(s), head(s), example and split drawn.
    public var attention: ShowAttentionSpec

    public init(_ a: Arguments) throws(Diagnostic) {
        attention = try ShowAttentionSpec(a)
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showAttention(attention, at: statement.verbRange)
    }
}
