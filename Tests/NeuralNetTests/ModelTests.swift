import Foundation
import Testing
import TensorRuntime
import Datasets
import NeuralNet
import TestSupport

// The model summary (the seed CNN's Keras numbers) and model editing: all-or-nothing edits that keep
// the weights of layers whose input did not change, and freezing.

@Suite("Summary")
struct SummaryTests {
    @Test("The seed CNN on 28x28x1 has Keras's names, shapes and parameter counts")
    func seedCNN() throws {
        let m = try Sequential.seedCNN()
        let s = m.summary
        #expect(s.rows.map(\.name) == ["conv2d_1", "max_pooling2d_1", "conv2d_2", "max_pooling2d_2", "flatten_1", "dense_1", "dense_2"])
        #expect(s.rows.map(\.type) == ["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"])
        #expect(s.rows.map(\.outputShape) == [[26, 26, 32], [13, 13, 32], [11, 11, 64], [5, 5, 64], [1600], [128], [10]])
        #expect(s.rows.map(\.parameters) == [320, 0, 18496, 0, 0, 204928, 1290])
        #expect(s.total == 225_034)
        #expect(s.trainable == 225_034 && s.nonTrainable == 0)
        #expect(ModelSummary.grouped(s.total) == "225,034")
        #expect(s.bytes == 900_136)
        #expect(ModelSummary.memory(s.bytes) == "879.04 KB")
        #expect(ModelSummary.describe([26, 26, 32]) == "(None, 26, 26, 32)")
        #expect(m.outputShape == [10])
        #expect(m.finalActivation == .softmax)
        #expect(m.trainableParameters.reduce(0) { $0 + $1.count } == 225_034)
    }

    @Test("BatchNormalization counts 2C trainable and 2C non-trainable weights", arguments: [1, 8, 32])
    func batchNormCounts(_ channels: Int) throws {
        let m = try Sequential(inputShape: [6, 6, 1])
        try m.add(Conv2D(filters: channels, kernelSize: 3))
        try m.add(BatchNormalization())
        let row = m.summary.rows[1]
        #expect(row.name == "batch_normalization_1" && row.type == "BatchNormalization")
        #expect(row.parameters == 4 * channels)
        let conv = 9 * channels + channels
        #expect(m.summary.trainable == conv + 2 * channels)
        #expect(m.summary.nonTrainable == 2 * channels)
        #expect(m.namedParameters.map(\.name).suffix(4) == ["batch_normalization_1.gamma", "batch_normalization_1.beta",
                                                           "batch_normalization_1.moving_mean", "batch_normalization_1.moving_variance"])
    }

    @Test("Names count per kind; a given name is kept")
    func naming() throws {
        let m = try Sequential(inputShape: [8])
        try m.add(Dense(units: 4)); try m.add(Dropout(rate: 0.1)); try m.add(Dense(units: 4))
        let named = try Dense(units: 2); named.name = "head"
        try m.add(named)
        try m.add(ActivationLayer(.softmax))
        #expect(m.layers.map(\.name) == ["dense_1", "dropout_1", "dense_2", "head", "activation_1"])
        #expect(try m.index(of: "head") == 3)
        let error = thrownError { _ = try m.index(of: "dense_9") }
        #expect(error as? ModelError == .unknownLayer("dense_9", known: ["dense_1", "dropout_1", "dense_2", "head", "activation_1"]))
    }
}

@Suite("Model editing")
struct ModelEditingTests {
    /// input 8x8x1: conv2d_1 (6,6,4), max_pooling2d_1 (3,3,4).
    private func smallImageModel() throws -> Sequential {
        let m = try Sequential(inputShape: [8, 8, 1], seed: 3)
        try m.add(Conv2D(filters: 4, kernelSize: 3, activation: .relu))
        try m.add(Pooling2D(.max, size: 2))
        return m
    }

    private struct State: Equatable {
        let names: [String], shapes: [[Int]], types: [String]
        init(_ m: Sequential) { names = m.layers.map(\.name); shapes = m.outputShapes; types = m.layers.map(\.typeName) }
    }

