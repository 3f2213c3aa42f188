import TensorRuntime

/// Activations by their Keras names, as layers and the `activation` layer use them.
public enum ActivationKind: String, Sendable, CaseIterable {
    case relu, leaky_relu, elu, gelu, sigmoid, tanh, softmax, linear

    /// The slope of leaky_relu for negative inputs (Keras 3's default negative_slope).
    public static let leakyReluSlope: Float = 0.2
    /// elu's alpha: elu(x) = alpha · (exp(x) - 1) for x < 0.
    public static let eluAlpha: Float = 1

    /// Applies the activation (relu is normally fused into the product instead).
    public func apply(_ x: Tensor) throws -> Tensor {
        switch self {
        case .linear: return x
        case .relu: return Tensor.activate(x, .relu)
        case .leaky_relu: return Tensor.activate(x, .leakyRelu(alpha: ActivationKind.leakyReluSlope))
        case .elu: return Tensor.activate(x, .elu(alpha: ActivationKind.eluAlpha))
        case .gelu: return Tensor.activate(x, .gelu)   // the exact erf form, not the tanh approximation
        case .sigmoid: return Tensor.activate(x, .sigmoid)
        case .tanh: return Tensor.activate(x, .tanh)
        case .softmax: return try Tensor.softmax(x)
        }
    }

    /// The part a product can fuse, and what must still run after it.
    var fused: (FusedActivation, ActivationKind) { self == .relu ? (.relu, .linear) : (.none, self) }
}
