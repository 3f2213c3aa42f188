import Foundation

/// The directions of largest variance of a set of vectors (principal component analysis), to draw
/// high-dimensional vectors (embeddings, codes) in the plane.
///
/// Power iteration on the covariance matrix with deflation, from a fixed start and in a fixed order, so
/// the result depends only on the input (each component's sign is chosen so that its largest entry is
/// positive). O(N·D² + k·iterations·D²) for N vectors of D values.
public struct PrincipalComponents: Sendable {
    /// The mean vector (D).
    public let mean: [Double]
    /// Unit directions (k × D), largest variance first.
    public let components: [[Double]]
    /// The variance along each direction (k).
    public let variances: [Double]
    /// The variance of all D coordinates together, so `variances[i] / totalVariance` is the share explained.
    public let totalVariance: Double

    /// The first `count` components of `rows` (N vectors of D values each, N ≥ 1, D ≥ 1).
    public init(rows: [[Float]], count: Int, iterations: Int = 300) {
        let n = rows.count, d = rows.first?.count ?? 0
        var mean = [Double](repeating: 0, count: d)
        for r in rows { for j in 0..<d { mean[j] += Double(r[j]) } }
        for j in 0..<d { mean[j] /= Double(max(n, 1)) }
        // covariance (D × D)
        var cov = [Double](repeating: 0, count: d * d)
        for r in rows {
            let c = (0..<d).map { Double(r[$0]) - mean[$0] }
            for i in 0..<d { for j in i..<d { cov[i * d + j] += c[i] * c[j] } }
        }
        for i in 0..<d { for j in i..<d { cov[i * d + j] /= Double(max(n - 1, 1)); cov[j * d + i] = cov[i * d + j] } }
        let total = (0..<d).reduce(0.0) { $0 + cov[$1 * d + $1] }
        var components: [[Double]] = [], variances: [Double] = []
        for k in 0..<min(count, d) {
            // A fixed start that is not orthogonal to any axis.
            var v = (0..<d).map { 1.0 + Double(($0 * 7 + k * 3) % 11) / 11.0 }
            var lambda = 0.0
            for _ in 0..<iterations {
                var w = [Double](repeating: 0, count: d)
                for i in 0..<d { var s = 0.0; for j in 0..<d { s += cov[i * d + j] * v[j] }; w[i] = s }
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 1e-300 else { lambda = 0; break }
                v = w.map { $0 / norm }
                lambda = norm
            }
            let biggest = v.indices.max { abs(v[$0]) < abs(v[$1]) } ?? 0
            if v[biggest] < 0 { v = v.map { -$0 } }
            if v.allSatisfy({ $0 == 0 }) || lambda == 0 {
                v = (0..<d).map { $0 == k ? 1 : 0 }
                lambda = 0
            }
            components.append(v)
            variances.append(lambda)
            // deflate: cov -= lambda v vᵀ
            for i in 0..<d { for j in 0..<d { cov[i * d + j] -= lambda * v[i] * v[j] } }
        }
        self.mean = mean
        self.components = components
        self.variances = variances
        self.totalVariance = total
    }

    /// The coordinates of `row` along each component.
    public func project(_ row: [Float]) -> [Double] {
        components.map { c in zip(c, zip(row, mean)).reduce(0.0) { $0 + $1.0 * (Double($1.1.0) - $1.1.1) } }
    }
}
