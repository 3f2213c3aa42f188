import Foundation
import Testing
import TensorRuntime
import Datasets
import NeuralNet

// Real data: the seed CNN on the first Fashion-MNIST images. Skipped (visibly) without the Debian data set.

@Suite("Fashion-MNIST")
struct FashionMNISTTrainingTests {
    static let available = FileManager.default.fileExists(atPath: FashionMNIST.debianDirectory + "/train-images-idx3-ubyte.gz")
        || FileManager.default.fileExists(atPath: FashionMNIST.debianDirectory + "/train-images-idx3-ubyte")

    @Test("The seed CNN trained 1 epoch on 3,000 images scores > 0.6 on 1,000 test images (chance 0.1)",
          .enabled(if: available, "needs Fashion-MNIST in /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist)"),
          .timeLimit(.minutes(2)))
    func seedCNNLearns() throws {
        let (trainImages, testImages) = try FashionMNIST.load(directory: FashionMNIST.debianDirectory, subset: 3000, testSubset: 1000)
        #expect(trainImages.count == 3000 && testImages.count == 1000)
        let train = ArrayData(trainImages)
        let test = ArrayData(testImages)
        let model = try Sequential.seedCNN()
        let trainer = Trainer(model: model, loss: .sparse_categorical_crossentropy,
                              optimizer: OptimizerConfig(kind: .adam, learningRate: 1e-3), batchSize: 32, seed: 1)
        let record = try #require(try trainer.trainEpoch(on: train, validation: nil))
        #expect(record.samples == 3000 && trainer.batchLosses.count == 94)
        let (loss, metrics) = try trainer.evaluate(test)
        let accuracy = try #require(metrics["accuracy"])
        #expect(accuracy > 0.6, "test accuracy \(accuracy), loss \(loss)")
        #expect(loss < 1.2, "test loss \(loss) (chance: ln 10 = 2.30)")
    }
}
