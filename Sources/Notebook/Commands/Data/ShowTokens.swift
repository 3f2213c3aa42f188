/// `show tokens [N] [from=SPLIT]`: the start of a split of the current text with its token boundaries and
/// ids, the vocabulary size and the most frequent tokens.
public struct ShowTokens: CommandEntry {
    public static let spec = CommandSpec(
        "show tokens", .data, "show how the current text is cut into tokens: a passage with boundaries and ids, the most frequent tokens",
        positionals: [ParameterSpec("count", .integer, "tokens of the passage", default: "40", range: .between(1, 1000), placeholder: "N")],
        options: [Catalog.splitChoice("from", "which part of the text: train (the start), validation or test", default: "train")],
        example: "show tokens 60",
        details: "Each token of the passage is shown in brackets, a space as · ([·the] is a word with its space; a newline shows as \\n, "
            + "the unknown token as `<unk>`), then the ids in the same order. The table ranks the tokens by how often they occur "
            + "in that part of the text.")
    public static let effect = CommandEffect.readsSession

    public var count: Located<Int>
    public var from: Located<DataSplit>

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
        from = try a.required("from")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showTokens(self, at: statement.verbRange)
    }
}
