import TensorRuntime

extension Loss {
    /// The loss of `output` (N, K) against a batch's targets; `fused` says `output` holds logits.
    ///
    /// Class indices go through `compute(_:labels:fused:)`. A float target tensor must have the output's
    /// shape: mse and mae compare it directly, binary cross-entropy reads it as probabilities, and
    /// categorical cross-entropy as a distribution per row (on logits: the model must end in softmax or
    /// linear). Sparse categorical cross-entropy needs class indices.
    public func compute(_ output: Tensor, targets: Targets, fused: Bool) throws -> Tensor {
        switch targets {
        case .classes(let labels):
            return try compute(output, labels: labels, fused: fused)
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
}
