import TensorRuntime

/// A variational autoencoder's reparameterisation layer: x (N, 2Z) -> z (N, Z).
///
/// The input holds Z means then Z log-variances (e.g. the output of `dense 2Z` in the encoder). While
/// training, z = mean + exp(logvar / 2) · eps with eps ~ N(0, I) drawn from the pass's random stream;
/// otherwise z = mean (deterministic reconstructions and latent maps). Every pass keeps the batch's
/// KL(N(mean, exp(logvar)) || N(0, I)) as `activityLoss`; the trainer adds it, times its KL weight, to
/// the loss (on the graph while training, so the encoder's means and log-variances are trained).
public final class Sampling: Layer, ActivityLossLayer {
    public var name = ""
    public let typeName = "Sampling", nameStem = "sampling"
    public var isTrainable = true
    public private(set) var activityLoss: Tensor?

    public init() {}
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int {
        _ = try outputShape(for: inputShape)
        return 0
    }
    public func clone() -> Layer { Sampling(copying: self) }
    private init(copying other: Sampling) {
        name = other.name
        isTrainable = other.isTrainable
    }
    public var configSummary: String { "mean | log-variance -> z" }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 1, inputShape[0] % 2 == 0 else {
            throw ModelError.shapeMismatch(layer: name, input: inputShape,
                                           expected: "a vector of 2Z values (Z means, then Z log-variances), e.g. from `dense 4`")
        }
        return [inputShape[0] / 2]
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        let kl = try Tensor.gaussianKL(x)
        // Outside training the term is only read, so it keeps no graph alive.
        activityLoss = context.training ? kl : kl.detached()
        let n = x.shape[0], z = x.shape[1] / 2
        var noise = [Float](repeating: 0, count: n * z)
        if context.training { for i in noise.indices { noise[i] = context.rng.normal() } }
        return try Tensor.reparameterize(x, noise: Tensor(noise, shape: [n, z]))
    }

    /// The means of `x` (N, 2Z): the code of each example, as `show latent` plots it.
    public static func means(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] % 2 == 0 else {
            throw ModelError.shapeMismatch(layer: "sampling", input: Array(x.shape.dropFirst()), expected: "2Z values")
        }
        let n = x.shape[0], z = x.shape[1] / 2, p = x.buffer.pointer
        return Tensor((0..<n * z).map { p[($0 / z) * 2 * z + $0 % z] }, shape: [n, z])
    }
}

/// A layer that adds a term of its own to the loss from its last forward pass (a VAE's KL divergence).
public protocol ActivityLossLayer: Layer {
    /// The term of the last forward pass (a scalar, on the graph while training); nil before any pass.
    var activityLoss: Tensor? { get }
}

extension Sequential {
    /// The layers of the tree that add a term to the loss, depth first.
    public var activityLossLayers: [ActivityLossLayer] {
        layers.flatMap { [$0] + $0.descendants.map(\.layer) }.compactMap { $0 as? ActivityLossLayer }
    }

    /// The sum of the activity terms of the last forward pass, or nil when no layer adds one.
    public func activityLoss() throws -> Tensor? {
        var total: Tensor?
        for layer in activityLossLayers {
            guard let term = layer.activityLoss else { continue }
            total = try total.map { try Tensor.add($0, term) } ?? term
        }
        return total
    }
}
