// Loss ops: each returns a scalar (the mean over the batch) and carries its own gradient.

extension Tensor {
    /// Clip used when a loss reads probabilities (Keras's epsilon).
    public static let probabilityEpsilon: Float = 1e-7

    /// Sparse categorical cross-entropy on logits (N, C) with softmax fused: mean of logsumexp(x) - x[label].
    /// Backward: (softmax(x) - onehot) / N.
    public static func softmaxCrossEntropy(logits: Tensor, labels: [Int32]) throws -> Tensor {
        try crossEntropy(logits: logits, count: labels.count, op: "sparse_categorical_crossentropy") { r, c, probs in
            let l = Int(labels[r])
            guard l >= 0 && l < c else { throw TensorError.badArgument(op: "sparse_categorical_crossentropy", message: "label \(l) outside 0..<\(c)") }
            return [(l, 1)]
        }
    }

    /// Categorical cross-entropy on logits (N, C) against target distributions (N, C) (one-hot or soft).
    public static func softmaxCrossEntropy(logits: Tensor, targets: Tensor) throws -> Tensor {
        guard targets.shape == logits.shape else { throw TensorError.shapeMismatch(op: "categorical_crossentropy", lhs: logits.shape, rhs: targets.shape) }
        let c = logits.shape.last ?? 0
        return try crossEntropy(logits: logits, count: logits.count / max(c, 1), op: "categorical_crossentropy") { r, c, _ in
            (0..<c).compactMap { j in let t = targets.buffer.pointer[r * c + j]; return t != 0 ? (j, t) : nil }
        }
    }

    /// Shared body: targets(row, classes, probs) lists (class, weight) pairs of the row's target distribution.
    private static func crossEntropy(logits: Tensor, count: Int, op: String,
                                     targets: (Int, Int, UnsafeMutablePointer<Float>) throws -> [(Int, Float)]) throws -> Tensor {
        guard logits.rank == 2, logits.shape[0] == count, logits.shape[1] > 0 else {
            throw TensorError.badShape(op: op, shape: logits.shape, expected: "(\(count), classes)")
        }
        let n = logits.shape[0], c = logits.shape[1]
        let probs = Buffer(count: n * c)
        var total: Double = 0
        var rowTargets: [[(Int, Float)]] = []
        rowTargets.reserveCapacity(n)
        for r in 0..<n {
            let x = logits.buffer.pointer + r * c, p = probs.pointer + r * c
            let m = FixedMath.max(x, count: c)
            let s = FixedMath.expSum(x, p, count: c, minus: m)
            let lse = m + FixedMath.log(s)
            for j in 0..<c { p[j] /= s }
            let t = try targets(r, c, p)
            for (j, w) in t { total += Double(w * (lse - x[j])) }
            rowTargets.append(t)
        }
        return make([], Buffer([Float(total / Double(max(n, 1)))]), inputs: [logits]) { out in
            let g = out.grad!.pointer[0] / Float(max(n, 1)), d = logits.gradPointer()
            for r in 0..<n {
                var wsum: Float = 0
                for (_, w) in rowTargets[r] { wsum += w }
                for j in 0..<c { d[r * c + j] += g * probs.pointer[r * c + j] * wsum }
                for (j, w) in rowTargets[r] { d[r * c + j] -= g * w }
            }
        }
    }

    /// Cross-entropy on probabilities (N, C) (a softmax output) against integer labels; p clipped to [eps, 1-eps].
    public static func crossEntropy(probabilities p: Tensor, labels: [Int32]) throws -> Tensor {
        guard p.rank == 2, p.shape[0] == labels.count else { throw TensorError.badShape(op: "sparse_categorical_crossentropy", shape: p.shape, expected: "(\(labels.count), classes)") }
        let n = p.shape[0], c = p.shape[1], eps = probabilityEpsilon
        var total: Double = 0
        for r in 0..<n {
            let l = Int(labels[r])
            guard l >= 0 && l < c else { throw TensorError.badArgument(op: "sparse_categorical_crossentropy", message: "label \(l) outside 0..<\(c)") }
            total -= Double(FixedMath.log(min(max(p.buffer.pointer[r * c + l], eps), 1 - eps)))
        }
        return make([], Buffer([Float(total / Double(max(n, 1)))]), inputs: [p]) { out in
            let g = out.grad!.pointer[0] / Float(max(n, 1)), d = p.gradPointer()
            for r in 0..<n {
                let i = r * c + Int(labels[r]), v = p.buffer.pointer[i]
                if v > eps && v < 1 - eps { d[i] -= g / v }
            }
        }
    }

