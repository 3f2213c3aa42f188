import NeuralNet

/// `set [lr=] [momentum=] [optimizer=] [weight_decay=] [batch=]`: hyper-parameters changed between steps;
/// only the given ones change.
public struct SetHyperparameters: CommandEntry {
    public static let spec = CommandSpec(
        "set", .training, "change hyper-parameters between steps",
        options: [
            ParameterSpec("lr", .number, "learning rate", range: .openClosed(0, Limits.learningRate)),
            ParameterSpec("momentum", .number, "momentum", range: .halfOpen(0, 1)),
            ParameterSpec("optimizer", .choice(noun: "optimizer", words: OptimizerKind.words), "optimizer (state is reset)",
                          placeholder: OptimizerKind.words.joined(separator: "|")),
            ParameterSpec("weight_decay", .number, "decoupled weight decay (adamw)", range: .between(0, Limits.penalty)),
            ParameterSpec("batch", .integer, "mini-batch size", range: .between(1, Limits.batch)),
        ],
        example: "set lr=0.0005",
        details: "At least one option is required; options not given keep their current values.")
    public static let effect = CommandEffect.changesModel

    public var learningRate: Located<Double>?
    public var momentum: Located<Double>?
    public var optimizer: Located<OptimizerKind>?
    public var weightDecay: Located<Double>?
    public var batch: Located<Int>?

    public init(_ a: Arguments) throws(Diagnostic) {
        guard !a.values.isEmpty else {
            throw Diagnostic(.needsOption(command: a.spec.name, example: a.spec.example), at: SourceRange(at: a.anchor.end))
        }
        learningRate = a.optional("lr")
        momentum = a.optional("momentum")
        optimizer = a.optional("optimizer")
        weightDecay = a.optional("weight_decay")
        batch = a.optional("batch")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.set(self, at: statement.verbRange)
    }
}
