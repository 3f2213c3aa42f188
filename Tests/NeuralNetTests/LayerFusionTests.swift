import Testing
import TensorRuntime
@testable import NeuralNet
import TestSupport

// Which layers a model runs as one op, and that running them so changes nothing but the speed: the model's
// forward and gradients against the layers called one by one, and the profile's rows for a fused pair.

/// A model on 13x11x2 images with `layers` (built in order).
private func model(_ layers: [Layer], input: [Int] = [13, 11, 2]) throws -> Sequential {
    let m = try Sequential(inputShape: input, seed: 5)
    for layer in layers { try m.add(layer) }
    return m
}

@Suite struct LayerFusionTests {
    @Test func seedCNNFusesBothConvolutionsWithTheirPooling() throws {
        let units = LayerFusion.units(try Sequential.seedCNN().layers)
        #expect(units == [0..<2, 2..<4, 4..<5, 5..<6, 6..<7])
    }

    @Test(arguments: [
        ("conv relu + maxpool 2", true),
        ("conv linear + maxpool 3", true),
        ("conv sigmoid + maxpool 2", false),
        ("conv relu + avgpool 2", false),
        ("conv relu + maxpool 2 stride 1", false),
        ("conv relu + maxpool 2 same", false),
        ("conv relu + batchnorm + maxpool 2", false),
        ("maxpool 2 + conv relu", false),
    ])
    func whichPairsFuse(_ description: String, fuses: Bool) throws {
        let layers: [Layer]
        switch description {
        case "conv relu + maxpool 2": layers = [try Conv2D(filters: 3, kernelSize: 3, activation: .relu), try Pooling2D(.max, size: 2)]
        case "conv linear + maxpool 3": layers = [try Conv2D(filters: 3, kernelSize: 3), try Pooling2D(.max, size: 3)]
        case "conv sigmoid + maxpool 2": layers = [try Conv2D(filters: 3, kernelSize: 3, activation: .sigmoid), try Pooling2D(.max, size: 2)]
        case "conv relu + avgpool 2": layers = [try Conv2D(filters: 3, kernelSize: 3, activation: .relu), try Pooling2D(.average, size: 2)]
        case "conv relu + maxpool 2 stride 1":
            layers = [try Conv2D(filters: 3, kernelSize: 3, activation: .relu), try Pooling2D(.max, size: 2, stride: 1)]
        case "conv relu + maxpool 2 same":
            layers = [try Conv2D(filters: 3, kernelSize: 3, activation: .relu), try Pooling2D(.max, size: 2, padding: .same)]
        case "conv relu + batchnorm + maxpool 2":
            layers = [try Conv2D(filters: 3, kernelSize: 3, activation: .relu), try BatchNormalization(), try Pooling2D(.max, size: 2)]
        default: layers = [try Pooling2D(.max, size: 2), try Conv2D(filters: 3, kernelSize: 3, activation: .relu)]
        }
        let m = try model(layers)
        #expect((LayerFusion.units(m.layers).first == 0..<2) == fuses)
        #expect(LayerFusion.units(m.layers).flatMap { Array($0) } == Array(0..<m.layers.count))
    }

    @Test(arguments: [true, false])
    func fusedForwardAndGradientsMatchTheLayersOneByOne(relu: Bool) throws {
        // 13x11 -> 11x9 -> pool 2: the last row and column of the convolution are outside every window.
        let fused = try model([try Conv2D(filters: 5, kernelSize: 3, activation: relu ? .relu : .linear), try Pooling2D(.max, size: 2),
                               try Conv2D(filters: 6, kernelSize: 2, activation: .relu), try Pooling2D(.max, size: 2),
                               Flatten(), try Dense(units: 3, activation: .softmax)])
        let separate = fused.copy()
        #expect(LayerFusion.units(fused.layers).prefix(2) == [0..<2, 2..<4])
        let x = randomTensor([6, 13, 11, 2], seed: 9)
        let context = ForwardContext(training: true)
        let y = try fused.forward(x, context)
        var h = x
        for layer in separate.layers { h = try layer.forward(h, context, skipOutputActivation: false) }
        #expect(y.shape == h.shape)
        #expect(allClose(y.array, h.array, relative: 1e-5, absolute: 1e-6))
        try projectToScalar(y).backward()
        try projectToScalar(h).backward()
        for (a, b) in zip(fused.trainableParameters, separate.trainableParameters) {
            #expect(allClose(a.gradArray, b.gradArray, relative: 1e-4, absolute: 1e-5))
            #expect(a.gradArray.contains { $0 != 0 })
        }
    }

    @Test func theProfileShowsAFusedPairAsOneRowAndAFusedRow() throws {
        let m = try tinyCNN()
        let trainer = Trainer(model: m, loss: .sparse_categorical_crossentropy, optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01),
                              batchSize: 16, seed: 42)
        let profile = try Profiler.profile(trainer, on: try smallShapes(), batch: 16, steps: 2)
        #expect(profile.rows.map(\.name) == m.layers.map(\.name) + ["loss", "optimizer", "data", "other"])
        let pool = profile.rows[1]
        #expect(pool.fusedInto == m.layers[0].name)
        #expect(pool.seconds == 0 && pool.work == nil)
        #expect(profile.rows[0].fusedInto == nil && profile.rows[0].seconds > 0)
        // 12x12 -> 10x10 -> pool 2 uses every output: the pair's work is the convolution's plus the pooling's FLOPs.
        let conv = try m.layers[0].work(inputShape: m.inputShape, batch: 16).withoutInputGradient
        let pooling = try m.layers[1].work(inputShape: m.outputShapes[0], batch: 16)
        #expect(profile.rows[0].work?.forwardFLOPs == conv.forwardFLOPs + pooling.forwardFLOPs)
        let table = ProfileTable(profile)
        #expect(table.rows[1] == [m.layers[1].name, "fused", "fused", "-", "-", "-", "-"])
        #expect(table.footer.last == "one op each (times and work on the first row): \(m.layers[0].name) + \(m.layers[1].name)")
    }

    @Test func aFusedConvolutionCountsOnlyTheOutputsItComputes() throws {
        // 11x9 outputs, 5x4 windows of 2x2: 80 of 99 outputs are computed.
        let m = try model([try Conv2D(filters: 5, kernelSize: 3, activation: .relu), try Pooling2D(.max, size: 2)])
        let works = [try m.layers[0].work(inputShape: m.inputShape, batch: 4), try m.layers[1].work(inputShape: m.outputShapes[0], batch: 4)]
        let unit = LayerFusion.work(m.layers, unit: 0..<2, works: works, inputShape: m.inputShape)
        #expect(unit.forwardFLOPs == Int(Double(works[0].forwardFLOPs) * 80 / 99) + works[1].forwardFLOPs)
        #expect(unit.bytes == Int(Double(works[0].bytes) * 80 / 99))
    }
}
