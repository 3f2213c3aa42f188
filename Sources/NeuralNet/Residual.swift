import TensorRuntime

/// A skip connection: y = x + body(x). x (N, ...) -> y (N, ...), the same shape.
///
/// The body is any layer whose output shape equals its input shape, typically a `Sequential` (conv2d
/// same-padding, batch norm, activation). Backward goes through both the skip and the body by autograd
/// (`Tensor.add`). Keras has no such class: this is the `x + f(x)` a Keras model builds with an `Add`
/// layer over a skip. Its weights are the body's: a `Sequential` body is transparent (`residual_1.conv2d_1.kernel`),
/// a single-layer body is named (`residual_1.dense_1.kernel`).
public final class Residual: Layer {
    public var name = ""
    public let typeName = "Residual", nameStem = "residual"
    /// The f in x + f(x).
    public let body: Layer
    private var trainable = true

    /// Wraps `body`; a single layer without a name is called after its stem (`dense_1`).
    public init(_ body: Layer) {
        if !(body is Sequential) && body.name.isEmpty { body.name = "\(body.nameStem)_1" }
        self.body = body
        trainable = body.isTrainable
    }

    /// Setting it sets the body's (and so every layer's inside).
    public var isTrainable: Bool {
        get { trainable }
        set {
            trainable = newValue
            body.isTrainable = newValue
        }
    }

    /// The body's layers when it is a `Sequential`, else the body itself.
    public var children: [Layer] { (body as? Sequential)?.layers ?? [body] }
    public var isContainer: Bool { true }
    public var parameters: [Parameter] { childParameters }
    public var configSummary: String { "x + " + (body is Sequential ? body.configSummary : "\(body.name) (\(body.typeName))") }

    public func outputShape(for inputShape: [Int]) throws -> [Int] { try planned(for: inputShape).shape }

    public func weightCount(inputShape: [Int]) throws -> Int { try body.weightCount(inputShape: inputShape) }

    /// The body's plan, once; its output must have the input's shape.
    public func planned(for inputShape: [Int]) throws -> (shape: [Int], weights: Int) {
        let (out, weights) = try body.planned(for: inputShape)
        guard out == inputShape else { throw ModelError.residualShape(layer: name, input: inputShape, output: out) }
        return (out, weights)
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) { body.build(inputShape: inputShape, rng: &rng) }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        try Tensor.add(x, body.forward(x, context, skipOutputActivation: false))
    }

    /// A residual around a clone of the body.
    public func clone() -> Layer {
        let copy = Residual(body.clone())
        copy.name = name
        copy.isTrainable = isTrainable
        return copy
    }

    /// The body's report plus the sum x + body(x) and its gradient.
    public func memory(inputShape: [Int], batch: Int) throws -> LayerMemory {
        var report = try body.memory(inputShape: inputShape, batch: batch)
        let sum = LayerMemory.bytes(values: Shape.count(try outputShape(for: inputShape)), batch: batch)
        report.activations = Shape.saturatingSum(report.activations, Shape.saturatingProduct(sum, 2))
        return report
    }
}
