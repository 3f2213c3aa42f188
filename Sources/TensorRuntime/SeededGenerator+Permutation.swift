extension SeededGenerator {
    /// The order in which epoch `epoch` visits `count` examples: a permutation of `0..<count`.
    ///
    /// A Fisher-Yates shuffle drawn from `derived(seed: seed, stream: UInt64(truncatingIfNeeded: epoch))`,
    /// so the order depends only on (count, seed, epoch): reproducible, different between epochs, and
    /// computable for any epoch without replaying earlier ones. Without `shuffle` it is 0, 1, ..., count-1.
    /// The trainer orders every epoch with this one function. O(count) time and memory;
    /// a negative `count` gives an empty order.
    public static func epochPermutation(count: Int, seed: UInt64, epoch: Int, shuffle: Bool = true) -> [Int] {
        var order = Array(0..<Swift.max(0, count))
        if shuffle {
            var generator = SeededGenerator.derived(seed: seed, stream: UInt64(truncatingIfNeeded: epoch))
            generator.shuffle(&order)
        }
        return order
    }
}
