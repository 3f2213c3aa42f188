import TensorRuntime
import NeuralNet

/// A test transform: mirrors an image left to right with probability `probability`, so the tests of the
/// transform stage (`BatchLoader`, the trainer's prefetch) have a random transform whose every change is
/// visible. Production augmentation is the Notebook's `AugmentTransform`; NeuralNet itself has none.
///
/// Works on (height, width, channels) examples: pixel (y, x) moves to (y, width - 1 - x), channels kept.
/// Draws exactly one number per example, so the streams of later transforms do not depend on the outcome.
struct FlipTransform: ExampleTransform {
    /// Chance that an example is mirrored, in 0...1.
    var probability: Float = 0.5

    var name: String { "random flip" }

    func check(sampleShape: [Int]) throws(TrainingError) {
        guard sampleShape.count == 3 else {
            throw .transformMismatch(transform: name, shape: sampleShape, expected: "images (height, width, channels)")
        }
    }

    func apply(_ example: UnsafeMutableBufferPointer<Float>, sampleShape: [Int], generator: inout SeededGenerator) {
        let draw = generator.nextFloat()
        guard draw < probability, sampleShape.count == 3, let base = example.baseAddress else { return }
        let height = sampleShape[0]
        let width = sampleShape[1]
        let channels = sampleShape[2]
        guard example.count >= height * width * channels else { return }
        for y in 0..<height {
            let row = base + y * width * channels
            for x in 0..<(width / 2) {
                for c in 0..<channels {
                    let left = x * channels + c
                    let right = (width - 1 - x) * channels + c
                    (row[left], row[right]) = (row[right], row[left])
                }
            }
        }
    }
}
