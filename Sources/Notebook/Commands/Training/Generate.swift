/// `generate N [prompt="..."] [temperature=F] [top_k=K] [seed=S]`: the current model writes N tokens,
/// each drawn from its prediction for the next position, shown as they come.
public struct Generate: CommandEntry {
    public static let spec = CommandSpec(
        "generate", .training, "let the model write N tokens after a prompt, shown as they are produced",
        positionals: [ParameterSpec("count", .integer, "tokens to generate", required: true,
                                    range: .between(1, Double(Limits.generatedTokens)), placeholder: "N")],
        options: [
            ParameterSpec("prompt", .name, "text the model continues (token ids separated by spaces for `load sequences`)",
                          note: "a newline (text) or token 0"),
            ParameterSpec("temperature", .number, "0 picks the most likely token; above 1 more varied, below 1 more certain",
                          default: "1", range: .between(0, 10)),
            ParameterSpec("top_k", .integer, "draw only among the K most likely tokens; 0 keeps all", default: "0",
                          range: .between(0, Double(Limits.vocabulary))),
            ParameterSpec("seed", .integer, "random seed of the draws", note: "the session seed", range: .atLeast(0)),
        ],
        example: "generate 200 prompt=\"The \" temperature=0.8 top_k=10",
        details: "Needs a model from tokens to a next-token distribution per position: input T token ids, output (T, V) "
            + "(e.g. `embedding vocab 64`, `transformer 4 128 causal=on`, `dense vocab softmax`, or an `lstm U return_sequences=on`). "
            + "The model reads the last T tokens (fewer at the start, placed first: a causal model never looks past the last one) "
            + "and the next token is drawn from its output at the last position. Attention must be causal=on, or each position "
            + "would have seen the token it predicts while training. The same model, prompt, settings and seed give the same "
            + "text on every run.")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true

    public var count: Located<Int>
    public var prompt: Located<String>?
    public var temperature: Located<Double>
    public var topK: Located<Int>
    /// nil: the session seed.
    public var seed: Located<Int>?

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
        prompt = a.optional("prompt")
        temperature = try a.required("temperature")
        topK = try a.required("top_k")
        seed = a.optional("seed")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.generate(self, at: statement.verbRange)
    }
}
