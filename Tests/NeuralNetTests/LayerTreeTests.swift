import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// Layers that contain layers: qualified names, freezing, regularisation, summaries, checkpoints and deep
// copies through the tree.

/// conv2d 4 3x3 same, residual(conv2d 4 3x3 same, batch norm, relu), flatten, dense 2 on 8x8x3 images.
private func residualModel(regularizer: Regularizer? = nil) throws -> Sequential {
    let model = try Sequential(inputShape: [8, 8, 3], seed: 5)
    try model.add(Conv2D(filters: 4, kernelSize: 3, padding: .same))
    let body = try Sequential(inputShape: [8, 8, 4], seed: 6)
    try body.add(Conv2D(filters: 4, kernelSize: 3, padding: .same, regularizer: regularizer))
    try body.add(BatchNormalization())
    try body.add(ActivationLayer(.relu))
    try model.add(Residual(body))
    try model.add(Flatten())
    try model.add(Dense(units: 2))
    return model
}

@Suite("Layer tree")
struct LayerTreeTests {
    @Test("Nested weights get qualified names; top-level names stay flat")
    func qualifiedNames() throws {
        let model = try residualModel()
        #expect(model.layers.map(\.name) == ["conv2d_1", "residual_1", "flatten_1", "dense_1"])
        #expect(model.namedParameters.map(\.name) == [
            "conv2d_1.kernel", "conv2d_1.bias",
            "residual_1.conv2d_1.kernel", "residual_1.conv2d_1.bias",
            "residual_1.batch_normalization_1.gamma", "residual_1.batch_normalization_1.beta",
            "residual_1.batch_normalization_1.moving_mean", "residual_1.batch_normalization_1.moving_variance",
            "dense_1.kernel", "dense_1.bias",
        ])
        #expect(model.descendants.map(\.path) == ["conv2d_1", "residual_1", "residual_1.conv2d_1", "residual_1.batch_normalization_1",
                                                  "residual_1.activation_1", "flatten_1", "dense_1"])
        #expect(model.trainableParameters.count == 8)
        #expect(try model.layer(atPath: "residual_1.batch_normalization_1") is BatchNormalization)
        #expect(try model.layer(atPath: "dense_1") === model.layers[3])
        #expect(throws: ModelError.self) { _ = try model.layer(atPath: "residual_1.dense_1") }
    }

    @Test("The summary has one row per top-level layer, with a container's total, and Keras's counts")
    func summary() throws {
        let summary = try residualModel().summary
        #expect(summary.rows.map(\.type) == ["Conv2D", "Residual", "Flatten", "Dense"])
        #expect(summary.rows.map(\.parameters) == [112, 164, 0, 514])
        #expect(summary.trainable == 112 + 148 + 8 + 514)
        #expect(summary.nonTrainable == 8)
    }

    @Test("Freezing a container freezes every layer inside it; unfreezing restores them")
    func freezeContainer() throws {
        let model = try residualModel()
        try model.setTrainable(false, at: 1)
        let residual = try #require(model.layers[1] as? Residual)
        #expect(residual.children.allSatisfy { !$0.isTrainable })
        #expect(model.trainableParameters.count == 4)
        #expect(model.summary.nonTrainable == 164)
        for p in residual.parameters where p.trainable { #expect(!p.tensor.requiresGrad, "\(p.name)") }
        try model.setTrainable(true, at: 1)
        #expect(residual.children.allSatisfy { $0.isTrainable })
        #expect(model.trainableParameters.count == 8)
        for p in residual.parameters where p.trainable { #expect(p.tensor.requiresGrad, "\(p.name)") }
    }

    @Test("Regularisers of nested layers reach the loss, and stop when the container is frozen")
    func nestedRegularization() throws {
        let model = try residualModel(regularizer: Regularizer(l2: 0.5))
        let kernel = try #require(model.namedParameters.first { $0.name == "residual_1.conv2d_1.kernel" }).parameter.tensor
        let expected = 0.5 * kernel.array.reduce(0.0) { $0 + Double($1) * Double($1) }
        let loss = try #require(try model.regularizationLoss())
        #expect(abs(Double(loss.scalar) - expected) <= 1e-5 * expected)
        try model.setTrainable(false, at: 1)
        #expect(try model.regularizationLoss() == nil)
    }

    @Test("Backward through a model with a residual reaches the nested weights")
    func nestedGradients() throws {
        let model = try residualModel()
        let x = randomTensor([2, 8, 8, 3], seed: 9)
        try Tensor.sum(model(x, ForwardContext(training: true))).backward()
        for (name, p, _) in model.namedParameters where p.trainable {
            #expect(p.tensor.gradArray.contains { $0 != 0 }, "\(name) got no gradient")
        }
    }

    @Test("A Sequential inside a model is a layer: named, typed, rebuilt for the shape it receives")
    func nestedSequential() throws {
        let block = try Sequential(inputShape: [4])
        try block.add(Dense(units: 3, activation: .relu))
        let model = try Sequential(inputShape: [5])
        try model.add(block)
        #expect(block.name == "sequential_1")
        #expect(block.typeName == "Sequential")
        #expect(block.inputShape == [5])
        #expect(model.outputShape == [3])
        #expect(model.namedParameters.map(\.name) == ["sequential_1.dense_1.kernel", "sequential_1.dense_1.bias"])
        #expect(model.namedParameters.first?.parameter.tensor.shape == [5, 3])
        #expect(try model(Tensor(zeros: [2, 5]), ForwardContext(training: false)).shape == [2, 3])
    }

    @Test("A failed edit with a container leaves the model as it was")
    func failedEditIsAtomic() throws {
        let model = try residualModel()
        let before = weightSnapshot(model)
        let body = try Sequential(inputShape: [8, 8, 4])
        try body.add(Conv2D(filters: 6, kernelSize: 3, padding: .same))
        let residual = Residual(body)
        #expect(throws: ModelError.residualShape(layer: "residual_2", input: [8, 8, 4], output: [8, 8, 6])) {
            try model.insert(residual, at: 2)
        }
        #expect(residual.name == "")
        #expect(model.layers.count == 4)
        #expect(identical(weightSnapshot(model), before))
    }

    @Test("Automatic names skip names already taken; a duplicate explicit name is refused")
    func uniqueNames() throws {
        let model = try Sequential(inputShape: [4])
        let named = try Dense(units: 3)
        named.name = "dense_1"
        try model.add(named)
        try model.add(Dense(units: 2))
        #expect(model.layers.map(\.name) == ["dense_1", "dense_2"])
        let twin = try Dense(units: 2)
        twin.name = "dense_2"
        #expect(throws: ModelError.duplicateName("dense_2")) { try model.add(twin) }
        #expect(model.layers.count == 2)
    }

    @Test("clone() copies weights deeply: changing the original leaves the copy as it was")
    func cloneIsDeep() throws {
        let model = try residualModel()
        let copy = model.copy()
        #expect(identical(weightSnapshot(copy), weightSnapshot(model)))
        #expect(copy.layers.map(\.name) == model.layers.map(\.name))
        let snapshot = weightSnapshot(copy)
        for (_, p, _) in model.namedParameters { p.tensor.buffer.zero() }
        #expect(identical(weightSnapshot(copy), snapshot))
        for (a, b) in zip(model.namedParameters, copy.namedParameters) {
            #expect(a.parameter.tensor !== b.parameter.tensor)
            #expect(a.parameter.tensor.requiresGrad == b.parameter.tensor.requiresGrad)
        }
    }

    @Test("A copy of a bound model can be a residual body without aliasing the original")
    func residualOfCopy() throws {
        let model = try Sequential(inputShape: [4])
        try model.add(Dense(units: 4, activation: .tanh))
        let outer = try Sequential(inputShape: [4])
        try outer.add(Residual(model.copy()))
        let before = weightSnapshot(outer)
        #expect(outer.namedParameters.map(\.name) == ["residual_1.dense_1.kernel", "residual_1.dense_1.bias"])
        for (_, p, _) in model.namedParameters { p.tensor.buffer.zero() }
        #expect(identical(weightSnapshot(outer), before))
    }

    @Test("Every layer type clones its configuration, name, flag and weights", arguments: 0..<9)
    func cloneEachLayer(_ which: Int) throws {
        let layers: [() throws -> (Layer, [Int])] = [
            { (try Dense(units: 3, activation: .relu), [4]) },
            { (try Conv2D(filters: 2, kernelSize: 3, stride: 2, padding: .same), [5, 5, 2]) },
            { (try BatchNormalization(momentum: 0.9), [3, 3, 2]) },
            { (try LayerNormalization(), [5]) },
            { (try Embedding(vocabulary: 7, dimension: 3), [4]) },
            { (try Pooling2D(.average, size: 2, stride: 1), [4, 4, 2]) },
            { (try Reshape([2, 3]), [6]) },
            { (try Dropout(rate: 0.25), [5]) },
            { (Residual(try Dense(units: 4)), [4]) },
        ]
        let (layer, input) = try layers[which]()
        layer.name = "original"
        var rng = SeededGenerator(seed: 3)
        layer.build(inputShape: input, rng: &rng)
        layer.isTrainable = false
        let copy = layer.clone()
        #expect(type(of: copy) == type(of: layer))
        #expect(copy.name == "original")
        #expect(!copy.isTrainable)
        #expect(copy.configSummary == layer.configSummary)
        #expect(try copy.outputShape(for: input) == layer.outputShape(for: input))
        #expect(copy.parameters.map(\.name) == layer.parameters.map(\.name))
        for (a, b) in zip(layer.parameters, copy.parameters) {
            #expect(a.tensor !== b.tensor)
            #expect(bitIdentical(a.tensor.array, b.tensor.array))
        }
    }

    @Test("A checkpoint of a model with a residual round-trips")
    func checkpointRoundTrip() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = try residualModel()
        let saved = weightSnapshot(model)
        try Checkpoint.save(model, to: folder + "/m.safetensors")
        for (_, p, _) in model.namedParameters { p.tensor.buffer.zero() }
        try Checkpoint.load(model, from: folder + "/m.safetensors")
        #expect(identical(weightSnapshot(model), saved))
    }

    @Test("A block nested 8 deep is planned once per level, not 2^depth times (a fuzzed session took seconds a line)")
    func nestedBlocksArePlannedOnce() throws {
        let counter = PlanCounter()
        var block = try Sequential(inputShape: [4])
        try block.add(counter.layer())
        for _ in 1..<Sequential.maxNesting {
            let outer = try Sequential(inputShape: [4])
            try outer.add(counter.layer())
            try outer.add(block)
            block = outer
        }
        #expect(block.nestingDepth == Sequential.maxNesting)
        let layers = Sequential.maxNesting
        counter.calls = 0
        #expect(try block.outputShape(for: [4]) == [4])
        // Each counting layer answers its shape and its weight count once.
        #expect(counter.calls == 2 * layers, "\(counter.calls) calls for \(layers) layers")
        counter.calls = 0
        #expect(try block.weightCount(inputShape: [4]) == 0)
        #expect(counter.calls == 2 * layers)
        counter.calls = 0
        _ = try block.memory(inputShape: [4], batch: 2)
        // memory asks each level's output shape too: at most depth + 1 plans of a layer, not 2^depth.
        #expect(counter.calls <= 2 * layers * (layers + 1), "\(counter.calls) calls")
    }
}

/// Makes identity layers that count how often their shape or weight count is asked.
final class PlanCounter: @unchecked Sendable {
    var calls = 0
    func layer() -> Layer { Counting(self) }

    final class Counting: Layer {
        var name = ""
        let typeName = "Counting", nameStem = "counting"
        var isTrainable = true
        let counter: PlanCounter
        init(_ counter: PlanCounter) { self.counter = counter }
        var parameters: [Parameter] { [] }
        var configSummary: String { "" }
        func outputShape(for inputShape: [Int]) throws -> [Int] { counter.calls += 1; return inputShape }
        func weightCount(inputShape: [Int]) throws -> Int { counter.calls += 1; return 0 }
        func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor { x }
        func clone() -> Layer {
            let copy = Counting(counter)
            copy.name = name
            return copy
        }
    }
}
