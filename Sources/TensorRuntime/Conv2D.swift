// 2-D convolution, NHWC: im2col + GEMM over row blocks of a bounded scratch buffer (see ConvPlan).

/// Padding as Keras names it: `valid` (no padding) or `same` (output size ceil(input / stride)).
public enum Padding: String, Sendable, CaseIterable { case valid, same }

/// Geometry of one convolution or pooling window over an NHWC input.
public struct ConvGeometry: Equatable, Sendable {
    public let n, h, w, c, kh, kw, stride, oh, ow, padTop, padLeft: Int

    /// Output size and padding as TensorFlow/Keras compute them (extra padding goes bottom/right).
    public init(input: [Int], kernel: (Int, Int), stride: Int, padding: Padding, op: String) throws {
        guard input.count == 4 else { throw TensorError.badShape(op: op, shape: input, expected: "(batch, height, width, channels)") }
        guard stride >= 1 else { throw TensorError.badArgument(op: op, message: "stride must be at least 1, got \(stride)") }
        n = input[0]; h = input[1]; w = input[2]; c = input[3]; kh = kernel.0; kw = kernel.1; self.stride = stride
        switch padding {
        case .valid:
            guard h >= kh, w >= kw else {
                throw TensorError.badShape(op: op, shape: input, expected: "height and width of at least \(kh)x\(kw) for a \(kh)x\(kw) window without padding")
            }
            oh = (h - kh) / stride + 1; ow = (w - kw) / stride + 1; padTop = 0; padLeft = 0
        case .same:
            // ceil(h / stride) without forming h + stride - 1, which overflows for huge strides.
            oh = h / stride + (h % stride == 0 ? 0 : 1)
            ow = w / stride + (w % stride == 0 ? 0 : 1)
            // (oh - 1) * stride < h, so kh - h + (oh - 1) * stride stays below kh: no overflow.
            padTop = max(kh - h + (oh - 1) * stride, 0) / 2
            padLeft = max(kw - w + (ow - 1) * stride, 0) / 2
        }
    }
    /// Rows of the im2col matrix per image.
    var pixels: Int { oh * ow }
    /// Columns of the im2col matrix.
    var patch: Int { kh * kw * c }

    /// im2col values a convolution with `filters` filters holds (saturating): when KH·KW·C <= F the rows
    /// of the whole batch, kept from a training forward for the weight gradient; otherwise one row block
    /// (per running task), whatever the batch.
    public func im2colValues(filters: Int) -> Int {
        if patch <= filters { return Shape.saturatingProduct(Shape.saturatingProduct(n, pixels), patch) }
        return Shape.saturatingProduct(ConvPlan(self).blockRows, patch)
    }
}

/// How a convolution's output rows (N·OH·OW rows of F values) are cut into work, from the shape alone.
///
/// Chunks are runs of whole images, one pool task each (so col2im never crosses a task's boundary);
/// a chunk walks its rows in blocks of `blockRows`, small enough that a block's im2col rows (and their
/// gradient) sit in L2. The scratch for a block is reused for every block of the chunk and comes from the
/// buffer cache, so no batch after the first takes memory from the system, whatever the batch size.
struct ConvPlan {
    let g: ConvGeometry
    /// Images per chunk; about 8 chunks per batch.
    let imagesPerChunk: Int
    /// Rows (output pixels) per block.
    let blockRows: Int
    /// Scratch floats per block: blockRows · patch.
    var scratch: Int { blockRows * g.patch }
    var chunks: Int { (g.n + imagesPerChunk - 1) / imagesPerChunk }

    init(_ g: ConvGeometry) {
        self.g = g
        imagesPerChunk = max(1, g.n / 8 + (g.n % 8 == 0 ? 0 : 1))   // ceil(n / 8) without overflow
        let target = 32 * 1024    // floats per im2col block: 128 KB
        blockRows = max(16, target / max(g.patch, 1) / 16 * 16)
    }

