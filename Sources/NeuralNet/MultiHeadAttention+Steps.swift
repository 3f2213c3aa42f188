#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorRuntime

/// Self-attention of one head on one sequence, step by step (`explain LAYER steps`): every matrix of
/// softmax(Q·Kᵀ / sqrt(N))·V as numbers, T tokens and N = key_dim values per head. The figures are the
/// layer's own pass (`MultiHeadAttention.attend`, which the forward pass runs), read out for one head.
public struct AttentionSteps: Sendable, Equatable {
    /// The head shown, from 0.
    public let head: Int
    /// N: values per head of Q, K and V.
    public let keyDim: Int
    /// True when each token sees only itself and earlier tokens.
    public let causal: Bool
    /// 1 / sqrt(N).
    public let scale: Float
    /// The layer's input x (T, D).
    public let input: [[Float]]
    /// The head's columns of the projections, (T, N) each.
    public let query: [[Float]], key: [[Float]], value: [[Float]]
    /// Q·Kᵀ / sqrt(N) (T, T), before the mask.
    public let scores: [[Float]]
    /// The softmax of each row of the scores (T, T); masked entries are 0.
    public let weights: [[Float]]
    /// The weighted sum of the values, weights · V (T, N): the head's output.
    public let output: [[Float]]

    /// True where the causal mask hides key `k` from query `q`.
    public func isMasked(query q: Int, key k: Int) -> Bool { causal && k > q }
}

extension MultiHeadAttention {
    /// The step-by-step view of head `head` on the first sequence of `x` (N, T, D), in inference mode.
    /// Throws when the layer is not built, `x` is not a batch of sequences it takes, or `head` is out of range.
    public func steps(_ x: Tensor, head: Int) throws -> AttentionSteps {
        guard x.rank == 3, x.shape[0] >= 1 else {
            throw ModelError.shapeMismatch(layer: name, input: Array(x.shape.dropFirst()), expected: "a sequence (tokens, features)")
        }
        guard head >= 0, head < heads else {
            throw ModelError.invalidConfiguration(layer: name, message: "head \(head) is out of range: it has \(heads) heads")
        }
        let one = x.shape[0] == 1 ? x : try Tensor.slice(x, axis: 0, range: 0..<1)
        let pass = try GradMode.off { try attend(one, ForwardContext(training: false)) }
        let t = one.shape[1], n = pass.q.shape[2] / heads
        /// Rows of head `head`'s block of a packed (1, T, H·N) tensor.
        func block(_ packed: Tensor) -> [[Float]] {
            let p = packed.buffer.pointer, width = packed.shape[2]
            return (0..<t).map { r in (0..<n).map { c in p[r * width + head * n + c] } }
        }
        /// Head `head`'s (T, T) matrix of a (1, H, T, T) tensor.
        func square(_ all: Tensor) -> [[Float]] {
            let p = all.buffer.pointer + head * t * t
            return (0..<t).map { r in (0..<t).map { c in p[r * t + c] } }
        }
        let d = one.shape[2], xp = one.buffer.pointer
        return AttentionSteps(head: head, keyDim: n, causal: causal, scale: 1 / sqrtf(Float(n)),
                              input: (0..<t).map { r in (0..<d).map { xp[r * d + $0] } },
                              query: block(pass.q), key: block(pass.k), value: block(pass.v),
                              scores: square(pass.scores), weights: square(pass.weights), output: block(pass.heads))
    }
}
