/// `profile [batch=N] [steps=N]`.
public struct ProfileSpec: Sendable, Equatable {
    /// Examples in the profiled batch; nil: the model's batch size.
    public var batch: Located<Int>?
    /// Steps measured after the warm-up step.
    public var steps: Located<Int>
}
