import TensorRuntime

extension Loss {
    /// The loss of `output` (N, K) against a batch's targets; `fused` says `output` holds logits.
    ///
    /// Per-token outputs (N, T, K) with sparse categorical cross-entropy take one class index per token,
    /// (N, T) held as floats (a sequence data set's targets): the loss is the mean over all N * T tokens,
    /// as Keras computes it.
    ///
    /// Class indices go through `compute(_:labels:fused:)`. A float target tensor must have the output's
    /// shape: mse and mae compare it directly, binary cross-entropy reads it as probabilities, and
    /// categorical cross-entropy as a distribution per row (on logits: the model must end in softmax or
    /// linear). Sparse categorical cross-entropy needs class indices.
    public func compute(_ output: Tensor, targets: Targets, fused: Bool) throws -> Tensor {
        switch targets {
        case .classes(let labels):
            return try compute(output, labels: labels, fused: fused)
        case .values(let t) where self == .sparse_categorical_crossentropy && output.rank >= 3:
            return try perToken(output, classIndices: t, fused: fused)
        case .values(let t):
            guard t.shape == output.shape else {
                throw TrainingError.targetMismatch("the model's outputs have shape \(Shape.describe(Array(output.shape.dropFirst()))) "
                    + "but the targets have \(Shape.describe(Array(t.shape.dropFirst())))")
            }
            switch self {
            case .mse:
                return try Tensor.meanSquaredError(output, t)
            case .mae:
                return try Tensor.meanAbsoluteError(output, t)
            case .binary_crossentropy:
                return fused ? try Tensor.sigmoidCrossEntropy(logits: output, targets: t)
                             : try Tensor.binaryCrossEntropy(probabilities: output, targets: t)
            case .categorical_crossentropy:
                guard fused else {
                    throw TrainingError.targetMismatch("categorical_crossentropy with vector targets needs a model ending in softmax or linear")
                }
                return try Tensor.softmaxCrossEntropy(logits: output, targets: t)
            case .sparse_categorical_crossentropy:
                throw TrainingError.targetMismatch("sparse_categorical_crossentropy needs class-index targets, but this data set has float vectors")
            }
        }
    }

    /// Sparse categorical cross-entropy over the last axis of `output` (N, T..., K) against class indices
    /// `targets` (N, T...) held as floats: the mean over every position. A target that is not a whole
    /// number in 0..<K is an error naming it.
    func perToken(_ output: Tensor, classIndices targets: Tensor, fused: Bool) throws -> Tensor {
        let classes = output.shape.last ?? 0
        guard Array(output.shape.dropLast()) == targets.shape, classes > 0 else {
            throw TrainingError.targetMismatch("the model's outputs have shape \(Shape.describe(Array(output.shape.dropFirst()))) "
                + "but the per-token targets have \(Shape.describe(Array(targets.shape.dropFirst()))): "
                + "the output needs one score per class for every target position")
        }
        let labels = try Loss.classIndices(targets, classes: classes, op: rawValue)
        let rows = try output.reshaped([labels.count, classes])
        return fused ? try Tensor.softmaxCrossEntropy(logits: rows, labels: labels)
                     : try Tensor.crossEntropy(probabilities: rows, labels: labels)
    }

    /// Class indices held as floats, each checked to be a whole number in 0..<classes.
    static func classIndices(_ targets: Tensor, classes: Int, op: String) throws -> [Int32] {
        let p = targets.buffer.pointer
        return try (0..<targets.count).map { i in
            let v = p[i]
            guard v >= 0, v < Float(classes), v == v.rounded() else {
                throw TensorError.badArgument(op: op, message: "target \(v) at position \(i) is not a class index in 0..<\(classes)")
            }
            return Int32(v)
        }
    }
}
