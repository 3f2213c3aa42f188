import TensorRuntime

/// Losses by their Keras names. Targets come as integer labels; the loss turns them into what it needs.
public enum Loss: String, Sendable, CaseIterable {
    case sparse_categorical_crossentropy, categorical_crossentropy, binary_crossentropy, mse, mae

    /// Whether the model hands this loss logits: its final softmax/sigmoid is then fused into the loss.
    /// A model that ends without an activation (linear) also gives logits, as PyTorch's losses expect;
    /// other final activations give probabilities, which the loss clips (Keras's from_logits=False).
    public func fusesOutput(_ final: ActivationKind) -> Bool {
        switch self {
        case .sparse_categorical_crossentropy, .categorical_crossentropy: return final == .softmax || final == .linear
        case .binary_crossentropy: return final == .sigmoid || final == .linear
        case .mse, .mae: return false
        }
    }

    /// The loss of `output` (N, K) against `labels` (N); `fused` says `output` holds logits.
    ///
    /// Categorical losses want one class per output; binary cross-entropy and the regressions compare a
    /// single output with the label's value, or K outputs with the one-hot label.
    public func compute(_ output: Tensor, labels: [Int32], fused: Bool) throws -> Tensor {
        guard output.rank == 2, output.shape[0] == labels.count else {
            throw TensorError.badShape(op: rawValue, shape: output.shape, expected: "(\(labels.count), outputs): end the model with dense")
        }
        let k = output.shape[1]
        switch self {
        case .sparse_categorical_crossentropy:
            return fused ? try Tensor.softmaxCrossEntropy(logits: output, labels: labels)
                         : try Tensor.crossEntropy(probabilities: output, labels: labels)
        case .categorical_crossentropy:
            let t = try Loss.oneHot(labels, classes: k, op: rawValue)
            if fused { return try Tensor.softmaxCrossEntropy(logits: output, targets: t) }
            return try Tensor.crossEntropy(probabilities: output, labels: labels)
        case .binary_crossentropy:
            let t = k == 1 ? Tensor(labels.map(Float.init), shape: [labels.count, 1]) : try Loss.oneHot(labels, classes: k, op: rawValue)
            return fused ? try Tensor.sigmoidCrossEntropy(logits: output, targets: t)
                         : try Tensor.binaryCrossEntropy(probabilities: output, targets: t)
        case .mse, .mae:
            let t = k == 1 ? Tensor(labels.map(Float.init), shape: [labels.count, 1]) : try Loss.oneHot(labels, classes: k, op: rawValue)
            return self == .mse ? try Tensor.meanSquaredError(output, t) : try Tensor.meanAbsoluteError(output, t)
        }
    }

    /// One-hot targets (N, classes); a label outside 0..<classes is an error naming both.
    public static func oneHot(_ labels: [Int32], classes: Int, op: String) throws -> Tensor {
        let t = Tensor(zeros: [labels.count, classes])
        for (i, l) in labels.enumerated() {
            guard l >= 0 && Int(l) < classes else {
                throw TensorError.badArgument(op: op, message: "label \(l) does not fit a model with \(classes) output\(classes == 1 ? "" : "s")")
            }
            t.buffer.pointer[i * classes + Int(l)] = 1
        }
        return t
    }
}
