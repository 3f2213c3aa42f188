import Datasets
import NeuralNet
import TensorRuntime

/// The Datasets augmentation kernels as a stage of the trainer's transform pipeline (training batches
/// only, one example per pool task, the example's own stream). Lives here because the Notebook is where
/// NeuralNet and Datasets meet.
public struct AugmentTransform: ExampleTransform {
    public let settings: Augmentation

    public init(_ settings: Augmentation) {
        self.settings = settings
    }

    public var name: String { "augmentation" }

    public func check(sampleShape: [Int]) throws(TrainingError) {
        guard sampleShape.count == 3, sampleShape.allSatisfy({ $0 > 0 }) else {
            throw .transformMismatch(transform: name, shape: sampleShape, expected: "images (height, width, channels)")
        }
    }

    public func apply(_ example: UnsafeMutableBufferPointer<Float>, sampleShape: [Int], generator: inout SeededGenerator) {
        guard sampleShape.count == 3 else { return }
        settings.apply(example, height: sampleShape[0], width: sampleShape[1], channels: sampleShape[2], generator: &generator)
    }
}
