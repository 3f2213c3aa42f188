import TensorRuntime

/// Batch normalisation over the channel (last) axis, Keras defaults: momentum 0.99, epsilon 1e-3.
public final class BatchNormalization: Layer {
    public var name = ""
    public let typeName = "BatchNormalization", nameStem = "batch_normalization"
    public var isTrainable = true
    public let momentum: Float, epsilon: Float
    public private(set) var gamma: Tensor?, beta: Tensor?, movingMean: Tensor?, movingVariance: Tensor?

    public init(momentum: Float = 0.99, epsilon: Float = 1e-3) throws {
        guard momentum >= 0 && momentum < 1 else { throw ModelError.invalidConfiguration(layer: "batchnorm", message: "momentum must be in [0, 1), got \(momentum)") }
        guard epsilon > 0 else { throw ModelError.invalidConfiguration(layer: "batchnorm", message: "epsilon must be positive, got \(epsilon)") }
        self.momentum = momentum; self.epsilon = epsilon
    }
    public var configSummary: String { "momentum \(momentum)" }
    public var parameters: [Parameter] {
        guard let gamma, let beta, let movingMean, let movingVariance else { return [] }
        return [Parameter("gamma", gamma), Parameter("beta", beta),
                Parameter("moving_mean", movingMean, trainable: false), Parameter("moving_variance", movingVariance, trainable: false)]
    }
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.last != nil else { throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "a channel axis") }
        return inputShape
    }
    /// gamma, beta, moving mean and variance: 4·C.
    public func weightCount(inputShape: [Int]) throws -> Int {
        _ = try outputShape(for: inputShape)
        return Shape.saturatingProduct(inputShape.last ?? 0, 4)
    }
    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        let c = inputShape.last ?? 1
        if gamma?.count != c {
            gamma = Tensor(repeating: 1, shape: [c], requiresGrad: true); beta = Tensor(zeros: [c], requiresGrad: true)
            movingMean = Tensor(zeros: [c]); movingVariance = Tensor(repeating: 1, shape: [c])
        }
    }
    public func clone() -> Layer {
        let copy = BatchNormalization(copying: self)
        copy.gamma = gamma.parameterCopy()
        copy.beta = beta.parameterCopy()
        copy.movingMean = movingMean.parameterCopy()
        copy.movingVariance = movingVariance.parameterCopy()
        return copy
    }
    private init(copying other: BatchNormalization) {
        momentum = other.momentum
        epsilon = other.epsilon
        name = other.name
        isTrainable = other.isTrainable
    }
    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let gamma, let beta, let movingMean, let movingVariance else { throw ModelError.notBuilt("\(name) is not built") }
        // A frozen batch norm runs in inference mode, as in Keras.
        return try Tensor.batchNorm(x, gamma: gamma, beta: beta, runningMean: movingMean, runningVar: movingVariance,
                                    training: context.training && isTrainable, momentum: momentum, epsilon: epsilon)
    }
}

/// Layer normalisation over the last axis, Keras default epsilon 1e-3.
public final class LayerNormalization: Layer {
    public var name = ""
    public let typeName = "LayerNormalization", nameStem = "layer_normalization"
    public var isTrainable = true
    public let epsilon: Float
    public private(set) var gamma: Tensor?, beta: Tensor?
    public init(epsilon: Float = 1e-3) throws {
        guard epsilon > 0 else { throw ModelError.invalidConfiguration(layer: "layernorm", message: "epsilon must be positive, got \(epsilon)") }
        self.epsilon = epsilon
    }
    public var configSummary: String { "epsilon \(epsilon)" }
    public var parameters: [Parameter] {
        guard let gamma, let beta else { return [] }
        return [Parameter("gamma", gamma), Parameter("beta", beta)]
    }
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.last != nil else { throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "a feature axis") }
        return inputShape
    }
    /// gamma and beta: 2·C.
    public func weightCount(inputShape: [Int]) throws -> Int {
        _ = try outputShape(for: inputShape)
        return Shape.saturatingProduct(inputShape.last ?? 0, 2)
    }
    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        let c = inputShape.last ?? 1
        if gamma?.count != c { gamma = Tensor(repeating: 1, shape: [c], requiresGrad: true); beta = Tensor(zeros: [c], requiresGrad: true) }
    }
    public func clone() -> Layer {
        let copy = LayerNormalization(copying: self)
        copy.gamma = gamma.parameterCopy()
        copy.beta = beta.parameterCopy()
        return copy
    }
    private init(copying other: LayerNormalization) {
        epsilon = other.epsilon
        name = other.name
        isTrainable = other.isTrainable
    }
    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let gamma, let beta else { throw ModelError.notBuilt("\(name) is not built") }
        return try Tensor.layerNorm(x, gamma: gamma, beta: beta, epsilon: epsilon)
    }
}

/// Token embedding: ids (N, T) -> vectors (N, T, dim). Keras initialises the table uniformly in [-0.05, 0.05].
public final class Embedding: Layer {
    public var name = ""
    public let typeName = "Embedding", nameStem = "embedding"
    public var isTrainable = true
    public let vocabulary: Int, dimension: Int
    public private(set) var table: Tensor?
    public init(vocabulary: Int, dimension: Int) throws {
        guard vocabulary > 0, dimension > 0 else {
            throw ModelError.invalidConfiguration(layer: "embedding", message: "vocabulary and dimension must be positive, got \(vocabulary) and \(dimension)")
        }
        self.vocabulary = vocabulary; self.dimension = dimension
    }
    public var configSummary: String { "\(vocabulary) tokens x \(dimension)" }
    public var parameters: [Parameter] { table.map { [Parameter("embeddings", $0)] } ?? [] }
    public func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape + [dimension] }
    /// The table: vocabulary·dimension.
    public func weightCount(inputShape: [Int]) throws -> Int { Shape.saturatingProduct(vocabulary, dimension) }
    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        guard table == nil else { return }
        let t = Tensor.uniform([vocabulary, dimension], -0.05, 0.05, rng: &rng)
        t.requiresGrad = true
        table = t
    }
    public func clone() -> Layer {
        let copy = Embedding(copying: self)
        copy.table = table.parameterCopy()
        return copy
    }
    private init(copying other: Embedding) {
        vocabulary = other.vocabulary
        dimension = other.dimension
        name = other.name
        isTrainable = other.isTrainable
    }
    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let table else { throw ModelError.notBuilt("\(name) is not built") }
        return try Tensor.embedding(x, table: table)
    }
}
