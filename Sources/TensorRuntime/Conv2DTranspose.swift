// Transposed 2-D convolution (NHWC): the adjoint of conv2d, so it reuses conv2d's plan, im2col and col2im.

extension ConvGeometry {
    /// The geometry of the convolution a transposed convolution is the adjoint of: input x (N,H,W,C) of
    /// the transpose with a K x K kernel, stride s and `padding`, F filters -> the convolution from the
    /// transpose's output (N,OH,OW,F) back to (N,H,W,C). OH = (H-1)·s + K (valid) or H·s (same), as
    /// Keras's Conv2DTranspose computes it without output_padding; its `oh`, `ow` are H and W again.
    public static func transposed(input: [Int], kernel: Int, filters: Int, stride: Int, padding: Padding, op: String) throws -> ConvGeometry {
        guard input.count == 4 else { throw TensorError.badShape(op: op, shape: input, expected: "(batch, height, width, channels)") }
        guard stride >= 1, kernel >= 1 else { throw TensorError.badArgument(op: op, message: "kernel and stride must be at least 1") }
        func side(_ n: Int) throws -> Int {
            let (scaled, o1) = (n - (padding == .same ? 0 : 1)).multipliedReportingOverflow(by: stride)
            let (total, o2) = scaled.addingReportingOverflow(padding == .same ? 0 : kernel)
            guard !o1, !o2, n >= 1 else { throw TensorError.badShape(op: op, shape: input, expected: "a size whose upsampled output fits") }
            return total
        }
        let g = try ConvGeometry(input: [input[0], try side(input[1]), try side(input[2]), filters],
                                 kernel: (kernel, kernel), stride: stride, padding: padding, op: op)
        guard g.oh == input[1], g.ow == input[2] else {
            throw TensorError.badShape(op: op, shape: input, expected: "a transposable size")
        }
        return g
    }
}

extension Tensor {
    /// x (N,H,W,C), w (K,K,F,C), b (F) -> y (N,OH,OW,F) = act(conv2dᵀ(x, w) + b), Keras's Conv2DTranspose.
    ///
    /// With g the adjoint convolution (ConvGeometry.transposed): each input pixel is one of g's output rows,
    /// so cols (rows, K·K·F) = x_rows (rows, C) · Wᵀ, W = w viewed as (K·K·F, C), and col2im scatters the
    /// columns into y. Chunks are whole images (about 8 per batch), each writing only its own images of y.
    /// Backward is the convolution's forward: dx_rows = im2col(dy) · W, dW += im2col(dy)ᵀ · x_rows (per
    /// chunk, summed in chunk order), db = column sums of dy, so results do not depend on the thread count.
    public static func conv2dTranspose(_ x: Tensor, _ w: Tensor, _ b: Tensor?, stride: Int = 1, padding: Padding = .valid,
                                       activation: FusedActivation = .none) throws -> Tensor {
        guard w.rank == 4, w.shape[0] == w.shape[1] else {
            throw TensorError.badShape(op: "conv2dtranspose", shape: w.shape, expected: "(K, K, F, C)")
        }
        guard x.rank == 4, w.shape[3] == x.shape[3] else { throw TensorError.shapeMismatch(op: "conv2dtranspose", lhs: x.shape, rhs: w.shape) }
        let f = w.shape[2], c = x.shape[3]
        let g = try ConvGeometry.transposed(input: x.shape, kernel: w.shape[0], filters: f, stride: stride, padding: padding, op: "conv2dtranspose")
        if let b, b.shape != [f] { throw TensorError.shapeMismatch(op: "conv2dtranspose bias", lhs: [f], rhs: b.shape) }
        let plan = ConvPlan(g), k = g.patch, image = g.h * g.w * f
        let out = Buffer(count: g.n * image)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer)
        let W = SharedPointer(w.buffer.pointer), B = b.map { SharedPointer($0.buffer.pointer) }
        ThreadPool.shared.parallelFor(plan.chunks) { chunk in
            let rows = plan.rows(ofChunk: chunk)
            let images = rows.lowerBound / g.pixels ..< rows.upperBound / g.pixels
            let y = Y.base + images.lowerBound * image
            y.update(repeating: 0, count: images.count * image)
            let cols = Buffer(count: plan.scratch)
            plan.blocks(rows) { block in
                // cols (block, K·K·F) = x_block (block, C) · W^T (C, K·K·F)
                Gemm.serial(transB: true, m: block.count, n: k, k: c, a: X.base + block.lowerBound * c, lda: c,
                            b: W.base, ldb: c, c: cols.pointer, ldc: k)
                col2im(g, cols.pointer, rows: block, Y.base)
            }
            biasActivateSerial(y, rows: images.count * g.h * g.w, cols: f, bias: B?.base, activation: activation)
        }
        let inputs = b.map { [x, w, $0] } ?? [x, w]
        return make([g.n, g.h, g.w, f], out, inputs: inputs) { t in
            conv2dTransposeBackward(plan, x: x, w: w, b: b, y: t, activation: activation)
        }
    }

    /// Per chunk: mask dy by the ReLU and sum it for the bias, then per block rebuild im2col(dy) and form
    /// dx_rows = cols · W (the chunk owns those rows) and the chunk's dW partial colsᵀ · x_rows.
    static func conv2dTransposeBackward(_ plan: ConvPlan, x: Tensor, w: Tensor, b: Tensor?, y t: Tensor, activation: FusedActivation) {
        let g = plan.g, k = g.patch, c = x.shape[3], f = g.c, image = g.h * g.w * f
        guard let grad = t.grad else { return }
        let parts = ConvGradientParts(w: w, b: b, chunks: plan.chunks, values: k * c, filters: f)
        let PW = parts.w, PB = parts.b
        let DY = SharedPointer(grad.pointer), Y = SharedPointer(t.buffer.pointer)
        let X = SharedPointer(x.buffer.pointer), W = SharedPointer(w.buffer.pointer)
        let write = x.requiresGrad ? x.gradPointerForWriting() : nil
        let DX = write.map { SharedPointer($0.pointer) }, fresh = write?.fresh ?? false
        ThreadPool.shared.parallelFor(plan.chunks) { chunk in
            let rows = plan.rows(ofChunk: chunk)
            let images = rows.lowerBound / g.pixels ..< rows.upperBound / g.pixels
            let dy = DY.base + images.lowerBound * image, values = images.count * image
            if activation == .relu { maskByReLU(dy, Y.base + images.lowerBound * image, count: values) }
            if let PB { columnSums(dy, rows: values / max(f, 1), cols: f, into: PB.base + chunk * f) }
            let cols = Buffer(count: plan.scratch)
            plan.blocks(rows) { block in
                im2col(g, DY.base, rows: block, cols.pointer)
                if let DX {
                    // dx_block (block, C) (+)= cols (block, K·K·F) · W (K·K·F, C)
                    Gemm.serial(m: block.count, n: c, k: k, a: cols.pointer, lda: k, b: W.base, ldb: c,
                                beta: fresh ? 0 : 1, c: DX.base + block.lowerBound * c, ldc: c)
                }
                if let PW {
                    // dW_chunk (K·K·F, C) += cols^T (K·K·F, block) · x_block (block, C)
                    Gemm.serial(transA: true, m: k, n: c, k: block.count, a: cols.pointer, lda: k, b: X.base + block.lowerBound * c, ldb: c,
                                beta: block.lowerBound == rows.lowerBound ? 0 : 1, c: PW.base + chunk * k * c, ldc: c)
                }
            }
        }
        parts.finish(w: w, b: b)
    }
}
