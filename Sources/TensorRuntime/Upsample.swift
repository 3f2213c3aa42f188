// Nearest-neighbour upsampling (NHWC), Keras's UpSampling2D.

extension Tensor {
    /// x (N,H,W,C) -> y (N,H·S,W·S,C), y[n, i, j, c] = x[n, i / S, j / S, c].
    /// Backward: dx[n, h, w, c] = the sum of dy over the S x S block the cell was copied to.
    /// Work is split into blocks of whole images (about 8 per batch), each writing only its own images.
    public static func upsample2d(_ x: Tensor, size s: Int) throws -> Tensor {
        guard x.rank == 4 else { throw TensorError.badShape(op: "upsample", shape: x.shape, expected: "(batch, height, width, channels)") }
        guard s >= 1 else { throw TensorError.badArgument(op: "upsample", message: "size must be at least 1, got \(s)") }
        let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (oh, o1) = h.multipliedReportingOverflow(by: s), (ow, o2) = w.multipliedReportingOverflow(by: s)
        guard !o1, !o2 else { throw TensorError.badShape(op: "upsample", shape: x.shape, expected: "a size whose upsampled output fits") }
        let outShape = [n, oh, ow, c]
        let count = try Shape.checkedCount(outShape, op: "upsample")
        let inImage = h * w * c, outImage = oh * ow * c, perTask = max(1, (n + 7) / 8)
        let out = Buffer(count: count)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer)
        ThreadPool.shared.parallelBlocks(n, blockSize: perTask) { images in
            for img in images {
                let xi = X.base + img * inImage, yi = Y.base + img * outImage
                for i in 0..<oh {
                    let src = xi + (i / s) * w * c, dst = yi + i * ow * c
                    for j in 0..<ow { (dst + j * c).update(from: src + (j / s) * c, count: c) }
                }
            }
        }
        return make(outShape, out, inputs: [x]) { t in
            guard let grad = t.grad else { return }
            let (dxBase, fresh) = x.gradPointerForWriting()
            let G = SharedPointer(grad.pointer), DX = SharedPointer(dxBase)
            ThreadPool.shared.parallelBlocks(n, blockSize: perTask) { images in
                for img in images {
                    let dx = DX.base + img * inImage, gi = G.base + img * outImage
                    if fresh { dx.update(repeating: 0, count: inImage) }
                    for i in 0..<oh {
                        let d = dx + (i / s) * w * c, row = gi + i * ow * c
                        for j in 0..<ow {
                            let cell = d + (j / s) * c, gj = row + j * c
                            for ch in 0..<c { cell[ch] += gj[ch] }
                        }
                    }
                }
            }
        }
    }
}