    /// Binary cross-entropy on logits x against targets t in [0,1], same shape; stable form
    /// max(x,0) - x·t + log(1 + exp(-|x|)) (`FixedMath`'s log of the rounded 1 + e^-|x|: within 1e-7 of
    /// log1p). Backward: (sigmoid(x) - t) / count.
    public static func sigmoidCrossEntropy(logits x: Tensor, targets t: Tensor) throws -> Tensor {
        guard x.shape == t.shape else { throw TensorError.shapeMismatch(op: "binary_crossentropy", lhs: x.shape, rhs: t.shape) }
        let n = x.count, X = x.buffer.pointer, T = t.buffer.pointer
        var total: Double = 0
        for i in 0..<n { total += Double(max(X[i], 0) - X[i] * T[i] + FixedMath.log(1 + FixedMath.exp(-abs(X[i])))) }
        return make([], Buffer([Float(total / Double(max(n, 1)))]), inputs: [x]) { out in
            let g = out.grad!.pointer[0] / Float(max(n, 1)), d = x.gradPointer()
            for i in 0..<n { d[i] += g * (Activation.sigmoid.value(X[i]) - T[i]) }
            withExtendedLifetime(t) {}   // T points into the target, which is no input of the graph
        }
    }

    /// Binary cross-entropy on probabilities p (a sigmoid output), clipped to [eps, 1-eps].
    public static func binaryCrossEntropy(probabilities p: Tensor, targets t: Tensor) throws -> Tensor {
        guard p.shape == t.shape else { throw TensorError.shapeMismatch(op: "binary_crossentropy", lhs: p.shape, rhs: t.shape) }
        let n = p.count, P = p.buffer.pointer, T = t.buffer.pointer, eps = probabilityEpsilon
        var total: Double = 0
        for i in 0..<n {
            let q = min(max(P[i], eps), 1 - eps)
            total -= Double(T[i] * FixedMath.log(q) + (1 - T[i]) * FixedMath.log(1 - q))
        }
        return make([], Buffer([Float(total / Double(max(n, 1)))]), inputs: [p]) { out in
            let g = out.grad!.pointer[0] / Float(max(n, 1)), d = p.gradPointer()
            for i in 0..<n where P[i] > eps && P[i] < 1 - eps { d[i] += g * (P[i] - T[i]) / (P[i] * (1 - P[i])) }
            withExtendedLifetime(t) {}
        }
    }

    /// Mean squared error, same shapes.
    public static func meanSquaredError(_ y: Tensor, _ t: Tensor) throws -> Tensor {
        guard y.shape == t.shape else { throw TensorError.shapeMismatch(op: "mse", lhs: y.shape, rhs: t.shape) }
        return mean(sumSquaresOfDifference(y, t))
    }

    /// Mean absolute error, same shapes.
    public static func meanAbsoluteError(_ y: Tensor, _ t: Tensor) throws -> Tensor {
        guard y.shape == t.shape else { throw TensorError.shapeMismatch(op: "mae", lhs: y.shape, rhs: t.shape) }
        let n = y.count, Y = y.buffer.pointer, T = t.buffer.pointer
        var total: Double = 0
        for i in 0..<n { total += Double(abs(Y[i] - T[i])) }
        return make([], Buffer([Float(total / Double(max(n, 1)))]), inputs: [y]) { out in
            let g = out.grad!.pointer[0] / Float(max(n, 1)), d = y.gradPointer()
            for i in 0..<n { let e = Y[i] - T[i]; d[i] += e > 0 ? g : (e < 0 ? -g : 0) }
            withExtendedLifetime(t) {}
        }
    }

    /// (y - t)² elementwise (the target gets no gradient).
    private static func sumSquaresOfDifference(_ y: Tensor, _ t: Tensor) -> Tensor {
        let n = y.count, out = Buffer(count: n), Y = y.buffer.pointer, T = t.buffer.pointer
        for i in 0..<n { let e = Y[i] - T[i]; out.pointer[i] = e * e }
        return make(y.shape, out, inputs: [y]) { o in
            let g = o.grad!.pointer, d = y.gradPointer()
            for i in 0..<n { d[i] += 2 * g[i] * (Y[i] - T[i]) }
            withExtendedLifetime(t) {}
        }
    }
}
