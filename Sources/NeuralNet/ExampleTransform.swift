import TensorRuntime

/// A per-example transform of training batches (data augmentation): the stage between loading an
/// example and handing the batch to the model.
///
/// The trainer applies its transforms to training batches only (never to evaluation or prediction), in
/// order, on the shared thread pool, one example per task. Each example brings its own random stream,
/// derived from the epoch's seed and the example's position in the epoch's order, so a batch is
/// bit-identical for any thread count and however the epoch is split into calls.
public protocol ExampleTransform: Sendable {
    /// The name used in messages, e.g. "augmentation".
    var name: String { get }
    /// Throws `TrainingError.transformMismatch` when examples of `sampleShape` cannot be transformed.
    func check(sampleShape: [Int]) throws(TrainingError)
    /// Transforms one example (`Shape.count(sampleShape)` floats, row-major) in place, drawing any
    /// randomness from `generator`, the example's own stream.
    func apply(_ example: UnsafeMutableBufferPointer<Float>, sampleShape: [Int], generator: inout SeededGenerator)
}
