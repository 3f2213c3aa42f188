import Foundation
import TensorRuntime

// Recurrent cells written straight from their equations, one example, step and unit at a time, in Double:
// the references the recurrent ops are compared with. Weights in Keras's layout: kernel (D, G·U),
// recurrent (U, G·U), gates side by side (LSTM i, f, c, o; GRU z, r, h).

/// Which cell `recurrentReference` computes.
public enum ReferenceCell: Sendable, CustomStringConvertible {
    case simple, lstm, gru, gruResetBefore
    public var gates: Int { switch self { case .simple: 1; case .lstm: 4; case .gru, .gruResetBefore: 3 } }
    /// Bias rows: GRU with reset_after has an input and a recurrent row.
    public var biasRows: Int { self == .gru ? 2 : 1 }
    public var description: String { "\(self == .simple ? "simple" : self == .lstm ? "lstm" : self == .gru ? "gru" : "gru reset before")" }
}

private func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }

/// Every step's state h (N, T, U) of `cell` over x (N, T, D), tanh as the cell's activation.
public func recurrentReference(_ cell: ReferenceCell, x: Tensor, kernel: Tensor, recurrent: Tensor, bias: Tensor) -> [Float] {
    let n = x.shape[0], steps = x.shape[1], d = x.shape[2], gu = kernel.shape[1], u = gu / cell.gates
    let X = x.array, W = kernel.array, R = recurrent.array, B = bias.array
    var out = [Float](repeating: 0, count: n * steps * u)
    // Column j of x_t·W (plus nothing else), and of state·R.
    func inputPart(_ e: Int, _ t: Int, _ j: Int) -> Double {
        var s = 0.0
        for k in 0..<d { s += Double(X[(e * steps + t) * d + k]) * Double(W[k * gu + j]) }
        return s
    }
    func recurrentPart(_ state: [Double], _ j: Int) -> Double {
        var s = 0.0
        for k in 0..<u { s += state[k] * Double(R[k * gu + j]) }
        return s
    }
    for e in 0..<n {
        var h = [Double](repeating: 0, count: u), c = [Double](repeating: 0, count: u)
        for t in 0..<steps {
            var next = h
            switch cell {
            case .simple:
                for j in 0..<u { next[j] = tanh(inputPart(e, t, j) + recurrentPart(h, j) + Double(B[j])) }
            case .lstm:
                for j in 0..<u {
                    func z(_ gate: Int) -> Double {
                        let col = gate * u + j
                        return inputPart(e, t, col) + recurrentPart(h, col) + Double(B[col])
                    }
                    let i = sigmoid(z(0)), f = sigmoid(z(1)), g = tanh(z(2)), o = sigmoid(z(3))
                    c[j] = f * c[j] + i * g
                    next[j] = o * tanh(c[j])
                }
            case .gru:
                for j in 0..<u {
                    func xh(_ gate: Int) -> Double { inputPart(e, t, gate * u + j) + Double(B[gate * u + j]) }
                    func hh(_ gate: Int) -> Double { recurrentPart(h, gate * u + j) + Double(B[gu + gate * u + j]) }
                    let z = sigmoid(xh(0) + hh(0)), r = sigmoid(xh(1) + hh(1))
                    let candidate = tanh(xh(2) + r * hh(2))
                    next[j] = z * h[j] + (1 - z) * candidate
                }
            case .gruResetBefore:
                var rh = [Double](repeating: 0, count: u)
                for j in 0..<u {
                    rh[j] = sigmoid(inputPart(e, t, u + j) + recurrentPart(h, u + j) + Double(B[u + j])) * h[j]
                }
                for j in 0..<u {
                    let z = sigmoid(inputPart(e, t, j) + recurrentPart(h, j) + Double(B[j]))
                    let candidate = tanh(inputPart(e, t, 2 * u + j) + recurrentPart(rh, 2 * u + j) + Double(B[2 * u + j]))
                    next[j] = z * h[j] + (1 - z) * candidate
                }
            }
            h = next
            for j in 0..<u { out[(e * steps + t) * u + j] = Float(h[j]) }
        }
    }
    return out
}

/// The op for `cell` with tanh (the layers' default).
public func recurrentOp(_ cell: ReferenceCell, x: Tensor, kernel: Tensor, recurrent: Tensor, bias: Tensor) throws -> Tensor {
    switch cell {
    case .simple: try Tensor.simpleRNN(x, kernel: kernel, recurrent: recurrent, bias: bias, activation: .tanh)
    case .lstm: try Tensor.lstm(x, kernel: kernel, recurrent: recurrent, bias: bias, activation: .tanh)
    case .gru: try Tensor.gru(x, kernel: kernel, recurrent: recurrent, bias: bias, activation: .tanh)
    case .gruResetBefore: try Tensor.gruResetBefore(x, kernel: kernel, recurrent: recurrent, bias: bias, activation: .tanh)
    }
}

/// Random x (N, T, D) and weights for `cell` with U units, each requiring a gradient.
public func recurrentInputs(_ cell: ReferenceCell, n: Int, steps: Int, d: Int, u: Int, seed: UInt64)
    -> (x: Tensor, kernel: Tensor, recurrent: Tensor, bias: Tensor) {
    let gu = cell.gates * u
    return (randomTensor([n, steps, d], seed: seed, requiresGrad: true),
            randomTensor([d, gu], seed: seed + 1, range: -0.6...0.6, requiresGrad: true),
            randomTensor([u, gu], seed: seed + 2, range: -0.6...0.6, requiresGrad: true),
            randomTensor(cell.biasRows == 1 ? [gu] : [2, gu], seed: seed + 3, range: -0.5...0.5, requiresGrad: true))
}
