import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// The decoder layers against Keras's shapes and parameter counts (Conv2DTranspose(F, K) on C channels:
// K·K·C·F + F, kernel (K, K, F, C); UpSampling2D: none), and the VAE's sampling layer and KL term in the
// trainer's loss against a hand computation.

/// Examples whose target is the input itself (an autoencoder's data).
struct ReconstructionArray: TrainingData {
    let sampleShape: [Int]
    let inputs: [Float]
    var count: Int { inputs.count / Shape.count(sampleShape) }
    var targetKind: TargetKind { .values(shape: sampleShape) }
    func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws {
        let size = Shape.count(sampleShape)
        for j in 0..<size { input[j] = inputs[index * size + j] }
    }
    func loadTarget(_ index: Int, into target: UnsafeMutableBufferPointer<Float>) throws { try loadExample(index, into: target) }
}

@Suite("Decoder layers")
struct DecoderLayerTests {
    @Test func kerasShapesAndParameterCounts() throws {
        // A Keras decoder: Dense(7*7*32) -> Reshape -> Conv2DTranspose(16, 3, 2, same) -> UpSampling2D(2)
        // -> Conv2DTranspose(1, 3, padding=same): 14x14x16 with 3*3*32*16+16 = 4,624; 28x28x16 with 0; 28x28x1 with 145.
        let m = try Sequential(inputShape: [2])
        try m.add(Dense(units: 7 * 7 * 32, activation: .relu))
        try m.add(Reshape([7, 7, 32]))
        try m.add(Conv2DTranspose(filters: 16, kernelSize: 3, stride: 2, padding: .same, activation: .relu))
        try m.add(UpSampling2D(size: 2))
        try m.add(Conv2DTranspose(filters: 1, kernelSize: 3, padding: .same, activation: .sigmoid))
        #expect(m.outputShapes == [[1568], [7, 7, 32], [14, 14, 16], [28, 28, 16], [28, 28, 1]])
        #expect(m.layers.map { $0.parameterCount(trainable: true) } == [2 * 1568 + 1568, 0, 4_624, 0, 145])
        #expect(m.layers.map(\.name) == ["dense_1", "reshape_1", "conv2d_transpose_1", "up_sampling2d_1", "conv2d_transpose_2"])
        let t = try #require(m.layers[2] as? Conv2DTranspose)
        #expect(t.kernel?.shape == [3, 3, 16, 32])
        // Valid padding: (H-1)*s + K.
        #expect(try Conv2DTranspose(filters: 4, kernelSize: 3, stride: 2).outputShape(for: [7, 7, 8]) == [15, 15, 4])
        #expect(try Sampling().outputShape(for: [8]) == [4])
    }

    @Test func badInputsAreRefused() {
        #expect(throws: ModelError.self) { try Conv2DTranspose(filters: 0, kernelSize: 3) }
        #expect(throws: ModelError.self) { try UpSampling2D(size: 0) }
        #expect(throws: ModelError.self) { try UpSampling2D(size: 2).outputShape(for: [4]) }
        #expect(throws: ModelError.self) { try UpSampling2D(size: 1 << 30).outputShape(for: [1 << 20, 1 << 20, 1]) }
        #expect(throws: ModelError.self) { try Sampling().outputShape(for: [3]) }
        #expect(throws: ModelError.self) { try Conv2DTranspose(filters: 2, kernelSize: 3).outputShape(for: [4, 4]) }
    }

    @Test func layerGradientsThroughAModel() throws {
        let m = try Sequential(inputShape: [3, 3, 2])
        try m.add(Conv2DTranspose(filters: 2, kernelSize: 3, stride: 2, padding: .same, activation: .tanh))
        try m.add(UpSampling2D(size: 2))
        let x = randomTensor([2, 3, 3, 2], seed: 81)
        let params = m.trainableParameters
        let result = try gradientCheck(inputs: params) { try m.forward(x, ForwardContext(training: false)) }
        #expect(result.passed, "\(result)")
    }

    @Test func reconstructionLossAndKLMatchAHandComputation() throws {
        // encoder dense 4 (2 means, 2 log-variances) -> sampling -> decoder dense 3: evaluate's loss is
        // mean((x̂ - x)²) + w · mean_i(-½ Σ(1 + lv - m² - e^lv)) computed here by hand in Double.
        let m = try Sequential(inputShape: [3])
        try m.add(Dense(units: 4))
        try m.add(Sampling())
        try m.add(Dense(units: 3, activation: .sigmoid))
        let inputs: [Float] = [0.1, 0.5, 0.9, 0.3, 0.2, 0.7]
        let data = ReconstructionArray(sampleShape: [3], inputs: inputs)
        let trainer = Trainer(model: m, loss: .mse, optimizer: OptimizerConfig(kind: .adam), metrics: [], batchSize: 2)
        trainer.klWeight = 0.5
        let x = Tensor(inputs, shape: [2, 3])
        let context = ForwardContext(training: false)
        let code = try m.layers[0].forward(x, context, skipOutputActivation: false).array
        let out = try m.forward(x, context).array
        var mse = 0.0, kl = 0.0
        for i in 0..<6 { mse += pow(Double(out[i] - inputs[i]), 2) / 6 }
        for r in 0..<2 {
            for j in 0..<2 {
                let mean = Double(code[r * 4 + j]), lv = Double(code[r * 4 + 2 + j])
                kl += -0.5 * (1 + lv - mean * mean - Foundation.exp(lv)) / 2
            }
        }
        let evaluated = try trainer.evaluate(data)
        #expect(abs(evaluated.loss - (mse + 0.5 * kl)) < 1e-5)
        // Training reduces the reconstruction loss with the KL term in the graph.
        for _ in 0..<200 { try trainer.trainEpoch(on: data, validation: nil) }
        #expect(try trainer.evaluate(data).loss < evaluated.loss)
    }
}