    /// Checks that `edit` throws a shape mismatch whose message names `mentions`, and changes nothing.
    private func expectRejected(_ m: Sequential, mentions: [String], _ edit: () throws -> Void) {
        let before = State(m), weights = weightSnapshot(m)
        let error = thrownError(edit)
        guard case .shapeMismatch? = error as? ModelError else {
            Issue.record("expected ModelError.shapeMismatch, got \(String(describing: error))"); return
        }
        let message = "\(error!)"
        for s in mentions { #expect(message.contains(s), "'\(message)' should mention \(s)") }
        #expect(State(m) == before)
        #expect(identical(weightSnapshot(m), weights), "a rejected edit changed weights")
    }

    @Test("conv2d 5x5 on a 3x3 input is rejected, naming both shapes; nothing changes")
    func convTooBig() throws {
        let m = try smallImageModel()
        let conv = try Conv2D(filters: 2, kernelSize: 5)
        expectRejected(m, mentions: ["(3, 3, 4)", "5x5", "conv2d"]) { try m.add(conv) }
        #expect(conv.name == "", "the rejected layer's automatic name is taken back")
        try m.add(Conv2D(filters: 2, kernelSize: 2))
        #expect(m.layers.last?.name == "conv2d_2", "a rejected layer uses no name")
        #expect(m.outputShape == [2, 2, 2])
    }

    @Test("dense after a rank-3 output works per position; conv2d after flatten is rejected")
    func denseAndFlatten() throws {
        let m = try smallImageModel()
        try m.add(Dense(units: 5))
        #expect(m.outputShape == [3, 3, 5])
        try m.add(Flatten())
        #expect(m.outputShape == [45])
        expectRejected(m, mentions: ["(45)", "image"]) { try m.add(Conv2D(filters: 2, kernelSize: 1)) }
        expectRejected(m, mentions: ["(45)"]) { try m.add(Pooling2D(.max)) }
        expectRejected(m, mentions: ["(45)"]) { try m.add(GlobalAveragePooling2D()) }
        expectRejected(m, mentions: ["(45)", "(4, 4)"]) { try m.add(Reshape([4, 4])) }
    }

    @Test("An insert, remove or replace that breaks a later layer is rejected, naming that layer")
    func downstreamBreaks() throws {
        let m = try Sequential(inputShape: [16], seed: 4)
        try m.add(Reshape([4, 4, 1]))
        try m.add(Conv2D(filters: 3, kernelSize: 3))     // (2, 2, 3)
        try m.add(Flatten())
        try m.add(Dense(units: 2, activation: .softmax))
        expectRejected(m, mentions: ["conv2d_1", "(16)"]) { try m.remove(at: 0) }
        expectRejected(m, mentions: ["conv2d_1", "(2, 2, 1)"]) { try m.insert(Pooling2D(.max, size: 2), at: 1) }
        expectRejected(m, mentions: ["conv2d_1", "(2, 8)"]) { try m.replace(at: 0, with: Reshape([2, 8])) }
        #expect(throws: ModelError.indexOutOfRange(5, count: 4)) { try m.remove(at: 4) }
        #expect(throws: ModelError.indexOutOfRange(6, count: 4)) { try m.insert(Flatten(), at: 5) }
    }

    /// conv2d_1 -> maxpool -> conv2d_2 (same) -> flatten -> dense_1 -> dense_2, trained for a few batches.
    private func trainedModel() throws -> Sequential {
        let m = try Sequential(inputShape: [12, 12, 1], seed: 5)
        try m.add(Conv2D(filters: 4, kernelSize: 3, activation: .relu))
        try m.add(Pooling2D(.max, size: 2))
        try m.add(Conv2D(filters: 4, kernelSize: 3, padding: .same, activation: .relu))
        try m.add(Flatten())
        try m.add(Dense(units: 8, activation: .relu))
        try m.add(Dense(units: 4, activation: .softmax))
        let trainer = Trainer(model: m, loss: .sparse_categorical_crossentropy, optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01), batchSize: 16)
        try trainer.trainBatches(3, on: try smallShapes(count: 64), validation: nil)
        return m
    }

