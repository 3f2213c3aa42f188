// 2-D convolution, NHWC, by im2col + GEMM with the batch folded into M.

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
}

extension Tensor {
    /// x (N,H,W,C), w (KH,KW,C,F), b (F) -> y (N,OH,OW,F) = act(conv(x, w) + b).
    ///
    /// Work is split by image blocks fixed by the shape; each task builds its im2col rows, runs one
    /// sgemm and adds bias. The im2col matrix is kept for the weight gradient.
    public static func conv2d(_ x: Tensor, _ w: Tensor, _ b: Tensor?, stride: Int = 1, padding: Padding = .valid,
                              activation: FusedActivation = .none) throws -> Tensor {
        guard w.rank == 4 else { throw TensorError.badShape(op: "conv2d", shape: w.shape, expected: "(KH, KW, C, F)") }
        let g = try ConvGeometry(input: x.shape, kernel: (w.shape[0], w.shape[1]), stride: stride, padding: padding, op: "conv2d")
        guard w.shape[2] == g.c else { throw TensorError.shapeMismatch(op: "conv2d", lhs: x.shape, rhs: w.shape) }
        let f = w.shape[3], k = g.patch, m = g.n * g.pixels
        if let b, b.shape != [f] { throw TensorError.shapeMismatch(op: "conv2d bias", lhs: [f], rhs: b.shape) }
        let cols = Buffer(count: m * k), out = Buffer(count: m * f)
        let X = SharedPointer(x.buffer.pointer), C = SharedPointer(cols.pointer), Y = SharedPointer(out.pointer)
        let W = SharedPointer(w.buffer.pointer), B = b.map { SharedPointer($0.buffer.pointer) }
        ThreadPool.shared.parallelBlocks(g.n, blockSize: imagesPerTask(g)) { images in
            for img in images { im2col(g, X.base + img * g.h * g.w * g.c, C.base + img * g.pixels * k) }
            let row0 = images.lowerBound * g.pixels, rows = images.count * g.pixels
            Gemm.serial(m: rows, n: f, k: k, a: C.base + row0 * k, lda: k, b: W.base, ldb: f, c: Y.base + row0 * f, ldc: f)
            biasActivateSerial(Y.base + row0 * f, rows: rows, cols: f, bias: B?.base, activation: activation)
        }
        let inputs = b.map { [x, w, $0] } ?? [x, w]
        return make([g.n, g.oh, g.ow, f], out, inputs: inputs) { t in
            // One pass over image blocks. Each block masks its rows of dy by the ReLU, sums them for the
            // bias, multiplies them for its share of dw (partials summed afterwards in block order, so the
            // result does not depend on scheduling), and scatters dcols = dy · w^T into its own images of dx.
            // Everything a block touches stays in cache between these steps.
            let wantB = b?.requiresGrad ?? false, wantW = w.requiresGrad, wantX = x.requiresGrad
            let per = imagesPerTask(g), blocks = (g.n + per - 1) / per
            let wParts = wantW ? Buffer(count: blocks * k * f) : nil
            let bParts = wantB ? Buffer.zeroed(blocks * f) : nil
            let PW = wParts.map { SharedPointer($0.pointer) }, PB = bParts.map { SharedPointer($0.pointer) }
            let DY = SharedPointer(t.grad!.pointer), Y = SharedPointer(t.buffer.pointer)
            let dxWrite = wantX ? x.gradPointerForWriting() : nil
            let DX = dxWrite.map { SharedPointer($0.pointer) }, freshDX = dxWrite?.fresh ?? false
            ThreadPool.shared.parallelBlocks(g.n, blockSize: per) { images in
                let blk = images.lowerBound / per
                let row0 = images.lowerBound * g.pixels, rows = images.count * g.pixels
                let dy = DY.base + row0 * f
                if activation == .relu { maskByReLU(dy, Y.base + row0 * f, count: rows * f) }
                if let PB { columnSums(dy, rows: rows, cols: f, into: PB.base + blk * f) }
                if let PW { // dw_block (K,F) = cols_block^T (K,rows) · dy_block (rows,F)
                    Gemm.serial(transA: true, m: k, n: f, k: rows, a: C.base + row0 * k, lda: k, b: dy, ldb: f,
                                c: PW.base + blk * k * f, ldc: f)
                }
                if let DX {
                    let dcols = Buffer(count: rows * k)
                    Gemm.serial(transB: true, m: rows, n: k, k: f, a: dy, lda: f, b: W.base, ldb: f, c: dcols.pointer, ldc: k)
                    for (i, img) in images.enumerated() {
                        let dx = DX.base + img * g.h * g.w * g.c
                        if freshDX { dx.update(repeating: 0, count: g.h * g.w * g.c) }
                        col2im(g, dcols.pointer + i * g.pixels * k, dx)
                    }
                }
            }
            if let wParts { addBlocks(wParts.pointer, blocks: blocks, size: k * f, into: w.gradPointer()) }
            if let bParts, let b { addBlocks(bParts.pointer, blocks: blocks, size: f, into: b.gradPointer()) }
            withExtendedLifetime(cols) {}
        }
    }

