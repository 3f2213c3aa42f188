import Foundation
import Testing
import TensorRuntime
import Datasets
import NeuralNet
import TestSupport

// The seed CNN on real Fashion-MNIST images, quantised to int8: the accuracy measured with the int8
// forward pass against the float one. Skipped (visibly) without the Debian data set.

@Suite("Compression on Fashion-MNIST")
struct CompressionFashionTests {
    @Test("int8 (per channel, 256 calibration images) scores within 1 point of float on 500 test images",
          .enabled(if: FashionMNISTTrainingTests.available, "needs Fashion-MNIST in /usr/share/datasets/fashion-mnist"),
          .timeLimit(.minutes(3)))
    func int8AccuracyWithinOnePoint() throws {
        let (trainImages, testImages) = try FashionMNIST.load(directory: FashionMNIST.debianDirectory, subset: 2000, testSubset: 500)
        let train = ArrayData(trainImages), test = ArrayData(testImages)
        let model = try Sequential.seedCNN()
        let trainer = Trainer(model: model, loss: .sparse_categorical_crossentropy,
                              optimizer: OptimizerConfig(kind: .adam, learningRate: 1e-3), batchSize: 32, seed: 1)
        _ = try trainer.trainEpoch(on: train, validation: nil)
        let float = try #require(try trainer.evaluate(test).metrics["accuracy"])
        let calibration = Tensor(Array(train.inputs.prefix(256 * 784)), shape: [256, 28, 28, 1])
        try model.quantize(.channel, calibration: [calibration])
        let int8 = try #require(try trainer.evaluate(test).metrics["accuracy"])
        let difference = abs(int8 - float)
        #expect(float > 0.6, "float accuracy \(float)")
        #expect(difference <= 0.01, "int8 \(int8) vs float \(float): \(difference * 100) points")
        // The int8 path really ran: the predictions' probabilities differ from float's somewhere.
        let q = try trainer.predict(test, indices: Array(0..<20)).array
        model.quantization = nil
        #expect(!bitIdentical(q, try trainer.predict(test, indices: Array(0..<20)).array))
    }
}
