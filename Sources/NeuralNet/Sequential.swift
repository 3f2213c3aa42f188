import TensorRuntime

/// A stack of layers applied in order, with Keras-style automatic names (`conv2d_1`, `dense_2`).
///
/// Every edit (append, insert, remove, replace) rebuilds the shapes from the input and is all-or-nothing:
/// when a layer does not fit, the model is left exactly as it was. Layers whose input shape did not
/// change keep their weights.
public final class Sequential {
    /// Shape of one example (no batch axis), e.g. [28, 28, 1].
    public private(set) var inputShape: [Int]
    public private(set) var layers: [Layer] = []
    /// Output shape of each layer (no batch axis), parallel to `layers`.
    public private(set) var outputShapes: [[Int]] = []
    /// Seed of the weight initialiser; each new layer draws from its own derived stream.
    public let seed: UInt64
    private var counters: [String: Int] = [:]
    private var initStreams: UInt64 = 0

    public init(inputShape: [Int], seed: UInt64 = 42) throws {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw ModelError.invalidConfiguration(layer: "model", message: "input shape must have positive dimensions, got \(Shape.describe(inputShape))")
        }
        self.inputShape = inputShape
        self.seed = seed
    }

    /// Output shape of the whole model (the input shape when empty).
    public var outputShape: [Int] { outputShapes.last ?? inputShape }

    /// Appends a layer, naming it automatically unless it has a name already.
    public func add(_ layer: Layer) throws { try insert(layer, at: layers.count) }

    /// Inserts a layer before position `index` (0-based; `layers.count` appends).
    public func insert(_ layer: Layer, at index: Int) throws {
        guard index >= 0 && index <= layers.count else { throw ModelError.indexOutOfRange(index + 1, count: layers.count) }
        var candidate = layers
        candidate.insert(layer, at: index)
        try commit(candidate, naming: layer)
    }

    /// Removes the layer at `index` (0-based) and returns it.
    @discardableResult
    public func remove(at index: Int) throws -> Layer {
        guard layers.indices.contains(index) else { throw ModelError.indexOutOfRange(index + 1, count: layers.count) }
        var candidate = layers
        let removed = candidate.remove(at: index)
        try commit(candidate, naming: nil)
        return removed
    }

    /// Replaces the layer at `index` (0-based) with `layer`.
    public func replace(at index: Int, with layer: Layer) throws {
        guard layers.indices.contains(index) else { throw ModelError.indexOutOfRange(index + 1, count: layers.count) }
        var candidate = layers
        candidate[index] = layer
        try commit(candidate, naming: layer)
    }

    /// The 0-based index of the layer called `name`.
    public func index(of name: String) throws -> Int {
        guard let i = layers.firstIndex(where: { $0.name == name }) else {
            throw ModelError.unknownLayer(name, known: layers.map(\.name))
        }
        return i
    }

    /// Checks every layer of `candidate` in order; only when all fit are weights built and the model changed.
    private func commit(_ candidate: [Layer], naming newLayer: Layer?) throws {
        var newCounters = counters
        let assignName = newLayer.map { $0.name.isEmpty } ?? false
        if let newLayer, assignName {
            let n = (newCounters[newLayer.nameStem] ?? 0) + 1
            newCounters[newLayer.nameStem] = n
            newLayer.name = "\(newLayer.nameStem)_\(n)"
        }
        var shapes: [[Int]] = []
        var shape = inputShape
        do {
            for layer in candidate {
                let out = try layer.outputShape(for: shape)
                guard out.allSatisfy({ $0 > 0 }) else {
                    throw ModelError.shapeMismatch(layer: layer.name, input: shape, expected: "an input that leaves a non-empty output")
                }
                shapes.append(out)
                shape = out
            }
        } catch {
            if let newLayer, assignName { newLayer.name = "" }
            throw error
        }
        shape = inputShape
        for (layer, out) in zip(candidate, shapes) {
            // A fresh stream per build keeps each layer's initial weights independent of later edits.
            var rng = SeededGenerator.derived(seed: seed, stream: initStreams)
            initStreams += 1
            layer.build(inputShape: shape, rng: &rng)
            shape = out
        }
        counters = newCounters
        layers = candidate
        outputShapes = shapes
    }

    /// Forward pass over a batch x (N, inputShape...).
    /// With `logits`, the final softmax/sigmoid is left out, for losses that fuse it.
    public func forward(_ x: Tensor, _ context: ForwardContext, logits: Bool = false) throws -> Tensor {
        guard Array(x.shape.dropFirst()) == inputShape else {
            throw ModelError.shapeMismatch(layer: "model input", input: Array(x.shape.dropFirst()), expected: Shape.describe(inputShape))
        }
        var h = x
        for (i, layer) in layers.enumerated() {
            h = try layer.forward(h, context, skipOutputActivation: logits && i == layers.count - 1)
        }
        return h
    }

    /// Calls the model.
    public func callAsFunction(_ x: Tensor, _ context: ForwardContext) throws -> Tensor { try forward(x, context) }

    /// Every weight with its qualified name (`conv2d_1.kernel`), in layer order.
    public var namedParameters: [(name: String, parameter: Parameter, layer: Layer)] {
        layers.flatMap { layer in layer.parameters.map { ("\(layer.name).\($0.name)", $0, layer) } }
    }

    /// Weights an optimiser updates: trainable parameters of unfrozen layers.
    public var trainableParameters: [Tensor] {
        layers.filter(\.isTrainable).flatMap { $0.parameters.filter(\.trainable).map(\.tensor) }
    }

    /// The sum of every layer's weight penalties, or nil when there are none.
    public func regularizationLoss() throws -> Tensor? {
        var total: Tensor?
        for layer in layers where layer.isTrainable {
            for p in layer.parameters {
                guard let r = p.regularizer, let term = try r.penalty(p.tensor) else { continue }
                total = try total.map { try Tensor.add($0, term) } ?? term
            }
        }
        return total
    }

    /// The activation of the last layer (decides which loss fusion applies).
    public var finalActivation: ActivationKind { layers.last?.outputActivation ?? .linear }
}
