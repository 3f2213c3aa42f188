import TensorRuntime

/// What a forward pass needs besides the input: training or inference, and the random stream for dropout.
public final class ForwardContext {
    /// True while training (dropout active, batch norm uses batch statistics).
    public var training: Bool
    /// Random numbers for dropout masks.
    public var rng: SeededGenerator
    public init(training: Bool, rng: SeededGenerator = SeededGenerator(seed: 0)) {
        self.training = training
        self.rng = rng
    }
}

/// A named weight of a layer (`kernel`, `bias`, `gamma`, `moving_mean`...).
public struct Parameter {
    /// The name inside its layer, as Keras names it.
    public let name: String
    /// The values (and gradient).
    public let tensor: Tensor
    /// False for statistics that are never trained (batch norm's moving mean and variance).
    public let trainable: Bool
    /// Weight penalty added to the loss, if any.
    public let regularizer: Regularizer?

    public init(_ name: String, _ tensor: Tensor, trainable: Bool = true, regularizer: Regularizer? = nil) {
        self.name = name; self.tensor = tensor; self.trainable = trainable; self.regularizer = regularizer
    }
}

/// L1 and/or L2 penalty on a weight: l1·Σ|w| + l2·Σw² (Keras's definition).
public struct Regularizer: Sendable, Equatable {
    public var l1: Float
    public var l2: Float
    public init(l1: Float = 0, l2: Float = 0) { self.l1 = l1; self.l2 = l2 }
    /// The penalty as a scalar tensor (on the graph, so its gradient reaches the weight).
    func penalty(_ w: Tensor) throws -> Tensor? {
        var terms: [Tensor] = []
        if l1 > 0 { terms.append(Tensor.scale(Tensor.sumAbs(w), l1)) }
        if l2 > 0 { terms.append(Tensor.scale(Tensor.sumSquares(w), l2)) }
        guard var total = terms.first else { return nil }
        for t in terms.dropFirst() { total = try Tensor.add(total, t) }
        return total
    }
}

/// A layer of a sequential model. Layers are values you call: `let y = try layer(x, context)`.
///
/// `build` creates the weights for an input shape (batch dimension excluded) and returns the output shape.
/// Building again with the same input shape keeps the weights, so editing a model keeps what it learned.
///
/// Layers compose: a container (`Sequential`, `Residual`) lists the layers inside it in `children`. A
/// container holds no weights of its own; its `parameters` are its children's, named `child.weight`
/// (`conv2d_1.kernel`), so a model's qualified names read as paths (`residual_1.conv2d_1.kernel`).
public protocol Layer: AnyObject {
    /// The Keras-style name, unique among the layers of its container (`conv2d_1`).
    var name: String { get set }
    /// The Keras class name (`Conv2D`).
    var typeName: String { get }
    /// The lower-case stem used for automatic names (`conv2d`).
    var nameStem: String { get }
    /// Weights, in a fixed order; a container's are its children's, named `child.weight`.
    var parameters: [Parameter] { get }
    /// Layers inside this one, in order (empty for plain layers).
    var children: [Layer] { get }
    /// True for a layer whose weights are its children's (`Sequential`, `Residual`, `MultiHeadAttention`,
    /// `TransformerBlock`, `PatchEmbedding`: `parameters` is `childParameters`), even when it has no
    /// children (an empty model used as a block, an attention not built yet): walking the tree never asks
    /// a container for its own `parameters`, which would walk the tree again.
    var isContainer: Bool { get }
    /// False when frozen: its weights receive no updates. Setting it on a container sets it on every child.
    var isTrainable: Bool { get set }
    /// The activation applied last inside this layer (`.linear` when none).
    var outputActivation: ActivationKind { get }
    /// One line describing the configuration (`32 filters 3x3 relu, stride 1, valid`).
    var configSummary: String { get }
    /// The output shape for `inputShape` (no batch axis); throws when the input does not fit. Changes nothing.
    func outputShape(for inputShape: [Int]) throws -> [Int]
    /// How many weight values `build` creates (or keeps) for `inputShape`, without allocating anything.
    /// Never traps: a count beyond `Int.max` is reported as `Int.max`. Throws when the input does not fit.
    func weightCount(inputShape: [Int]) throws -> Int
    /// `outputShape(for:)` and `weightCount(inputShape:)` in one pass. Containers implement it so that a
    /// tree is planned once per level: asking each child for its shape and then for its weights separately
    /// would plan a block nested d deep 2^d times.
    func planned(for inputShape: [Int]) throws -> (shape: [Int], weights: Int)
    /// Creates weights for `inputShape` (already checked by `outputShape`), or keeps them when they still fit.
    func build(inputShape: [Int], rng: inout SeededGenerator)
    /// The forward pass; with `skipOutputActivation` the final softmax/sigmoid is left out (for fused losses).
    func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor
    /// A deep copy: same configuration, name, trainable flag and weight values, sharing no tensor with this layer.
    func clone() -> Layer
    /// Bytes this layer needs for `batch` examples of `inputShape`: weights, activations kept for backward
    /// and their gradients, scratch. Saturates at `Int.max`; throws when the input does not fit.
    func memory(inputShape: [Int], batch: Int) throws -> LayerMemory
}

extension Layer {
    public var outputActivation: ActivationKind { .linear }
    /// Plain layers contain no other layers.
    public var children: [Layer] { [] }
    public var isContainer: Bool { false }
    /// A plain layer's shape and weight count, each asked once.
    public func planned(for inputShape: [Int]) throws -> (shape: [Int], weights: Int) {
        (try outputShape(for: inputShape), try weightCount(inputShape: inputShape))
    }
    /// Layers without weights have nothing to build.
    public func build(inputShape: [Int], rng: inout SeededGenerator) {}
    /// Calls the layer.
    public func callAsFunction(_ x: Tensor, _ context: ForwardContext) throws -> Tensor {
        try forward(x, context, skipOutputActivation: false)
    }
}
