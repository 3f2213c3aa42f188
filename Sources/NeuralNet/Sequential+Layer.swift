import TensorRuntime

// A Sequential is a Layer: it can be the body of a Residual or a block inside another model (Keras's
// nested model). Its parameters are its layers', named `conv2d_1.kernel`; freezing it freezes them all.
extension Sequential: Layer {
    public var typeName: String { "Sequential" }
    public var nameStem: String { "sequential" }
    public var children: [Layer] { layers }
    public var isContainer: Bool { true }
    public var parameters: [Parameter] { childParameters }
    public var outputActivation: ActivationKind { finalActivation }

    /// Setting it sets every layer's flag too.
    public var isTrainable: Bool {
        get { trainable }
        set {
            trainable = newValue
            for layer in layers { layer.isTrainable = newValue }
        }
    }

    /// `3 layers: conv2d_1, batch_normalization_1, activation_1`.
    public var configSummary: String {
        "\(layers.count) layer\(layers.count == 1 ? "" : "s")" + (layers.isEmpty ? "" : ": " + layers.map(\.name).joined(separator: ", "))
    }

    /// The shape after every layer, starting from `inputShape`; the layers adapt to a new input shape as
    /// they do when the model is edited (checked here, built by `build`).
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        try planned(for: inputShape).shape
    }

    public func weightCount(inputShape: [Int]) throws -> Int {
        try planned(for: inputShape).weights
    }

    /// The shape after the last layer and the weights of all, from one plan of the layers.
    public func planned(for inputShape: [Int]) throws -> (shape: [Int], weights: Int) {
        let plan = try plannedWithWeights(layers, inputShape: inputShape)
        return (plan.shapes.last ?? inputShape, plan.weights)
    }

    /// Rebuilds the layers for a new input shape (weights kept where they still fit); nothing to do when the
    /// shape is the one the model has. `rng` is unused: a model draws initial weights from its own seed.
    public func build(inputShape newInput: [Int], rng: inout SeededGenerator) {
        guard newInput != inputShape, let shapes = try? plan(layers, inputShape: newInput) else { return }
        apply(layers, inputShape: newInput, shapes: shapes)
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        try forward(x, context, logits: skipOutputActivation)
    }

    public func memory(inputShape: [Int], batch: Int) throws -> LayerMemory {
        try LayerMemory.chain(layers, inputShape: inputShape, batch: batch)
    }

    public func clone() -> Layer { copy() }

    /// A deep copy of the model: same input shape, seed, names, trainable flags and weight values; editing
    /// or training either one leaves the other unchanged.
    public func copy() -> Sequential {
        let copy = Sequential(copying: self, layers: layers.map { $0.clone() })
        copy.name = name
        copy.trainable = trainable
        copy.weightBudget = weightBudget
        copy.counters = counters
        copy.initStreams = initStreams
        return copy
    }
}
