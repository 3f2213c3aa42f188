import TensorRuntime

/// A stack of layers applied in order, with Keras-style automatic names (`conv2d_1`, `dense_2`).
///
/// Every edit (append, insert, remove, replace) rebuilds the shapes from the input and is all-or-nothing:
/// when a layer does not fit, or the weights would exceed `weightBudget`, the model is left exactly as it
/// was. Layers whose input shape did not change keep their weights. Names are unique among the model's
/// layers; a `Sequential` is itself a `Layer` and can sit inside another model (see `Sequential+Layer`).
public final class Sequential {
    /// Shape of one example (no batch axis), e.g. [28, 28, 1].
    public private(set) var inputShape: [Int]
    public private(set) var layers: [Layer] = []
    /// Output shape of each layer (no batch axis), parallel to `layers`.
    public private(set) var outputShapes: [[Int]] = []
    /// Seed of the weight initialiser; each new layer draws from its own derived stream.
    public let seed: UInt64
    /// Most bytes the model's weights may take; an edit that would exceed it throws `ModelError.tooLarge`
    /// before anything is allocated. Defaults to half of the memory the process may use (`MemoryLimit`).
    public var weightBudget: Int = Sequential.defaultWeightBudget
    /// Most layers a model may hold, counted over its whole tree (each block and each layer inside it).
    public static let maxLayers = 4_096
    /// Most levels of blocks inside blocks (`sequential`, `residual`): a block of plain layers is 1 level.
    public static let maxNesting = 8
    /// The Keras-style name when this model is a layer inside another (`sequential_1`).
    public var name = ""
    /// Pruning masks (`prune`): each pruned weight's zeros, reapplied after every optimiser step.
    public internal(set) var pruneMasks: [PruneMask] = []
    /// The int8 state (`quantize`): when set, evaluation and prediction run the quantised forward pass and
    /// training is refused. Any edit of the layers drops it.
    public var quantization: ModelQuantization?
    var trainable = true
    var counters: [String: Int] = [:]
    var initStreams: UInt64 = 0

