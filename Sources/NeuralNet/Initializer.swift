import TensorRuntime

/// Weight initialisers with Keras's definitions. fanIn/fanOut count receptive fields for convolutions.
public enum Initializer: String, Sendable, CaseIterable {
    case glorot_uniform, he_normal, he_uniform, zeros, ones

    /// The kernel initialiser of dense and conv2d when none is given (Keras's default).
    public static let defaultKernel: Initializer = .glorot_uniform

    /// A tensor of `shape` drawn from this initialiser.
    public func make(_ shape: [Int], fanIn: Int, fanOut: Int, rng: inout SeededGenerator) -> Tensor {
        switch self {
        case .glorot_uniform:
            let limit = (6 / Float(max(fanIn + fanOut, 1))).squareRoot()
            return Tensor.uniform(shape, -limit, limit, rng: &rng)
        case .he_uniform:
            let limit = (6 / Float(max(fanIn, 1))).squareRoot()
            return Tensor.uniform(shape, -limit, limit, rng: &rng)
        case .he_normal:
            // Truncated normal (redraw beyond two standard deviations), stddev sqrt(2 / fanIn).
            let std = (2 / Float(max(fanIn, 1))).squareRoot()
            let t = Tensor(zeros: shape)
            for i in 0..<t.count {
                var v = rng.normal()
                while abs(v) > 2 { v = rng.normal() }
                t.buffer.pointer[i] = v * std
            }
            return t
        case .zeros: return Tensor(zeros: shape)
        case .ones: return Tensor(repeating: 1, shape: shape)
        }
    }
}
