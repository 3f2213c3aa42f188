import Testing
import TensorRuntime
import TestSupport

// Batch normalisation's gamma and beta gradients are sums over every N*H*W row. Summed in Float they lose
// about sqrt(rows) ulps; summed in Double (like the forward statistics) they match a Double reference to
// the rounding of the result.

@Suite("Batch norm precision")
struct BatchNormPrecisionTests {
    @Test("gamma and beta gradients over 128x14x14 rows match a Double reference")
    func parameterGradientsInDouble() throws {
        let shape = [128, 14, 14, 3]
        let c = 3
        let rows = Shape.count(shape) / c
        let x = randomTensor(shape, seed: 7, range: 2...4)
        let gamma = Tensor([1.5, 0.5, -1], shape: [c], requiresGrad: true)
        let beta = Tensor([0.1, -0.2, 0.3], shape: [c], requiresGrad: true)
        // Positive upstream gradients: the sums grow to ~rows, where Float's rounding error accumulates.
        let weights = randomTensor(shape, seed: 8, range: 0.5...1.5)
        let y = try Tensor.batchNorm(x, gamma: gamma, beta: beta, runningMean: Tensor(zeros: [c]),
                                     runningVar: Tensor(repeating: 1, shape: [c]), training: true, momentum: 0.99, epsilon: 1e-3)
        try Tensor.sum(Tensor.mul(y, weights)).backward()

        let xs = x.array
        let gs = weights.array
        let dGamma = gamma.gradArray
        let dBeta = beta.gradArray
        for j in 0..<c {
            var sum = 0.0
            var squares = 0.0
            for r in 0..<rows {
                let v = Double(xs[r * c + j])
                sum += v
                squares += v * v
            }
            let mean = sum / Double(rows)
            let invStd = 1 / (squares / Double(rows) - mean * mean + 1e-3).squareRoot()
            var refGamma = 0.0
            var refBeta = 0.0
            var magnitude = 0.0
            for r in 0..<rows {
                let g = Double(gs[r * c + j])
                let h = (Double(xs[r * c + j]) - mean) * invStd
                refGamma += g * h
                refBeta += g
                magnitude += abs(g * h)
            }
            // A few Float ulps of the terms' magnitude: Double summation stays far inside; Float's does not.
            #expect(abs(Double(dBeta[j]) - refBeta) <= 2e-7 * refBeta, "beta[\(j)]: \(dBeta[j]) vs \(refBeta)")
            #expect(abs(Double(dGamma[j]) - refGamma) <= 2e-7 * magnitude, "gamma[\(j)]: \(dGamma[j]) vs \(refGamma) (magnitude \(magnitude))")
        }
    }
}
