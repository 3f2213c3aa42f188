/// One attention matrix of an ``AttentionGrid``: a caption and the weights of each query over the keys.
public struct AttentionPanel: Sendable, Equatable {
    /// The line above the matrix (`head 0`, `attention_1 h1`).
    public var caption: String
    /// weights[query][key]; each row of an attention pattern sums to 1.
    public var weights: [[Double]]
    /// One label per query (row), shown left of its row: the token at that position (`3`, `7`) or a patch.
    public var queryLabels: [String]
    /// One label per key (column), shown above its column.
    public var keyLabels: [String]

    public init(caption: String, weights: [[Double]], queryLabels: [String] = [], keyLabels: [String] = []) {
        self.caption = caption
        self.weights = weights
        self.queryLabels = queryLabels
        self.keyLabels = keyLabels
    }

    /// Number of queries (rows).
    public var queries: Int { weights.count }
    /// Number of keys (columns): the longest row.
    public var keys: Int { weights.map(\.count).max() ?? 0 }

    /// The weight at (`query`, `key`), NaN outside the matrix.
    public func weight(_ query: Int, _ key: Int) -> Double {
        guard query >= 0, query < weights.count, key >= 0, key < weights[query].count else { return .nan }
        return weights[query][key]
    }

    /// The largest finite weight and where it is (the first one on ties), or nil for an empty matrix.
    public var strongest: (query: Int, key: Int, weight: Double)? {
        var best: (query: Int, key: Int, weight: Double)?
        for (q, row) in weights.enumerated() {
            for (k, w) in row.enumerated() where w.isFinite {
                if best.map({ w > $0.weight }) ?? true {
                    best = (q, k, w)
                }
            }
        }
        return best
    }

    /// `max q5→k2 0.91`: the strongest cell, by position (0-based), with its weight.
    public func strongestDescription(arrow: String) -> String {
        guard let s = strongest else { return "empty" }
        return "max q\(s.query)\(arrow)k\(s.key) \(NumberFormat.fixed(s.weight, decimals: 2))"
    }
}
