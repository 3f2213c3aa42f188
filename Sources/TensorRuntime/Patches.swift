// Image patches for vision transformers: forward and backward side by side.

extension Tensor {
    /// Cuts each image into `size` x `size` patches, in row-major patch order, each flattened in (row, column,
    /// channel) order. x (N, H, W, C) -> y (N, (H/size)·(W/size), size·size·C); `size` must divide H and W.
    /// Pool-parallel over patch rows; each output value comes from one input value, so backward scatters
    /// without overlap.
    public static func patches(_ x: Tensor, size: Int) throws -> Tensor {
        guard x.rank == 4, size > 0, x.shape[1] % size == 0, x.shape[2] % size == 0 else {
            throw TensorError.badShape(op: "patches", shape: x.shape, expected: "(N, H, W, C) with H and W multiples of \(size)")
        }
        let n = x.shape[0], h = x.shape[1], w = x.shape[2], c = x.shape[3]
        let ph = h / size, pw = w / size, span = size * c, patchValues = size * span
        let out = Buffer(count: x.count)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer)
        // Row r of the work = one image row (n, y); it feeds the patches (n, y / size, 0..<pw).
        let rows = n * h
        let copyRows = { (range: Range<Int>, scatter: Bool, from: SharedPointer<Float>, to: SharedPointer<Float>) in
            for r in range {
                let image = r / h, y = r % h
                let py = y / size, dy = y % size
                for px in 0..<pw {
                    let pixel = (image * h + y) * w * c + px * span
                    let patch = ((image * ph + py) * pw + px) * patchValues + dy * span
                    if scatter {
                        for j in 0..<span { to[pixel + j] += from[patch + j] }
                    } else {
                        (to.base + patch).update(from: from.base + pixel, count: span)
                    }
                }
            }
        }
        Parallel.rows(rows, width: w * c) { range in copyRows(range, false, X, Y) }
        return make([n, ph * pw, patchValues], out, inputs: [x]) { t in
            let G = SharedPointer(t.grad!.pointer), DX = SharedPointer(x.gradPointer())
            Parallel.rows(rows, width: w * c) { range in copyRows(range, true, G, DX) }
        }
    }
}
