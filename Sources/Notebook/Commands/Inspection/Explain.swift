import NeuralNet

/// `explain LAYER [steps]`, `explain loss|optimizer [NAME]`, `explain METRIC`: the formula behind a layer,
/// the loss, the optimizer or a metric, with the current model's numbers filled in.
public struct Explain: CommandEntry {
    public static let spec = CommandSpec(
        "explain", .inspection, "show the formula a layer, the loss, the optimizer or a metric computes",
        positionals: [
            ParameterSpec("subject", .layer, "a layer (name, number or path such as transformer_1.attention), loss, optimizer, "
                          + "or a metric such as accuracy", required: true, range: .between(1, Limits.count),
                          placeholder: "LAYER|loss|optimizer|METRIC"),
            ParameterSpec("detail", .name, "after an attention layer: steps; after loss or optimizer: one by name (adam, mse ...)",
                          placeholder: "steps|NAME"),
        ],
        options: [
            ParameterSpec("example", .integer, "steps: the 0-based example of the split", default: "0", range: .between(0, Limits.count)),
            ParameterSpec("tokens", .integer, "steps: how many first tokens of the example", default: "4",
                          range: .between(1, Explain.maxTokens)),
            ParameterSpec("head", .integer, "steps: the 0-based head", default: "0", range: .between(0, Limits.heads - 1)),
            Catalog.splitChoice("from", "steps: the split the example comes from", default: "test"),
        ],
        example: "explain conv2d_1",
        details: "A layer: the formula it computes with its shapes, its input and output shapes, its parameter count as a formula "
            + "with the numbers filled in (summary's Param #), forward FLOPs and activation memory per example, and the receptive field "
            + "(the input pixels one output unit sees, from the kernels and strides below it). loss and optimizer: the compiled ones "
            + "with the values in use, or any by name without a model (explain optimizer adam); a metric by its name (explain "
            + "perplexity). explain LAYER steps works through self-attention for one head of an attention layer (or a transformer's) "
            + "on the first tokens of an example: Q, K, V, the scores, the softmax weights and the weighted sum, computed by the "
            + "layer's own pass on its real input.")
    public static let effect = CommandEffect.readsSession

    /// The most tokens `steps` shows: an 8 x 8 table of weights fits 80 columns.
    public static let maxTokens = 8

    public var subject: ExplainSubject
    /// `steps` and its options; nil for any other explanation.
    public var steps: ExplainSteps?

    public init(_ a: Arguments) throws(Diagnostic) {
        let given: Located<LayerRef> = try a.required("subject")
        let detail: Located<String>? = a.optional("detail")
        subject = try ExplainSubject(given, detail: detail)
        let isSteps = detail?.value.lowercased() == "steps"
        if case .layer = subject, let detail, !isSteps {
            throw Diagnostic(.expected(what: "steps or the end of the line after a layer", found: detail.text,
                                       example: "explain \(given.text) steps"), at: detail.range)
        }
        guard isSteps else {
            for key in ["example", "tokens", "head", "from"] {
                if let range = a.keyRanges[key] { throw Diagnostic(.optionNotApplicable(key: key, requirement: "steps"), at: range) }
            }
            steps = nil
            return
        }
        steps = ExplainSteps(example: try a.required("example"), tokens: try a.required("tokens"),
                             head: try a.required("head"), from: try a.required("from"))
    }

    /// `steps` runs the model on one example: the model must take the data, and one example must fit in memory.
    public func check(_ session: Session, at range: SourceRange) throws {
        guard steps != nil else { return }
        try ModelFit.checkRun(self, session, at: range)
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        switch subject {
        case .layer(let ref):
            if let steps { return try context.explainSteps(ref, steps, at: statement.verbRange) }
            return try context.explainLayer(ref, at: statement.verbRange)
        case .loss(let name): return try context.explainLoss(name, at: statement.verbRange)
        case .optimizer(let name): return try context.explainOptimizer(name, at: statement.verbRange)
        case .metric(let metric): return [context.explainMetric(metric.value)]
        }
    }
}

/// What `explain` is asked about.
public enum ExplainSubject: Sendable, Equatable {
    /// A layer of the current model (index, name or path).
    case layer(Located<LayerRef>)
    /// A loss by name; nil: the current model's compiled loss.
    case loss(Located<NeuralNet.Loss>?)
    /// An optimizer by name; nil: the current model's.
    case optimizer(Located<OptimizerKind>?)
    case metric(Located<NeuralNet.Metric>)

    /// `loss [NAME]`, `optimizer [NAME]`, a loss, optimizer or metric word, else a layer. A name after a layer is
    /// left for the caller (only `steps` may follow one).
    init(_ given: Located<LayerRef>, detail: Located<String>?) throws(Diagnostic) {
        guard case .name(let text) = given.value else { self = .layer(given); return }
        let word = text.lowercased()
        if word == "loss" || word == "optimizer" {
            let named = try detail.map { d throws(Diagnostic) in try Self.named(d, loss: word == "loss") }
            self = named ?? (word == "loss" ? .loss(nil) : .optimizer(nil))
            return
        }
        let direct = NeuralNet.Loss(rawValue: word).map { loss in ExplainSubject.loss(given.map { _ in loss }) }
            ?? OptimizerKind(rawValue: word).map { kind in ExplainSubject.optimizer(given.map { _ in kind }) }
            ?? NeuralNet.Metric(name: word).map { metric in ExplainSubject.metric(given.map { _ in metric }) }
        guard let direct else { self = .layer(given); return }
        if let detail { throw Diagnostic(.tooManyArguments(command: "explain", found: detail.text, syntax: Explain.spec.syntax), at: detail.range) }
        self = direct
    }

    /// The loss or optimizer `name` names; an unknown name is told with the nearest one.
    private static func named(_ name: Located<String>, loss: Bool) throws(Diagnostic) -> ExplainSubject {
        let word = name.value.lowercased()
        if loss, let value = NeuralNet.Loss(rawValue: word) { return .loss(name.map { _ in value }) }
        if !loss, let value = OptimizerKind(rawValue: word) { return .optimizer(name.map { _ in value }) }
        let choices = loss ? NeuralNet.Loss.words : OptimizerKind.words
        throw Diagnostic(.unknownChoice(noun: loss ? "loss" : "optimizer", found: name.text,
                                        suggestion: Suggestions.best(for: word, among: choices), choices: choices), at: name.range)
    }
}

/// The options of `explain LAYER steps`.
public struct ExplainSteps: Sendable, Equatable {
    public var example: Located<Int>
    public var tokens: Located<Int>
    public var head: Located<Int>
    public var from: Located<DataSplit>
}
