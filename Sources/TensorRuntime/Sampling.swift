// A variational autoencoder's two ops: the reparameterised sample and the KL divergence to N(0, I).
// Both read x (N, 2Z): the means in columns 0..<Z, the log-variances in columns Z..<2Z.

extension Tensor {
    /// x (N, 2Z) = [mean | log-variance], eps (N, Z) -> z (N, Z) = mean + exp(logvar / 2) · eps.
    /// Backward: dmean = dz, dlogvar = dz · exp(logvar / 2) · eps / 2 (eps is a constant).
    public static func reparameterize(_ x: Tensor, noise eps: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] % 2 == 0, x.shape[1] > 0 else {
            throw TensorError.badShape(op: "sampling", shape: x.shape, expected: "(batch, 2Z): Z means then Z log-variances")
        }
        let n = x.shape[0], z = x.shape[1] / 2
        guard eps.shape == [n, z] else { throw TensorError.shapeMismatch(op: "sampling noise", lhs: [n, z], rhs: eps.shape) }
        let out = Buffer(count: n * z)
        let X = x.buffer.pointer, E = eps.buffer.pointer, Y = out.pointer
        for i in 0..<n {
            for j in 0..<z { Y[i * z + j] = X[i * 2 * z + j] + FixedMath.exp(0.5 * X[i * 2 * z + z + j]) * E[i * z + j] }
        }
        return make([n, z], out, inputs: [x]) { t in
            guard let grad = t.grad else { return }
            let G = grad.pointer, DX = x.gradPointer()
            for i in 0..<n {
                for j in 0..<z {
                    let g = G[i * z + j]
                    DX[i * 2 * z + j] += g
                    DX[i * 2 * z + z + j] += g * 0.5 * FixedMath.exp(0.5 * X[i * 2 * z + z + j]) * E[i * z + j]
                }
            }
        }
    }

    /// x (N, 2Z) = [mean | log-variance] -> the scalar KL(N(mean, exp(logvar)) || N(0, I)) averaged over the
    /// batch: (1/N) Σ_i -½ Σ_j (1 + logvar - mean² - exp(logvar)), summed in Double (exp is `FixedMath`'s).
    /// Backward: dmean = mean / N, dlogvar = (exp(logvar) - 1) / (2N).
    public static func gaussianKL(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] % 2 == 0, x.shape[1] > 0, x.shape[0] > 0 else {
            throw TensorError.badShape(op: "kl", shape: x.shape, expected: "(batch, 2Z): Z means then Z log-variances")
        }
        let n = x.shape[0], z = x.shape[1] / 2
        let X = x.buffer.pointer
        var total = 0.0
        for i in 0..<n {
            for j in 0..<z {
                let m = Double(X[i * 2 * z + j]), lv = Double(X[i * 2 * z + z + j])
                total += -0.5 * (1 + lv - m * m - Double(FixedMath.exp(X[i * 2 * z + z + j])))
            }
        }
        let out = Buffer(count: 1)
        out.pointer[0] = Float(total / Double(n))
        return make([], out, inputs: [x]) { t in
            guard let grad = t.grad else { return }
            let g = grad.pointer[0] / Float(n), DX = x.gradPointer()
            for i in 0..<n {
                for j in 0..<z {
                    DX[i * 2 * z + j] += g * X[i * 2 * z + j]
                    DX[i * 2 * z + z + j] += g * 0.5 * (FixedMath.exp(X[i * 2 * z + z + j]) - 1)
                }
            }
        }
    }
}