    public init(inputShape: [Int], seed: UInt64 = 42) throws {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw ModelError.invalidConfiguration(layer: "model", message: "input shape must have positive dimensions, got \(Shape.describe(inputShape))")
        }
        guard (try? Shape.checkedCount(inputShape, op: "model")) != nil else {
            throw ModelError.invalidConfiguration(layer: "model", message: "input shape \(Shape.describe(inputShape)) has more than \(Int.max) values")
        }
        self.inputShape = inputShape
        self.seed = seed
    }

    /// A model holding `layers` (already clones of `other`'s) with `other`'s input, shapes and seed.
    init(copying other: Sequential, layers: [Layer]) {
        inputShape = other.inputShape
        seed = other.seed
        self.layers = layers
        outputShapes = other.outputShapes
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
            newLayer.name = Sequential.freshName(stem: newLayer.nameStem, counters: &newCounters, taken: Set(candidate.map(\.name)))
        }
        let shapes: [[Int]]
        do {
            shapes = try plan(candidate, inputShape: inputShape)
        } catch {
            if let newLayer, assignName { newLayer.name = "" }
            throw error
        }
        apply(candidate, inputShape: inputShape, shapes: shapes)
        counters = newCounters
    }

    /// The next automatic name for `stem` (`dense_3`) that no layer in `taken` has already.
    private static func freshName(stem: String, counters: inout [String: Int], taken: Set<String>) -> String {
        var n = counters[stem] ?? 0
        var name: String
        repeat {
            n += 1
            name = "\(stem)_\(n)"
        } while taken.contains(name)
        counters[stem] = n
        return name
    }

    /// The output shape of each layer of `candidate` from `inputShape`, after checking that every layer fits,
    /// names are unique, no output overflows and the weights stay within `weightBudget`. Changes nothing.
    func plan(_ candidate: [Layer], inputShape: [Int]) throws -> [[Int]] {
        try plannedWithWeights(candidate, inputShape: inputShape).shapes
    }

    /// `plan`, with the weight count of the whole chain (saturating at `Int.max`): each layer is planned
    /// once, so a nested block costs its size, not 2^depth.
    func plannedWithWeights(_ candidate: [Layer], inputShape: [Int]) throws -> (shapes: [[Int]], weights: Int) {
        var seen = Set<String>()
        var layerCount = 0
        for layer in candidate {
            guard seen.insert(layer.name).inserted else { throw ModelError.duplicateName(layer.name) }
            // Bounded before any shape is planned: planning a nested block visits its layers once per level.
            let depth = layer.nestingDepth
            guard depth <= Sequential.maxNesting else {
                throw ModelError.nestedTooDeep(layer: layer.name, depth: depth, limit: Sequential.maxNesting)
            }
            layerCount = Shape.saturatingSum(layerCount, layer.treeSize)
            guard layerCount <= Sequential.maxLayers else {
                throw ModelError.tooManyLayers(layer: layer.name, count: candidate.reduce(0) { Shape.saturatingSum($0, $1.treeSize) },
                                               limit: Sequential.maxLayers)
            }
        }
        var shapes: [[Int]] = []
        var shape = inputShape
        var weightBytes = 0, weights = 0
        for layer in candidate {
            let (out, count) = try layer.planned(for: shape)
            guard out.allSatisfy({ $0 > 0 }) else {
                throw ModelError.shapeMismatch(layer: layer.name, input: shape, expected: "an input that leaves a non-empty output")
            }
            _ = try ModelError.checkedCount(out, layer: layer.name, input: shape)
            // Weights are counted before anything is allocated: a model too large for memory is refused here.
            weights = Shape.saturatingSum(weights, count)
            weightBytes = Shape.saturatingSum(weightBytes, LayerMemory.bytes(values: count))
            guard count < Int.max, weightBytes < Int.max, weightBytes <= weightBudget else {
                throw ModelError.tooLarge(layer: layer.name, bytes: count < Int.max ? weightBytes : Int.max, limit: weightBudget)
            }
            shapes.append(out)
            shape = out
        }
        return (shapes, weights)
    }

    /// Builds every layer of a planned `candidate` and makes it the model.
    func apply(_ candidate: [Layer], inputShape newInput: [Int], shapes: [[Int]]) {
        var shape = newInput
        for (layer, out) in zip(candidate, shapes) {
            // A fresh stream per build keeps each layer's initial weights independent of later edits.
            var rng = SeededGenerator.derived(seed: seed, stream: initStreams)
            initStreams += 1
            layer.build(inputShape: shape, rng: &rng)
            shape = out
        }
        inputShape = newInput
        layers = candidate
        outputShapes = shapes
        quantization = nil
    }

    /// Forward pass over a batch x (N, inputShape...).
    /// With `logits`, the final softmax/sigmoid is left out, for losses that fuse it.
    public func forward(_ x: Tensor, _ context: ForwardContext, logits: Bool = false) throws -> Tensor {
        guard Array(x.shape.dropFirst()) == inputShape else {
            throw ModelError.shapeMismatch(layer: "model input", input: Array(x.shape.dropFirst()), expected: Shape.describe(inputShape))
        }
        if let quantization { return try quantizedForward(x, quantization, context, logits: logits) }
        var h = x
        for unit in LayerFusion.units(layers) {
            h = try LayerFusion.forward(layers, unit: unit, h, context, skipOutputActivation: logits && unit.contains(outputLayerIndex))
        }
        return h
    }

    /// Calls the model.
    public func callAsFunction(_ x: Tensor, _ context: ForwardContext) throws -> Tensor { try forward(x, context) }

    /// Every weight with its qualified name (`conv2d_1.kernel`; nested: `residual_1.conv2d_1.kernel`), in
    /// layer order; `layer` is the top-level layer that holds it.
    public var namedParameters: [(name: String, parameter: Parameter, layer: Layer)] {
        layers.flatMap { layer in layer.parameters.map { ("\(layer.name).\($0.name)", $0, layer) } }
    }

    /// Weights an optimiser updates: trainable parameters of unfrozen layers, nested layers included.
    public var trainableParameters: [Tensor] {
        layers.flatMap { $0.parameterTree.filter(\.isTrained).map(\.parameter.tensor) }
    }

    /// The sum of every unfrozen layer's weight penalties (nested layers included), or nil when there are none.
    public func regularizationLoss() throws -> Tensor? {
        var total: Tensor?
        for entry in layers.flatMap(\.parameterTree) where entry.layerTrainable {
            guard let r = entry.parameter.regularizer, let term = try r.penalty(entry.parameter.tensor) else { continue }
            total = try total.map { try Tensor.add($0, term) } ?? term
        }
        return total
    }

    /// The activation of the last layer (decides which loss fusion applies), looking through trailing
    /// `reshape` and `flatten` layers: `dense 784 sigmoid`, `reshape 28x28x1` ends in a sigmoid.
    public var finalActivation: ActivationKind { layers.isEmpty ? .linear : layers[outputLayerIndex].outputActivation }

    /// The layer whose activation is the model's last: the last layer that is not a view (reshape, flatten).
    var outputLayerIndex: Int {
        var i = layers.count - 1
        while i > 0, layers[i] is Reshape || layers[i] is Flatten { i -= 1 }
        return i
    }
}
