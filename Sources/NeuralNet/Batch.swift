import TensorRuntime

/// One gathered mini-batch: inputs (N, sampleShape...) and their targets.
public struct Batch {
    /// The examples, (N, sampleShape...), row-major.
    public let inputs: Tensor
    /// Their targets, in the same order.
    public let targets: Targets

    /// Number of examples (N).
    public var count: Int { inputs.shape.first ?? 0 }

    public init(inputs: Tensor, targets: Targets) {
        self.inputs = inputs
        self.targets = targets
    }
}

/// A batch's targets: class indices (the default, sparse) or a float tensor.
public enum Targets {
    /// One class index per example: (N).
    case classes([Int32])
    /// One float tensor per example: (N, targetShape...) (one-hot or soft vectors, regression values).
    case values(Tensor)

    /// Number of examples.
    public var count: Int {
        switch self {
        case .classes(let labels): return labels.count
        case .values(let t): return t.shape.first ?? 0
        }
    }

    /// Class indices for the metrics and the confusion matrix: the labels themselves, or for float
    /// targets the argmax of each example's vector (a single value counts as class 1 above 0.5).
    public var classIndices: [Int32] {
        switch self {
        case .classes(let labels):
            return labels
        case .values(let t):
            let n = t.shape.first ?? 0
            let k = t.count / Swift.max(n, 1)
            let p = t.buffer.pointer
            return (0..<n).map { r in
                let row = p + r * k
                if k == 1 { return row[0] > 0.5 ? 1 : 0 }
                var best = 0
                for j in 0..<k where row[j] > row[best] { best = j }
                return Int32(best)
            }
        }
    }
}
