extension Tensor {
    /// Inverted dropout: zeroes each element with probability `rate` and scales the rest by 1/(1-rate).
    /// Call only in training; the mask comes from `rng`, so a seed fixes it.
    public static func dropout(_ x: Tensor, rate: Float, rng: inout SeededGenerator) throws -> Tensor {
        guard rate >= 0 && rate < 1 else { throw TensorError.badArgument(op: "dropout", message: "rate must be in [0, 1), got \(rate)") }
        if rate == 0 { return x }
        let n = x.count, keep = 1 / (1 - rate)
        let mask = Buffer(count: n), out = Buffer(count: n)
        for i in 0..<n {
            let m: Float = rng.nextFloat() < rate ? 0 : keep
            mask.pointer[i] = m
            out.pointer[i] = x.buffer.pointer[i] * m
        }
        return make(x.shape, out, inputs: [x]) { t in
            let g = t.grad!.pointer, dx = x.gradPointer()
            for i in 0..<n { dx[i] += g[i] * mask.pointer[i] }
        }
    }
}
