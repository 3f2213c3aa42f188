import Foundation
import TensorRuntime

/// Metrics by name: `accuracy` (argmax, or threshold for one output), `topK` accuracy,
/// `sequence_accuracy` (per-token outputs: a sequence counts when every token is right), `perplexity`
/// (exp of the mean cross-entropy per token, natural log) and `bits_per_token` (the same mean in bits:
/// bits per character when the tokens are characters).
///
/// On per-token outputs (N, T, K) with targets (N, T), `accuracy` and `topK` count tokens: an example
/// scores the fraction of its tokens that are right, so the mean over examples is the mean over tokens.
public enum Metric: Sendable, Equatable, Hashable, CaseIterable, RawRepresentable {
    case accuracy
    case topK(Int)
    case sequenceAccuracy
    /// exp(mean over tokens of -ln p(target)): how many tokens the model is as unsure between as a
    /// uniform choice would be. Lower is better; a uniform guess over V tokens scores V.
    case perplexity
    /// mean over tokens of -log2 p(target). Lower is better.
    case bitsPerToken

    /// The metrics `compile metrics=` offers, in that order.
    public static let allCases: [Metric] = [.accuracy, .topK(5), .sequenceAccuracy, .perplexity, .bitsPerToken]

    /// Scores are a mean cross-entropy that `finish` turns into the reported number (lower is better),
    /// rather than a count of right answers.
    public var isCrossEntropy: Bool { self == .perplexity || self == .bitsPerToken }

    /// The reported value from the mean of the per-example scores: the accuracies as they are, the
    /// mean cross-entropy (nats) as exp(mean) for perplexity and mean / ln 2 for bits.
    public func finish(_ mean: Double) -> Double {
        switch self {
        case .perplexity: return Foundation.exp(mean)
        case .bitsPerToken: return mean / Foundation.log(2.0)
        default: return mean
        }
    }

    /// The name (`accuracy`, `top5`).
    public var rawValue: String { name }

    /// As `init?(name:)`.
    public init?(rawValue: String) { self.init(name: rawValue) }

    /// The name used in tables and history (`accuracy`, `top5`).
    public var name: String {
        switch self {
        case .accuracy: return "accuracy"
        case .topK(let k): return "top\(k)"
        case .sequenceAccuracy: return "sequence_accuracy"
        case .perplexity: return "perplexity"
        case .bitsPerToken: return "bits_per_token"
        }
    }

    /// Parses `accuracy`/`acc`, `topK` (`top5`, `top_5`) or `sequence_accuracy`.
    public init?(name: String) {
        let n = String(name.lowercased().filter { $0 != "_" })
        if n == "accuracy" || n == "acc" { self = .accuracy; return }
        if n == "sequenceaccuracy" { self = .sequenceAccuracy; return }
        if n == "perplexity" || n == "ppl" { self = .perplexity; return }
        if n == "bitspertoken" || n == "bitsperchar" || n == "bpc" { self = .bitsPerToken; return }
        if n.hasPrefix("top"), let k = Int(n.dropFirst(3)), k > 0 { self = .topK(k); return }
        return nil
    }

    /// How many rows of `output` (N, K) are correct for `labels`. For one output, `threshold` splits classes
    /// (0.5 on probabilities, 0 on logits).
    public func correct(_ output: Tensor, labels: [Int32], threshold: Float = 0.5) -> Int {
        correct(output, labels: labels, threshold: threshold, classes: output.count / max(labels.count, 1), firstRow: 0)
    }

    /// As `correct(_:labels:threshold:)` for rows of `classes` values of `output`, from `firstRow` on, one per label.
    func correct(_ output: Tensor, labels: [Int32], threshold: Float, classes k: Int, firstRow: Int) -> Int {
        let n = labels.count
        let p = output.buffer.pointer + firstRow * k
        var hits = 0
        for r in 0..<n {
            let row = p + r * k, label = Int(labels[r])
            if k == 1 { if (row[0] > threshold ? 1 : 0) == label { hits += 1 }; continue }
            switch self {
            case .accuracy, .sequenceAccuracy, .perplexity, .bitsPerToken:
                var best = 0
                for j in 1..<k where row[j] > row[best] { best = j }
                if best == label { hits += 1 }
            case .topK(let topK):
                guard label >= 0 && label < k else { continue }
                var above = 0
                for j in 0..<k where row[j] > row[label] { above += 1 }
                if above < topK { hits += 1 }
            }
        }
        return hits
    }
}

extension Metric {
    /// The score of a batch: how many examples are right, an example with per-token targets counting
    /// the fraction of its tokens that are right (`sequence_accuracy`: 1 when all are, else 0).
    /// Per-token targets are a float tensor (N, T) of class indices against outputs (N, T, K); anything
    /// else goes through `correct(_:labels:threshold:)` with the targets' class indices.
    ///
    /// The cross-entropy metrics score each example's mean -ln p(target) over its tokens, reading
    /// `output` as logits when `logits` (a fused softmax) and as probabilities clipped to
    /// [1e-7, 1 - 1e-7] otherwise, as the loss does.
    public func score(_ output: Tensor, targets: Targets, threshold: Float = 0.5, logits: Bool = false) -> Double {
        if isCrossEntropy { return crossEntropy(output, targets: targets, logits: logits) }
        guard case .values(let t) = targets, output.rank >= 3, Array(output.shape.dropLast()) == t.shape, let n = t.shape.first, n > 0 else {
            return Double(correct(output, labels: targets.classIndices, threshold: threshold))
        }
        let tokens = t.count / n
        let p = t.buffer.pointer
        let labels = (0..<t.count).map { Int32(exactly: p[$0].rounded()) ?? -1 }
        let perToken = self == .sequenceAccuracy ? Metric.accuracy : self
        let classes = output.shape.last ?? 0
        guard classes > 0 else { return 0 }
        var total = 0.0
        for e in 0..<n {
            let slice = Array(labels[e * tokens ..< (e + 1) * tokens])
            let right = perToken.correct(output, labels: slice, threshold: threshold, classes: classes, firstRow: e * tokens)
            if self == .sequenceAccuracy {
                total += right == tokens ? 1 : 0
            } else {
                total += Double(right) / Double(max(tokens, 1))
            }
        }
        return total
    }
}

/// Counts of (true class, predicted class) pairs.
public struct ConfusionMatrix: Sendable, Equatable {
    public let classes: Int
    /// counts[truth][predicted].
    public private(set) var counts: [[Int]]
    public init(classes: Int) { self.classes = classes; counts = Array(repeating: Array(repeating: 0, count: classes), count: classes) }

    /// Adds the argmax predictions of `output` (N, classes).
    public mutating func add(_ output: Tensor, labels: [Int32]) {
        let k = output.count / max(labels.count, 1), p = output.buffer.pointer
        for (r, l) in labels.enumerated() where l >= 0 && Int(l) < classes {
            var best = 0
            if k == 1 { best = p[r] > 0.5 ? 1 : 0 } else { for j in 1..<k where p[r * k + j] > p[r * k + best] { best = j } }
            if best < classes { counts[Int(l)][best] += 1 }
        }
    }
    /// Fraction on the diagonal.
    public var accuracy: Double {
        let total = counts.joined().reduce(0, +)
        return total == 0 ? 0 : Double((0..<classes).reduce(0) { $0 + counts[$1][$1] }) / Double(total)
    }
}
