import TensorRuntime

/// Plans mini-batches: which example indices go into each batch of each epoch.
///
/// With `shuffle`, epoch `e` visits the examples in the order of `SeededGenerator.epochPermutation`
/// (a Fisher-Yates permutation drawn from `SeededGenerator.derived(seed: seed, stream: UInt64(e))`, the
/// same function the trainer uses), so an epoch's order depends only on (count, seed, e) — reproducible,
/// different between epochs, and computable for any epoch without replaying earlier ones. Without
/// `shuffle` every epoch is 0, 1, ..., count-1.
///
/// Batches are consecutive ranges of positions in that order: `batchSize` each, the last one smaller
/// when `count` is not a multiple (or left out when `dropLast` is set). A batch size larger than `count`
/// gives one batch of every example; no arithmetic here overflows, even for `batchSize == Int.max`.
///
/// ```swift
/// let batcher = try Batcher(count: data.count, batchSize: 64, shuffle: true, seed: 7)
/// for epoch in 0..<epochs {
///     let order = batcher.permutation(epoch: epoch)
///     for range in batcher.batchRanges { data.fill(indices: order[range], pixels: x, labels: y) }
/// }
/// ```
public struct Batcher: Sendable, Equatable {
    /// Number of examples.
    public let count: Int
    /// Examples per full batch.
    public let batchSize: Int
    /// Whether epochs use a seeded permutation rather than the identity.
    public let shuffle: Bool
    /// Seed of the per-epoch permutations.
    public let seed: UInt64
    /// Whether a final batch smaller than `batchSize` is left out.
    public let dropLast: Bool

    /// Throws `DatasetError.invalidArgument` when `count` is negative or `batchSize` is not positive.
    public init(count: Int, batchSize: Int, shuffle: Bool = true, seed: UInt64 = 0,
                dropLast: Bool = false) throws(DatasetError) {
        guard count >= 0 else { throw .invalidArgument("example count \(count) must not be negative") }
        guard batchSize > 0 else { throw .invalidArgument("batch size \(batchSize) must be positive") }
        self.count = count
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
        self.dropLast = dropLast
    }

    /// Batches per epoch: `count / batchSize`, plus one for a partial batch unless `dropLast`.
    public var batchesPerEpoch: Int {
        let full = count / batchSize
        return dropLast || count % batchSize == 0 ? full : full + 1
    }

    /// Examples visited per epoch (`count`, less the dropped remainder when `dropLast`).
    public var examplesPerEpoch: Int {
        dropLast ? count - count % batchSize : count
    }

    /// The order in which epoch `epoch` visits the examples: a permutation of `0..<count`.
    /// O(count) time and memory.
    public func permutation(epoch: Int) -> [Int] {
        SeededGenerator.epochPermutation(count: count, seed: seed, epoch: epoch, shuffle: shuffle)
    }

    /// Position ranges into a permutation, one per batch, in order; the same for every epoch.
    /// `batchesPerEpoch` elements.
    public var batchRanges: [Range<Int>] {
        (0..<batchesPerEpoch).map { b in
            let start = b * batchSize
            return start..<(start + min(batchSize, count - start))
        }
    }

    /// The example indices of every batch of epoch `epoch`, as slices of `permutation(epoch:)`.
    public func batches(epoch: Int) -> [ArraySlice<Int>] {
        let order = permutation(epoch: epoch)
        return batchRanges.map { order[$0] }
    }
}