    /// Output rows of chunk `i`.
    func rows(ofChunk i: Int) -> Range<Int> {
        let lo = i * imagesPerChunk, hi = min(g.n, lo + imagesPerChunk)
        return lo * g.pixels ..< hi * g.pixels
    }

    /// Calls body for each block of `rows`, in order.
    @inline(__always)
    func blocks(_ rows: Range<Int>, _ body: (Range<Int>) -> Void) {
        Self.pieces(of: rows, size: blockRows, body)
    }

    /// Calls body for consecutive pieces of `range` of `size` elements (the last may be shorter), in order.
    @inline(__always)
    static func pieces(of range: Range<Int>, size: Int, _ body: (Range<Int>) -> Void) {
        var r = range.lowerBound
        while r < range.upperBound {
            let end = min(range.upperBound, r + max(size, 1))
            body(r ..< end)
            r = end
        }
    }
}

extension Tensor {
    /// x (N,H,W,C), w (KH,KW,C,F), b (F) -> y (N,OH,OW,F) = act(conv(x, w) + b).
    ///
    /// Builds im2col rows block by block into a reused scratch buffer, runs one sgemm per block and adds
    /// bias and activation while the block is in cache. Backward rebuilds the im2col rows per block rather
    /// than keeping them, so memory does not grow with the batch beyond input, output and gradients.
    public static func conv2d(_ x: Tensor, _ w: Tensor, _ b: Tensor?, stride: Int = 1, padding: Padding = .valid,
                              activation: FusedActivation = .none) throws -> Tensor {
        guard w.rank == 4 else { throw TensorError.badShape(op: "conv2d", shape: w.shape, expected: "(KH, KW, C, F)") }
        let g = try ConvGeometry(input: x.shape, kernel: (w.shape[0], w.shape[1]), stride: stride, padding: padding, op: "conv2d")
        guard w.shape[2] == g.c else { throw TensorError.shapeMismatch(op: "conv2d", lhs: x.shape, rhs: w.shape) }
        let f = w.shape[3]
        if let b, b.shape != [f] { throw TensorError.shapeMismatch(op: "conv2d bias", lhs: [f], rhs: b.shape) }
        let plan = ConvPlan(g), k = g.patch
        let out = Buffer(count: g.n * g.pixels * f)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer)
        let W = SharedPointer(w.buffer.pointer), B = b.map { SharedPointer($0.buffer.pointer) }
        // Windows no larger than the output row (K <= F, e.g. a first layer) keep their im2col rows for the
        // weight gradient when training: they cost less memory than the output and save rebuilding them.
        let kept = GradMode.isEnabled && w.requiresGrad && k <= f ? Buffer(count: g.n * g.pixels * k) : nil
        let K = kept.map { SharedPointer($0.pointer) }
        ThreadPool.shared.parallelFor(plan.chunks) { chunk in
            let scratch = K == nil ? Buffer(count: plan.scratch) : nil
            plan.blocks(plan.rows(ofChunk: chunk)) { rows in
                guard let cols = K.map({ $0.base + rows.lowerBound * k }) ?? scratch?.pointer else { return }
                im2col(g, X.base, rows: rows, cols)
                let y = Y.base + rows.lowerBound * f
                Gemm.serial(m: rows.count, n: f, k: k, a: cols, lda: k, b: W.base, ldb: f, c: y, ldc: f)
                biasActivateSerial(y, rows: rows.count, cols: f, bias: B?.base, activation: activation)
            }
        }
        let inputs = b.map { [x, w, $0] } ?? [x, w]
        return make([g.n, g.oh, g.ow, f], out, inputs: inputs) { t in
            conv2dBackward(plan, x: x, w: w, b: b, y: t, keptColumns: kept, activation: activation)
        }
    }

    /// One pass over the chunks. Each block masks its rows of dy by the ReLU, sums them for the bias,
    /// rebuilds its im2col rows for dw (accumulated per chunk in block order, chunks summed afterwards in
    /// chunk order: no dependence on scheduling), and scatters dcols = dy · w^T into its images of dx.
    static func conv2dBackward(_ plan: ConvPlan, x: Tensor, w: Tensor, b: Tensor?, y t: Tensor, keptColumns: Buffer?,
                               activation: FusedActivation) {
        let g = plan.g, k = g.patch, f = w.shape[3], chunks = plan.chunks
        let parts = ConvGradientParts(w: w, b: b, chunks: chunks, values: k * f)
        let PW = parts.w, PB = parts.b, wantW = w.requiresGrad
        guard let grad = t.grad else { return }
        let DY = SharedPointer(grad.pointer), Y = SharedPointer(t.buffer.pointer)
        let X = SharedPointer(x.buffer.pointer), W = SharedPointer(w.buffer.pointer)
        let dx = ConvInputGradient(x, g), DX = dx.base, K = keptColumns.map { SharedPointer($0.pointer) }
        ThreadPool.shared.parallelFor(chunks) { chunk in
            let chunkRows = plan.rows(ofChunk: chunk)
            let cols = wantW && K == nil ? Buffer(count: plan.scratch) : nil
            let dcols = DX != nil ? Buffer(count: plan.scratch) : nil
            dx.prepare(images: chunkRows.lowerBound / g.pixels ..< chunkRows.upperBound / g.pixels)
            plan.blocks(chunkRows) { rows in
                let dy = DY.base + rows.lowerBound * f
                if activation == .relu { maskByReLU(dy, Y.base + rows.lowerBound * f, count: rows.count * f) }
                if let PB { columnSums(dy, rows: rows.count, cols: f, into: PB.base + chunk * f) }
                if let PW, let a = K.map({ $0.base + rows.lowerBound * k }) ?? cols?.pointer {
                    // dw_chunk (K,F) += cols_block^T (K,rows) · dy_block (rows,F)
                    if K == nil { im2col(g, X.base, rows: rows, a) }
                    Gemm.serial(transA: true, m: k, n: f, k: rows.count, a: a, lda: k, b: dy, ldb: f,
                                beta: rows.lowerBound == chunkRows.lowerBound ? 0 : 1, c: PW.base + chunk * k * f, ldc: f)
                }
                if let DX, let dcols {
                    Gemm.serial(transB: true, m: rows.count, n: k, k: f, a: dy, lda: f, b: W.base, ldb: f, c: dcols.pointer, ldc: k)
                    col2im(g, dcols.pointer, rows: rows, DX.base)
                }
            }
        }
        parts.finish(w: w, b: b)
        withExtendedLifetime(keptColumns) {}
    }

    /// g[i] = 0 where y[i] <= 0 (the ReLU's derivative), 8 lanes at a time.
    static func maskByReLU(_ g: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            var gv = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
            gv.replace(with: 0, where: yv .<= 0)
            UnsafeMutableRawPointer(g + i).storeBytes(of: gv, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { if y[i] <= 0 { g[i] = 0 }; i += 1 }
    }

    /// Images per task for pooling, fixed by the shape alone: about 8 tasks per batch, few enough images
    /// that a task's data stays near 512 KB.
    static func imagesPerTask(_ g: ConvGeometry) -> Int {
        let cacheFit = max(1, (128 * 1024) / max(g.pixels * g.patch, 1))
        return max(1, min((g.n + 7) / 8, cacheFit))
    }

    /// Serial bias + activation over rows (used inside a task that owns those rows).
    @inline(__always)
    static func biasActivateSerial(_ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int, bias: UnsafeMutablePointer<Float>?, activation: FusedActivation) {
        switch (bias, activation) {
        case let (b?, .relu):
            for i in 0..<rows { let row = y + i * cols; for j in 0..<cols { row[j] = max(row[j] + b[j], 0) } }
        case let (b?, .none):
            for i in 0..<rows { let row = y + i * cols; for j in 0..<cols { row[j] += b[j] } }
        case (nil, .relu):
            for i in 0..<rows * cols { y[i] = max(y[i], 0) }
        case (nil, .none):
            break
        }
    }
}
