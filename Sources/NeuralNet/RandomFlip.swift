import TensorRuntime

/// Mirrors an image left to right with probability `probability` (Keras's RandomFlip("horizontal")).
///
/// Works on (height, width, channels) examples: pixel (y, x) moves to (y, width - 1 - x), channels kept.
/// Draws exactly one number per example, so the streams of later transforms do not depend on the outcome.
public struct RandomFlip: ExampleTransform, Equatable {
    /// Chance that an example is mirrored, in 0...1.
    public let probability: Float

    /// Throws `TrainingError.invalidArgument` unless `0 <= probability <= 1`.
    public init(probability: Float = 0.5) throws(TrainingError) {
        guard probability >= 0, probability <= 1 else {
            throw .invalidArgument("flip probability \(probability) must be between 0 and 1")
        }
        self.probability = probability
    }

    public var name: String { "random flip" }

    public func check(sampleShape: [Int]) throws(TrainingError) {
        guard sampleShape.count == 3 else {
            throw .transformMismatch(transform: name, shape: sampleShape, expected: "images (height, width, channels)")
        }
    }

    public func apply(_ example: UnsafeMutableBufferPointer<Float>, sampleShape: [Int], generator: inout SeededGenerator) {
        let draw = generator.nextFloat()
        guard draw < probability, sampleShape.count == 3, let base = example.baseAddress else { return }
        let height = sampleShape[0]
        let width = sampleShape[1]
        let channels = sampleShape[2]
        guard example.count >= height * width * channels else { return }
        for y in 0..<height {
            let row = base + y * width * channels
            var left = 0
            var right = width - 1
            while left < right {
                for c in 0..<channels {
                    let a = row[left * channels + c]
                    row[left * channels + c] = row[right * channels + c]
                    row[right * channels + c] = a
                }
                left += 1
                right -= 1
            }
        }
    }
}
