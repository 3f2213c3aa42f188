import TensorRuntime

/// Gathers mini-batches from a `TrainingData`: the data pipeline between a data set and the model.
///
/// For each example of a batch, on the shared thread pool (one example per task): load it into its
/// slot of the batch buffer, read its target, then run the transforms on it with the example's own
/// random stream, `SeededGenerator.derived(seed: epochSeed, stream: position)`, where `position` is the
/// example's place in the epoch's order (the index of `indices` in the epoch's permutation). Nothing
/// depends on which thread ran which example, so batches are bit-identical for any thread count, and
/// the same epoch seed and positions give the same batch however the epoch is split into calls.
///
/// ```swift
/// let loader = try BatchLoader(data: train, transforms: [augment])  // e.g. the Notebook's AugmentTransform
/// let order = SeededGenerator.epochPermutation(count: train.count, seed: 42, epoch: 0)
/// let batch = try loader.batch(order[0..<32], epochSeed: 7)   // inputs (32, H, W, C), targets
/// ```
public struct BatchLoader {
    /// Where the examples come from.
    public let data: any TrainingData
    /// Applied in order to every example of a batch (augmentation); empty for evaluation.
    public let transforms: [any ExampleTransform]

    /// Throws `TrainingError.transformMismatch` when a transform cannot work on the data's examples.
    public init(data: any TrainingData, transforms: [any ExampleTransform] = []) throws(TrainingError) {
        for transform in transforms { try transform.check(sampleShape: data.sampleShape) }
        self.data = data
        self.transforms = transforms
    }

    /// The seed of epoch `epoch`'s per-example streams for a trainer seeded with `seed`: the first draw
    /// of its own stream, apart from those of the epoch order and the dropout masks.
    public static func epochSeed(seed: UInt64, epoch: Int) -> UInt64 {
        var generator = SeededGenerator.derived(seed: seed &+ 2, stream: UInt64(truncatingIfNeeded: epoch))
        return generator.next()
    }

    /// Gathers the examples at `indices` (a slice of the epoch's order: its indices are the positions)
    /// into inputs (N, sampleShape...) and targets (class indices (N) or a tensor (N, targetShape...)).
    /// Rethrows the first failure (by position) of `loadExample`, `classIndex` or `loadTarget`.
    /// The input buffer comes from the buffer cache, so batches reuse memory. With `parallel` false the
    /// examples are loaded one after another on the calling thread (a prefetching thread leaves the pool
    /// to the training kernels); the batch is the same either way.
    public func batch(_ indices: ArraySlice<Int>, epochSeed: UInt64 = 0, parallel: Bool = true) throws -> Batch {
        let n = indices.count
        let shape = data.sampleShape
        let size = Shape.count(shape)
        let inputs = Buffer(count: n * size)
        let targetShape = data.targetKind.valueShape
        let targetSize = targetShape.map(Shape.count) ?? 0
        let targetValues = Buffer(count: n * targetSize)
        var labels = [Int32](repeating: 0, count: n)
        var failures = [(any Error)?](repeating: nil, count: n)
        let order = Array(indices)
        let first = indices.startIndex
        let source = data
        let stages = transforms
        labels.withUnsafeMutableBufferPointer { labelSlots in
            failures.withUnsafeMutableBufferPointer { failureSlots in
                func each(_ k: Int) {
                    do {
                        let example = UnsafeMutableBufferPointer(start: inputs.pointer + k * size, count: size)
                        try source.loadExample(order[k], into: example)
                        if targetShape != nil {
                            let target = UnsafeMutableBufferPointer(start: targetValues.pointer + k * targetSize, count: targetSize)
                            try source.loadTarget(order[k], into: target)
                        } else {
                            labelSlots[k] = try source.classIndex(of: order[k])
                        }
                        if !stages.isEmpty {
                            var generator = SeededGenerator.derived(seed: epochSeed, stream: UInt64(truncatingIfNeeded: first + k))
                            for stage in stages { stage.apply(example, sampleShape: shape, generator: &generator) }
                        }
                    } catch {
                        failureSlots[k] = error
                    }
                }
                if parallel {
                    ThreadPool.shared.parallelFor(n, each)
                } else {
                    for k in 0..<n { each(k) }
                }
            }
        }
        for case let failure? in failures { throw failure }
        let x = Tensor(shape: [n] + shape, buffer: inputs)
        if let targetShape {
            return Batch(inputs: x, targets: .values(Tensor(shape: [n] + targetShape, buffer: targetValues)))
        }
        return Batch(inputs: x, targets: .classes(labels))
    }
}
