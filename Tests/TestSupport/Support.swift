import TensorRuntime

// Shared helpers for the test targets: seeded random tensors and comparisons.
// Plain functions that return values; the test files turn them into `#expect`s.

// MARK: - Random inputs

/// A tensor of uniform values in `range`, fixed by `seed`.
public func randomTensor(_ shape: [Int], seed: UInt64, range: ClosedRange<Float> = -1...1,
                         requiresGrad: Bool = false) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    let values = (0..<Shape.count(shape)).map { _ in rng.uniform(range.lowerBound, range.upperBound) }
    return Tensor(values, shape: shape, requiresGrad: requiresGrad)
}

/// A tensor whose values have magnitude in `magnitude` and a random sign: keeps every element away from
/// zero (the kink of abs, relu, the L1 penalty...).
public func randomSignedTensor(_ shape: [Int], seed: UInt64, magnitude: ClosedRange<Float> = 0.1...1,
                               requiresGrad: Bool = false) -> Tensor {
    precondition(magnitude.lowerBound >= 0, "magnitudes are non-negative")
    var rng = SeededGenerator(seed: seed)
    let values: [Float] = (0..<Shape.count(shape)).map { _ in
        let v = rng.uniform(magnitude.lowerBound, magnitude.upperBound)
        return rng.nextFloat() < 0.5 ? -v : v
    }
    return Tensor(values, shape: shape, requiresGrad: requiresGrad)
}

/// A tensor holding a random permutation of `start, start + spacing, start + 2·spacing, ...`: every value
/// is distinct by at least `spacing` (no ties for max pooling's argmax).
public func distinctRandomTensor(_ shape: [Int], seed: UInt64, spacing: Float = 0.1, start: Float? = nil,
                                 requiresGrad: Bool = false) -> Tensor {
    let n = Shape.count(shape)
    let first = start ?? -spacing * Float(n) / 2
    var values = (0..<n).map { first + spacing * Float($0) }
    var rng = SeededGenerator(seed: seed)
    rng.shuffle(&values)
    return Tensor(values, shape: shape, requiresGrad: requiresGrad)
}

/// `count` class labels in 0..<classes, fixed by `seed`.
public func randomLabels(count: Int, classes: Int, seed: UInt64) -> [Int32] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Int32(rng.int(below: classes)) }
}

/// One-hot rows (labels.count, classes) for `labels`.
public func oneHot(_ labels: [Int32], classes: Int) -> Tensor {
    var values = [Float](repeating: 0, count: labels.count * classes)
    for (r, l) in labels.enumerated() { values[r * classes + Int(l)] = 1 }
    return Tensor(values, shape: [labels.count, classes])
}

/// Rows (rows, classes) of positive values that sum to one (soft targets or softmax-like probabilities).
public func randomDistribution(rows: Int, classes: Int, seed: UInt64, floor: Float = 0.05) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    var values = [Float](repeating: 0, count: rows * classes)
    for r in 0..<rows {
        var total: Float = 0
        for j in 0..<classes { let v = rng.uniform(floor, 1); values[r * classes + j] = v; total += v }
        for j in 0..<classes { values[r * classes + j] /= total }
    }
    return Tensor(values, shape: [rows, classes])
}

// MARK: - Comparisons

/// The largest |a[i] - b[i]|; infinity when the counts differ or either side holds a NaN or an infinity
/// where the other does not hold the same value (so `maxAbsDifference(...) <= tol` fails then).
public func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    guard a.count == b.count else { return .infinity }
    var worst: Float = 0
    for (x, y) in zip(a, b) {
        if x == y { continue }                    // equal infinities count as equal
        if x.isNaN || y.isNaN || !x.isFinite || !y.isFinite { return .infinity }
        worst = max(worst, abs(x - y))
    }
    return worst
}

/// The largest |a - b| over two tensors' values; infinity when the shapes differ.
public func maxAbsDifference(_ a: Tensor, _ b: Tensor) -> Float {
    guard a.shape == b.shape else { return .infinity }
    return maxAbsDifference(a.array, b.array)
}

/// Whether every |a[i] - b[i]| <= absolute + relative · max(|a[i]|, |b[i]|) (and the counts match).
public func allClose(_ a: [Float], _ b: [Float], relative: Float = 1e-5, absolute: Float = 1e-5) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) where x != y {
        if !x.isFinite || !y.isFinite { return false }
        if abs(x - y) > absolute + relative * max(abs(x), abs(y)) { return false }
    }
    return true
}

/// Bitwise equality of two arrays (distinguishes -0 from 0 and compares NaN payloads).
public func bitIdentical(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
}
