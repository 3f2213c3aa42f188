/// `profile [batch=N] [steps=N]`: one training step of the current model timed layer by layer; every
/// weight, the optimizer and the epoch position are put back.
public struct Profile: CommandEntry {
    public static let spec = CommandSpec(
        "profile", .inspection, "time one training step of the current model, layer by layer",
        options: [
            ParameterSpec("batch", .integer, "examples in the profiled batch", note: "the batch size", range: .between(1, Limits.batch)),
            ParameterSpec("steps", .integer, "steps measured after one warm-up step (the median is shown)", default: "5", range: .between(1, 100)),
        ],
        example: "profile batch=128 steps=3",
        details: "Per layer: forward and backward milliseconds, share of the step, estimated MFLOP (forward and backward) and the GFLOP/s achieved, MB moved; then the loss, the optimizer's update, loading the batch and the rest of the step. A convolution and the max pooling after it run as one op: their time is on the convolution's row, the pooling's says fused. The weights, optimizer and epoch position are left exactly as they were. When the measured steps will take 3 s or more, a note after the warm-up step says about how long.")
    public static let effect = CommandEffect.borrowsModel
    public static let runsModel = true

    /// Examples in the profiled batch; nil: the model's batch size.
    public var batch: Located<Int>?
    /// Steps measured after the warm-up step.
    public var steps: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        batch = a.optional("batch")
        steps = try a.required("steps")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.profile(self, at: statement.verbRange)
    }
}
