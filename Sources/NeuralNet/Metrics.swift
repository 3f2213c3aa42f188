import TensorRuntime

/// Metrics by name: `accuracy` (argmax, or threshold for one output) and `topK` accuracy.
public enum Metric: Sendable, Equatable, Hashable, CaseIterable, RawRepresentable {
    case accuracy
    case topK(Int)

    /// The metrics `compile metrics=` offers, in that order.
    public static let allCases: [Metric] = [.accuracy, .topK(5)]

    /// The name (`accuracy`, `top5`).
    public var rawValue: String { name }

    /// As `init?(name:)`.
    public init?(rawValue: String) { self.init(name: rawValue) }

    /// The name used in tables and history (`accuracy`, `top5`).
    public var name: String {
        switch self { case .accuracy: return "accuracy"; case .topK(let k): return "top\(k)" }
    }

    /// Parses `accuracy`/`acc` or `topK` (`top5`, `top_5`).
    public init?(name: String) {
        let n = String(name.lowercased().filter { $0 != "_" })
        if n == "accuracy" || n == "acc" { self = .accuracy; return }
        if n.hasPrefix("top"), let k = Int(n.dropFirst(3)), k > 0 { self = .topK(k); return }
        return nil
    }

    /// How many rows of `output` (N, K) are correct for `labels`. For one output, `threshold` splits classes
    /// (0.5 on probabilities, 0 on logits).
    public func correct(_ output: Tensor, labels: [Int32], threshold: Float = 0.5) -> Int {
        let n = labels.count, k = output.count / max(n, 1), p = output.buffer.pointer
        var hits = 0
        for r in 0..<n {
            let row = p + r * k, label = Int(labels[r])
            if k == 1 { if (row[0] > threshold ? 1 : 0) == label { hits += 1 }; continue }
            switch self {
            case .accuracy:
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
