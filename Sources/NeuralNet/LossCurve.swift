/// The batch losses of a run in bounded memory, for a live chart.
///
/// Up to `capacity` points; each point is the mean loss of `stride` consecutive batches (the last point of
/// the batches so far, possibly fewer). When the points are full and another batch arrives, neighbouring
/// pairs merge into their weighted mean and `stride` doubles, so however long training runs the curve keeps
/// its whole shape in at most `capacity` points, at O(1) amortised cost per batch.
/// Point `i` covers batches `i * stride ..< (i + 1) * stride` (0-based, counting every batch appended).
public struct LossCurve: Sendable, Equatable {
    /// Mean loss per point, oldest first.
    public private(set) var values: [Double] = []
    /// Batches per point (a power of two).
    public private(set) var stride = 1
    /// Batches appended so far.
    public private(set) var count = 0
    /// At most this many points (even, at least 2).
    public let capacity: Int

    /// Points the live panel keeps: more than any terminal chart has columns of dots.
    public static let defaultCapacity = 1024

    public init(capacity: Int = LossCurve.defaultCapacity) {
        self.capacity = max(2, capacity + capacity % 2)
    }

    /// Records one batch's loss.
    public mutating func append(_ loss: Double) {
        let inLast = count - (values.count - 1) * stride
        if let last = values.indices.last, inLast < stride {
            values[last] += (loss - values[last]) / Double(inLast + 1)
        } else {
            if values.count == capacity { halve() }
            values.append(loss)
        }
        count += 1
    }

    /// Where point `i` sits on the batch axis: the middle of the batches it covers (0-based).
    public func batchPosition(_ i: Int) -> Double {
        let first = i * stride
        let last = min((i + 1) * stride, count) - 1
        return Double(first + last) / 2
    }

    /// Merges neighbouring points, all of them full, into their means.
    private mutating func halve() {
        values = Swift.stride(from: 0, to: values.count, by: 2).map { (values[$0] + values[$0 + 1]) / 2 }
        stride *= 2
    }
}