    @Test("insert keeps every layer's trained weights when shapes do not change")
    func insertKeepsWeights() throws {
        let m = try trainedModel()
        let before = weightSnapshot(m)
        try m.insert(Dropout(rate: 0.2), at: 1)
        try m.insert(Conv2D(filters: 4, kernelSize: 3, padding: .same), at: 3)   // (5,5,4) -> (5,5,4)
        #expect(m.layers.map(\.name) == ["conv2d_1", "dropout_1", "max_pooling2d_1", "conv2d_3", "conv2d_2", "flatten_1", "dense_1", "dense_2"])
        let after = weightSnapshot(m)
        for (name, values) in before { #expect(after[name].map { bitIdentical($0, values) } == true, "\(name) changed") }
        #expect(after.count == before.count + 2)
    }

    @Test("replace and remove rebuild only layers whose input changed")
    func replaceAndRemove() throws {
        let m = try trainedModel()
        let before = weightSnapshot(m)
        // dense_1 with 6 units: dense_2's input goes from 8 to 6 features, so it is rebuilt; the rest keep theirs.
        try m.replace(at: 4, with: Dense(units: 6, activation: .relu))
        var after = weightSnapshot(m)
        #expect(m.layers.map(\.name) == ["conv2d_1", "max_pooling2d_1", "conv2d_2", "flatten_1", "dense_3", "dense_2"])
        for name in ["conv2d_1.kernel", "conv2d_1.bias", "conv2d_2.kernel", "conv2d_2.bias"] {
            #expect(bitIdentical(after[name] ?? [], before[name] ?? []), "\(name) changed")
        }
        #expect(after["dense_2.kernel"]?.count == 24)
        #expect(after["dense_1.kernel"] == nil)
        // Removing the pooling changes flatten's size: dense_3 is rebuilt, dense_2 (same input) keeps its weights.
        let dense2 = after["dense_2.kernel"] ?? [], dense3 = after["dense_3.kernel"] ?? []
        try m.remove(at: 1)
        after = weightSnapshot(m)
        #expect(m.outputShapes == [[10, 10, 4], [10, 10, 4], [400], [6], [4]])
        #expect(bitIdentical(after["dense_2.kernel"] ?? [], dense2))
        #expect(after["dense_3.kernel"]?.count == 400 * 6 && after["dense_3.kernel"] != dense3)
        #expect(bitIdentical(after["conv2d_2.kernel"] ?? [], before["conv2d_2.kernel"] ?? []))
    }

    @Test("A frozen layer leaves trainableParameters, and a training step does not change it")
    func freeze() throws {
        let m = try trainedModel()
        try m.setTrainable(false, at: 0)
        let frozen = Set(m.layers[0].parameters.map { ObjectIdentifier($0.tensor) })
        #expect(m.trainableParameters.allSatisfy { !frozen.contains(ObjectIdentifier($0)) })
        #expect(m.trainableParameters.count == 6)
        #expect(m.summary.rows[0].trainable == false)
        #expect(m.summary.nonTrainable == 40)
        let before = weightSnapshot(m)
        let trainer = Trainer(model: m, loss: .sparse_categorical_crossentropy, optimizer: OptimizerConfig(kind: .sgd, learningRate: 0.1), batchSize: 16)
        try trainer.trainBatches(2, on: try smallShapes(count: 64), validation: nil)
        let after = weightSnapshot(m)
        #expect(bitIdentical(after["conv2d_1.kernel"]!, before["conv2d_1.kernel"]!))
        #expect(bitIdentical(after["conv2d_1.bias"]!, before["conv2d_1.bias"]!))
        #expect(!bitIdentical(after["conv2d_2.kernel"]!, before["conv2d_2.kernel"]!), "unfrozen layers still train")
        try m.setTrainable(true, at: 0)
        #expect(m.trainableParameters.count == 8)
        try trainer.trainBatches(1, on: try smallShapes(count: 64), validation: nil)
        #expect(!bitIdentical(weightSnapshot(m)["conv2d_1.kernel"]!, before["conv2d_1.kernel"]!), "unfreezing resumes updates")
        #expect(throws: ModelError.self) { try m.setTrainable(false, at: 9) }
    }
}