    /// into (size) += the sum of `blocks` consecutive partials of `size` values, in block order.
    static func addBlocks(_ parts: UnsafeMutablePointer<Float>, blocks: Int, size: Int, into out: UnsafeMutablePointer<Float>) {
        for blk in 0..<blocks { let p = parts + blk * size; for i in 0..<size { out[i] += p[i] } }
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

    /// Images per task, fixed by the shape alone: about 8 tasks per batch, but few enough images that a
    /// task's im2col rows (pixels x patch floats) stay near 512 KB and remain in cache for its sgemm.
    static func imagesPerTask(_ g: ConvGeometry) -> Int {
        let cacheFit = max(1, (128 * 1024) / max(g.pixels * g.patch, 1))
        return max(1, min((g.n + 7) / 8, cacheFit))
    }

    // x (H,W,C) -> cols (OH*OW, KH*KW*C); zeros where the window leaves the image.
    // In NHWC one kernel row (KW taps x C channels) is one contiguous run of the input when it lies inside.
    static func im2col(_ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>, _ cols: UnsafeMutablePointer<Float>) {
        let run = g.kw * g.c
        var row = cols
        for oh in 0..<g.oh {
            for ow in 0..<g.ow {
                var dst = row
                let iw0 = ow * g.stride - g.padLeft
                let inside = iw0 >= 0 && iw0 + g.kw <= g.w
                for kh in 0..<g.kh {
                    let ih = oh * g.stride - g.padTop + kh
                    if ih < 0 || ih >= g.h {
                        dst.update(repeating: 0, count: run)
                    } else if inside {
                        let src = x + (ih * g.w + iw0) * g.c
                        if run < 16 { for j in 0..<run { dst[j] = src[j] } }   // short runs: no memmove call
                        else { dst.update(from: src, count: run) }
                    } else {
                        for kw in 0..<g.kw {
                            let iw = iw0 + kw
                            if iw >= 0 && iw < g.w { (dst + kw * g.c).update(from: x + (ih * g.w + iw) * g.c, count: g.c) }
                            else { (dst + kw * g.c).update(repeating: 0, count: g.c) }
                        }
                    }
                    dst += run
                }
                row += g.patch
            }
        }
    }

    // dcols (OH*OW, KH*KW*C) -> dx (H,W,C) +=; the adjoint of im2col, one contiguous run per kernel row.
    static func col2im(_ g: ConvGeometry, _ cols: UnsafeMutablePointer<Float>, _ dx: UnsafeMutablePointer<Float>) {
        let run = g.kw * g.c
        var row = cols
        for oh in 0..<g.oh {
            for ow in 0..<g.ow {
                var src = row
                let iw0 = ow * g.stride - g.padLeft
                let inside = iw0 >= 0 && iw0 + g.kw <= g.w
                for kh in 0..<g.kh {
                    let ih = oh * g.stride - g.padTop + kh
                    if ih >= 0 && ih < g.h {
                        if inside {
                            let d = dx + (ih * g.w + iw0) * g.c
                            for j in 0..<run { d[j] += src[j] }
                        } else {
                            for kw in 0..<g.kw {
                                let iw = iw0 + kw
                                guard iw >= 0 && iw < g.w else { continue }
                                let d = dx + (ih * g.w + iw) * g.c, sp = src + kw * g.c
                                for ch in 0..<g.c { d[ch] += sp[ch] }
                            }
                        }
                    }
                    src += run
                }
                row += g.patch
            }
        }
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
