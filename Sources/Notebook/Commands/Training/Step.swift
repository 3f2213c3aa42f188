/// `step`, `step batch`, `step N batches`: one epoch, one batch or N batches of training.
public struct Step: CommandEntry {
    public static let spec = CommandSpec(
        "step", .training, "train for one epoch, one batch, or N batches",
        positionals: [ParameterSpec("amount", .name, "nothing (one epoch), batch, or N batches", placeholder: "batch|N batches")],
        example: "step 10 batches",
        syntax: "step [batch | N batches]", ownGrammar: true)
    public static let effect = CommandEffect.changesModel
    public static let runsModel = true
    /// One training batch.
    public func examplesAtOnce(_ session: Session) -> Int { ModelFit.trainingBatch(session) }

    public var amount: StepAmount

    public init(amount: StepAmount) { self.amount = amount }

    /// `step` is parsed by `parse`: nothing, `batch`, or a count and `batches`.
    public init(_ a: Arguments) throws(Diagnostic) {
        throw Diagnostic(.unexpectedToken(a.spec.name), at: a.anchor)
    }

    public static func parse(_ parser: inout LineParser, spec: CommandSpec, verbRange: SourceRange) throws(Diagnostic) -> Step {
        Step(amount: try parser.stepAmount(spec))
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.step(amount, statement)
    }
}

/// How much one `step` trains.
public enum StepAmount: Sendable, Equatable, CustomStringConvertible {
    /// `step`: one epoch.
    case epoch
    /// `step batch` (1) or `step N batches`.
    case batches(Located<Int>)

    public var description: String {
        switch self {
        case .epoch: return "epoch"
        case .batches(let n): return "batches(\(n.value))"
        }
    }
}
