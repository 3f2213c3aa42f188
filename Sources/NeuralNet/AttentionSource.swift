import TensorRuntime

/// A layer that keeps the attention weights of its last forward pass, for display.
public protocol AttentionSource: Layer {
    /// Weights of the last forward pass, [batch, heads, queries, keys]; each row sums to 1. Nil before the first pass.
    var lastAttention: Tensor? { get }
    /// Number of heads.
    var headCount: Int { get }
}
