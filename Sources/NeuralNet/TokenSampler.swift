import Foundation
import TensorRuntime

/// Draws the next token from a model's scores for one position, as language models sample text:
/// scale the log-probabilities by 1 / temperature, keep the `topK` most likely tokens, draw from what
/// is left. Deterministic: the same scores, settings and generator state give the same token on every
/// machine (sums in index order, ties broken by the lower index).
public struct TokenSampler: Sendable, Equatable {
    /// 0 picks the most likely token (greedy); above 1 flattens the distribution, below 1 sharpens it.
    public var temperature: Double
    /// Keep only the K most likely tokens; 0 keeps all.
    public var topK: Int

    public init(temperature: Double = 1, topK: Int = 0) {
        self.temperature = temperature
        self.topK = topK
    }

    /// The token drawn for one row of V scores.
    ///
    /// - Parameters:
    ///   - scores: V logits (`logits`) or V probabilities (clipped to 1e-30 before the log).
    ///   - rng: one uniform draw is taken from it unless the choice is greedy.
    public func sample(_ scores: UnsafeBufferPointer<Float>, logits: Bool, rng: inout SeededGenerator) -> Int {
        let v = scores.count
        guard v > 1 else { return 0 }
        // Natural-log scores: logits as they are, probabilities through log.
        var z = [Double](repeating: 0, count: v)
        for j in 0..<v { z[j] = logits ? Double(scores[j]) : Foundation.log(max(Double(scores[j]), 1e-30)) }
        // Tokens by score, highest first; equal scores keep index order.
        let order = (0..<v).sorted { z[$0] != z[$1] ? z[$0] > z[$1] : $0 < $1 }
        guard temperature > 0 else { return order[0] }
        let kept = topK > 0 ? Array(order.prefix(topK)) : order
        let top = z[kept[0]]
        var weights = [Double](repeating: 0, count: kept.count)
        var total = 0.0
        for (i, j) in kept.enumerated() {
            weights[i] = Foundation.exp((z[j] - top) / temperature)
            total += weights[i]
        }
        let u = Double(rng.next() >> 11) * (1.0 / 9_007_199_254_740_992.0) * total
        var cumulative = 0.0
        for (i, j) in kept.enumerated() {
            cumulative += weights[i]
            if u < cumulative { return j }
        }
        return kept[kept.count - 1]
    }
}
