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
public protocol Layer: AnyObject {
    /// The Keras-style unique name in its model (`conv2d_1`).
    var name: String { get set }
    /// The Keras class name (`Conv2D`).
    var typeName: String { get }
    /// The lower-case stem used for automatic names (`conv2d`).
    var nameStem: String { get }
    /// Weights, in a fixed order.
    var parameters: [Parameter] { get }
    /// False when frozen: its weights receive no updates.
    var isTrainable: Bool { get set }
    /// The activation applied last inside this layer (`.linear` when none).
    var outputActivation: ActivationKind { get }
    /// One line describing the configuration (`32 filters 3x3 relu, stride 1, valid`).
    var configSummary: String { get }
    /// The output shape for `inputShape` (no batch axis); throws when the input does not fit. Changes nothing.
    func outputShape(for inputShape: [Int]) throws -> [Int]
    /// Creates weights for `inputShape` (already checked by `outputShape`), or keeps them when they still fit.
    func build(inputShape: [Int], rng: inout SeededGenerator)
    /// The forward pass; with `skipOutputActivation` the final softmax/sigmoid is left out (for fused losses).
    func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor
}

extension Layer {
    public var outputActivation: ActivationKind { .linear }
    /// Layers without weights have nothing to build.
    public func build(inputShape: [Int], rng: inout SeededGenerator) {}
    /// Calls the layer.
    public func callAsFunction(_ x: Tensor, _ context: ForwardContext) throws -> Tensor {
        try forward(x, context, skipOutputActivation: false)
    }
    /// Number of values in trainable (or non-trainable) weights.
    public func parameterCount(trainable: Bool) -> Int {
        parameters.filter { ($0.trainable && isTrainable) == trainable }.reduce(0) { $0 + $1.tensor.count }
    }
}

/// Thrown by layers and models for problems a user can cause.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    case shapeMismatch(layer: String, input: [Int], expected: String)
    case invalidConfiguration(layer: String, message: String)
    case notBuilt(String)
    case unknownLayer(String, known: [String])
    case indexOutOfRange(Int, count: Int)
    case weightsMismatch(String)

    public var description: String {
        switch self {
        case let .shapeMismatch(layer, input, expected):
            return "\(layer) cannot take input of shape \(Shape.describe(input)): expected \(expected)"
        case let .invalidConfiguration(layer, message): return "\(layer): \(message)"
        case let .notBuilt(what): return what
        case let .unknownLayer(name, known):
            return "no layer named '\(name)'" + (known.isEmpty ? " (the model has no layers)" : "; layers are " + known.joined(separator: ", "))
        case let .indexOutOfRange(i, count): return "layer index \(i) is out of range: the model has \(count) layer\(count == 1 ? "" : "s") (1...\(count))"
        case let .weightsMismatch(message): return message
        }
    }
}
