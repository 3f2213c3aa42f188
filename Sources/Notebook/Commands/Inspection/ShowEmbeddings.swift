/// `show embeddings [count=N] [tokens="..."] [layer=LAYER]`: an embedding table's token vectors projected
/// to their two principal components, each drawn by its token.
public struct ShowEmbeddings: CommandEntry {
    public static let spec = CommandSpec(
        "show embeddings", .inspection, "draw token embeddings in the plane of their two principal components",
        options: [
            ParameterSpec("count", .integer, "how many tokens to draw (the most frequent first, for text)", default: "60",
                          range: .between(2, 4096)),
            ParameterSpec("tokens", .name, "draw these tokens instead (text, or ids separated by spaces for `load sequences`)",
                          note: "the count most frequent"),
            ParameterSpec("layer", .layer, "the embedding layer", note: "the first embedding layer", range: .between(1, Limits.count)),
        ],
        example: "show embeddings count=40",
        details: "Principal component analysis of the whole table (every token's vector): the plane in which the vectors vary most. "
            + "Tokens the model treats alike lie close together: after training on text, vowels, digits or punctuation gather. "
            + "The notes give the share of the variance the two axes hold.")
    public static let effect = CommandEffect.readsSession

    public var count: Located<Int>
    public var tokens: Located<String>?
    public var layer: Located<LayerRef>?

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
        tokens = a.optional("tokens")
        layer = a.optional("layer")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showEmbeddings(self, at: statement.verbRange)
    }
}
