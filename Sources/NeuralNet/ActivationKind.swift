import TensorRuntime

/// Activations by their Keras names, as layers and the `activation` layer use them.
public enum ActivationKind: String, Sendable, CaseIterable {
    case linear, relu, leaky_relu, elu, gelu, sigmoid, tanh, softmax

    /// Applies the activation (relu is normally fused into the product instead).
    public func apply(_ x: Tensor) throws -> Tensor {
        switch self {
        case .linear: return x
        case .relu: return Tensor.activate(x, .relu)
        case .leaky_relu: return Tensor.activate(x, .leakyRelu(alpha: 0.2))   // Keras 3's default negative slope
        case .elu: return Tensor.activate(x, .elu(alpha: 1))
        case .gelu: return Tensor.activate(x, .gelu)
        case .sigmoid: return Tensor.activate(x, .sigmoid)
        case .tanh: return Tensor.activate(x, .tanh)
        case .softmax: return try Tensor.softmax(x)
        }
    }

    /// The part a product can fuse, and what must still run after it.
    var fused: (FusedActivation, ActivationKind) { self == .relu ? (.relu, .linear) : (.none, self) }
}
