/// `chart loss|accuracy|perplexity [smooth=F] [models=A,B,...|all] [log=on|off]`: the loss or accuracy per epoch, of
/// the current model or several on one chart (perplexity when compiled with `metrics=perplexity`).
public struct Chart: CommandEntry {
    public static let spec = CommandSpec(
        "chart", .inspection, "chart the loss, accuracy or perplexity per epoch, of one model or several",
        positionals: [ParameterSpec("metric", .choice(noun: "chart", words: ChartMetric.words), "what to chart", required: true)],
        options: [
            ParameterSpec("smooth", .number, "exponential smoothing factor", default: "0", range: .halfOpen(0, 1)),
            ParameterSpec("models", .name, "models compared on one chart, or all", note: "the current model", list: true),
            ParameterSpec("log", .boolean, "logarithmic y axis", default: "off"),
        ],
        example: "chart loss models=plain,dropout smooth=0.6")
    public static let effect = CommandEffect.readsSession

    public var metric: Located<ChartMetric>
    /// Exponential smoothing factor in [0, 1); 0 draws the raw values.
    public var smooth: Located<Double>
    /// Models compared on one chart (`models=plain,dropout` or `models=all`); empty: the current model alone.
    public var models: [Located<String>] = []
    /// Plot y on a logarithmic scale.
    public var log: Located<Bool>? = nil

    public init(_ a: Arguments) throws(Diagnostic) {
        metric = try a.required("metric")
        smooth = try a.required("smooth")
        models = a.list("models")
        log = a.optional("log")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.chart(self, at: statement.verbRange)
    }
}
