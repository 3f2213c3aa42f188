extension Tensor {
    /// Elements per dropout block: each block draws its mask from its own stream, so blocks run on the
    /// pool in any order and the mask depends only on the caller's generator and the shape.
    static let dropoutBlock = 8192

    /// Inverted dropout: zeroes each element with probability `rate` and scales the rest by 1/(1-rate).
    /// Call only in training; the mask comes from `rng` (one draw seeds the blocks' streams, then each
    /// 64-bit draw decides two elements, 24 bits each), so a seed fixes it for any thread count.
    public static func dropout(_ x: Tensor, rate: Float, rng: inout SeededGenerator) throws -> Tensor {
        guard rate >= 0 && rate < 1 else { throw TensorError.badArgument(op: "dropout", message: "rate must be in [0, 1), got \(rate)") }
        if rate == 0 { return x }
        let n = x.count, keep = 1 / (1 - rate), base = rng.next()
        let mask = Buffer(count: n), out = Buffer(count: n)
        let M = SharedPointer(mask.pointer), Y = SharedPointer(out.pointer), X = SharedPointer(x.buffer.pointer)
        // x, y, mask (n): y = x · mask, mask = 0 where u < rate else 1/(1-rate), u uniform in [0, 1).
        ThreadPool.shared.parallelBlocks(n, blockSize: dropoutBlock) { range in
            var stream = SeededGenerator.derived(seed: base, stream: UInt64(range.lowerBound / dropoutBlock))
            var i = range.lowerBound
            while i < range.upperBound {
                let bits = stream.next()
                let u = (Float(bits >> 40) * (1.0 / 16_777_216.0), Float((bits >> 16) & 0xFF_FFFF) * (1.0 / 16_777_216.0))
                M[i] = u.0 < rate ? 0 : keep
                Y[i] = X[i] * M[i]
                if i + 1 < range.upperBound {
                    M[i + 1] = u.1 < rate ? 0 : keep
                    Y[i + 1] = X[i + 1] * M[i + 1]
                }
                i += 2
            }
        }
        return make(x.shape, out, inputs: [x]) { t in
            guard let g = t.grad else { return }
            let G = SharedPointer(g.pointer), DX = SharedPointer(x.gradPointer())
            // dx (n) += dy · mask
            ThreadPool.shared.parallelBlocks(n, blockSize: dropoutBlock) { range in
                for i in range { DX[i] += G[i] * M[i] }
            }
            withExtendedLifetime(mask) {}
        }
    }
}
