import NeuralNet

/// `compile [loss=] [optimizer=] [lr=] ... [metrics=] [schedule=]`: the current model's training setup.
public struct Compile: CommandEntry {
    public static let spec = CommandSpec(
        "compile", .training, "choose the loss, optimizer, metrics and learning-rate schedule",
        options: [
            ParameterSpec("loss", .choice(noun: "loss", words: NeuralNet.Loss.words), "loss function",
                          default: NeuralNet.Loss.sparse_categorical_crossentropy.rawValue),
            Catalog.optimizer, Catalog.lr, Catalog.momentum,
            ParameterSpec("nesterov", .boolean, "Nesterov momentum (sgd)", default: "off"),
            Catalog.weightDecay,
            ParameterSpec("metrics", .choice(noun: "metric", words: NeuralNet.Metric.words), "metrics to report",
                          default: NeuralNet.Metric.accuracy.rawValue, list: true,
                          placeholder: NeuralNet.Metric.words.joined(separator: "|")),
            ParameterSpec("schedule", .choice(noun: "schedule", words: ScheduleKind.words), "learning-rate schedule",
                          default: ScheduleKind.none.rawValue, placeholder: ScheduleKind.words.joined(separator: "|")),
            ParameterSpec("step_size", .integer, "schedule=step: epochs between decays",
                          default: String(Schedule.defaultStepSize), range: .between(1, Limits.epochs)),
            ParameterSpec("gamma", .number, "schedule=step: factor applied at each decay",
                          default: Vocabulary.text(Schedule.defaultGamma), range: .openClosed(0, 1)),
            ParameterSpec("epochs", .integer, "schedule=cosine: epochs over which the rate decays to 0 (then held)",
                          default: String(Schedule.defaultCosineEpochs), range: .between(1, Limits.epochs)),
            ParameterSpec("patience", .integer, "schedule=plateau: epochs without improvement before reducing",
                          default: String(Schedule.defaultPatience), range: .between(1, Limits.epochs)),
            ParameterSpec("factor", .number, "schedule=plateau: factor applied when reducing",
                          default: Vocabulary.text(Schedule.defaultFactor), range: .open(0, 1)),
        ],
        example: "compile optimizer=sgd lr=0.01 momentum=0.9 schedule=step step_size=5",
        details: "On a regression set (`load points ... target=value`) the loss is the only measure: metrics are left out. step_size and gamma need schedule=step; epochs needs schedule=cosine; patience and factor need schedule=plateau. The learning rate defaults to the optimizer's own (Keras's): \(Catalog.lrNote). A metric may be given once. Type help WORD for a loss, optimizer, metric or schedule.")
    public static let effect = CommandEffect.changesModel

    public var loss: Located<NeuralNet.Loss>
    public var optimizer: Located<OptimizerKind>
    /// nil: the optimizer's own default (`OptimizerKind.defaultLearningRate`).
    public var learningRate: Located<Double>?
    public var momentum: Located<Double>
    public var nesterov: Located<Bool>
    public var weightDecay: Located<Double>
    public var metrics: [Located<NeuralNet.Metric>]
    /// Whether `metrics=` was written (a regression set refuses metrics given, and drops the default).
    public var metricsGiven: Bool { metrics.contains { !$0.isDefault } }
    public var schedule: Located<ScheduleKind>
    /// schedule=cosine: epochs over which the rate decays.
    public var cosineEpochs: Located<Int>?
    /// schedule=step
    public var stepSize: Located<Int>?
    public var gamma: Located<Double>?
    /// schedule=plateau
    public var patience: Located<Int>?
    public var factor: Located<Double>?

    public init(_ a: Arguments) throws(Diagnostic) {
        let schedule: Located<ScheduleKind> = try a.required("schedule")
        // Schedule-specific keys only make sense with their schedule.
        let needs: [(key: String, schedule: ScheduleKind)] = [
            ("step_size", .step), ("gamma", .step), ("epochs", .cosine), ("patience", .plateau), ("factor", .plateau),
        ]
        for (key, required) in needs where schedule.value != required {
            if let keyRange = a.keyRanges[key] {
                throw Diagnostic(.optionNotApplicable(key: key, requirement: "schedule=\(required.rawValue)"), at: keyRange)
            }
        }
        let metrics: [Located<NeuralNet.Metric>] = a.list("metrics")
        // Each metric is one column of the history: a repeat is an error.
        for (i, metric) in metrics.enumerated() {
            if let first = metrics[..<i].first(where: { $0.value == metric.value }) {
                throw Diagnostic(.duplicateValue(key: "metrics", value: metric.text, first: first.location), at: metric.range)
            }
        }
        self.schedule = schedule
        self.metrics = metrics
        loss = try a.required("loss")
        optimizer = try a.required("optimizer")
        learningRate = a.optional("lr")
        momentum = try a.required("momentum")
        nesterov = try a.required("nesterov")
        weightDecay = try a.required("weight_decay")
        cosineEpochs = schedule.value == .cosine ? a.optional("epochs") : nil
        stepSize = schedule.value == .step ? a.optional("step_size") : nil
        gamma = schedule.value == .step ? a.optional("gamma") : nil
        patience = schedule.value == .plateau ? a.optional("patience") : nil
        factor = schedule.value == .plateau ? a.optional("factor") : nil
    }

    /// The model must have layers, take the current data's examples, and give the outputs the loss reads
    /// from the data's targets (`ModelFit`, the rule every command that runs the model applies too).
    public func check(_ session: Session, at range: SourceRange) throws {
        guard let m = session.modelEntry else { throw Interpreter.noModel(at: range) }
        guard !m.model.layers.isEmpty else {
            throw NotebookError("model '\(m.name)' has no layers", at: range, hint: "add layers first, e.g. `dense 10 softmax`")
        }
        guard let d = session.data else { return }
        if d.sampleShape != m.model.inputShape {
            throw NotebookError("model '\(m.name)' takes \(ModelSummary.describe(m.model.inputShape)) but '\(d.name)' has \(d.source.exampleNoun) of \(ModelSummary.describe(d.sampleShape))",
                                at: range, hint: "start a model for this data with `model`, or `use` the data set it was made for")
        }
        if let problem = ModelFit.outputProblem(m.model.outputShape, loss: loss.value, data: d) {
            throw NotebookError(problem.message, at: loss.range, hint: problem.hint)
        }
        if d.trainingSet.targetKind.valueShape != nil, d.source.codec == nil, metricsGiven, let metric = metrics.first {
            throw NotebookError("\(metric.text) scores classes, but '\(d.name)' has value targets", at: metric.range,
                                hint: "leave metrics= out: the loss (\(loss.value.rawValue)) measures a regression")
        }
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.compile(self, at: statement.verbRange)
    }
}
