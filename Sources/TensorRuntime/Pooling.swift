// Max and average pooling (NHWC), and global average pooling.

extension Tensor {
    /// x (N,H,W,C) -> y (N,OH,OW,C), the max of each window; the argmax is kept (as Int32) for backward
    /// when the graph is recorded.
    /// Ties go to the first cell of the window in row-major order.
    ///
    /// Windows that tile the input without overlap or padding (stride = size, the usual 2x2) take a fast
    /// path: the argmax is the cell's position in its window, and backward zeroes each band of input rows
    /// just before scattering into it (no separate zero-fill pass over dx).
    public static func maxPool2d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
        let g = try ConvGeometry(input: x.shape, kernel: (size, size), stride: stride ?? size, padding: padding, op: "maxpool")
        let tiled = g.stride == size && g.padTop == 0 && g.padLeft == 0 && g.oh * size <= g.h && g.ow * size <= g.w
        let outCount = g.n * g.oh * g.ow * g.c
        let per = g.oh * g.ow * g.c, inPer = g.h * g.w * g.c
        let out = Buffer(count: outCount)
        // The argmax of the whole batch only when backward will need it; otherwise one image's worth per task.
        let recording = GradMode.isEnabled && x.requiresGrad
        let argmax = Buffer(count: recording ? outCount : 0)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer)
        let A = SharedPointer(UnsafeMutableRawPointer(argmax.pointer).bindMemory(to: Int32.self, capacity: argmax.count))
        ThreadPool.shared.parallelBlocks(g.n, blockSize: imagesPerTask(g)) { images in
            let cells = UnsafeMutablePointer<Int>.allocate(capacity: g.kh * g.kw)
            defer { cells.deallocate() }
            let scratch = recording ? nil : Buffer(count: per)
            let local = scratch.map { UnsafeMutableRawPointer($0.pointer).bindMemory(to: Int32.self, capacity: per) }
            for img in images {
                let a = local ?? A.base + img * per
                if tiled { maxPoolTiled(g, X.base + img * inPer, Y.base + img * per, a) }
                else { maxPoolImage(g, X.base + img * inPer, Y.base + img * per, a, cells: cells) }
            }
        }
        return make([g.n, g.oh, g.ow, g.c], out, inputs: [x]) { t in
            guard let grad = t.grad else { return }
            let (dxBase, fresh) = x.gradPointerForWriting()
            let G = SharedPointer(grad.pointer), DX = SharedPointer(dxBase)
            ThreadPool.shared.parallelBlocks(g.n, blockSize: imagesPerTask(g)) { images in
                for img in images {
                    let dx = DX.base + img * inPer, gi = G.base + img * per, ai = A.base + img * per
                    if tiled { maxPoolTiledBackward(g, gi, ai, dx, fresh: fresh); continue }
                    if fresh { dx.update(repeating: 0, count: inPer) }
                    for o in 0..<per where ai[o] >= 0 { dx[Int(ai[o])] += gi[o] }
                }
            }
            withExtendedLifetime(argmax) {}
        }
    }

    // x (H,W,C) -> y (OH,OW,C), a (OH,OW,C) = position of the max in its window (kh * size + kw).
    // Windows tile x (stride = size, no padding); channels run 8 at a time as SIMD lanes.
    static func maxPoolTiled(_ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                             _ a: UnsafeMutablePointer<Int32>) {
        let c = g.c, vectorEnd = c - c % 8, size = g.kh, rowStride = g.w * c
        for oh in 0..<g.oh {
            for ow in 0..<g.ow {
                let corner = x + (oh * size * g.w + ow * size) * c
                let yo = y + (oh * g.ow + ow) * c, ao = a + (oh * g.ow + ow) * c
                var ch = 0
                while ch < vectorEnd {
                    let (best, index) = windowMax8(corner + ch, size: size, rowStride: rowStride, step: c)
                    UnsafeMutableRawPointer(yo + ch).storeBytes(of: best, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(ao + ch).storeBytes(of: index, as: SIMD8<Int32>.self)
                    ch += 8
                }
                while ch < c {
                    let (best, index) = windowMax1(corner + ch, size: size, rowStride: rowStride, step: c)
                    yo[ch] = best
                    ao[ch] = Int32(truncatingIfNeeded: index)
                    ch += 1
                }
            }
        }
    }

    /// The max of a size x size window of 8 adjacent channels whose first cell is at `corner` (rows
    /// `rowStride` floats apart, cells of a row `step` apart), and each lane's cell (i · size + j). Ties go
    /// to the first cell in row-major order.
    @inline(__always)
    static func windowMax8(_ corner: UnsafeMutablePointer<Float>, size: Int, rowStride: Int, step: Int) -> (SIMD8<Float>, SIMD8<Int32>) {
        var best = UnsafeRawPointer(corner).loadUnaligned(as: SIMD8<Float>.self)
        var index = SIMD8<Int32>.zero
        for i in 0..<size {
            for j in 0..<size where i + j > 0 {
                let v = UnsafeRawPointer(corner + i * rowStride + j * step).loadUnaligned(as: SIMD8<Float>.self)
                let better = v .> best
                best.replace(with: v, where: better)
                index.replace(with: Int32(truncatingIfNeeded: i * size + j), where: better)
            }
        }
        return (best, index)
    }

    /// `windowMax8` for one channel.
    @inline(__always)
    static func windowMax1(_ corner: UnsafeMutablePointer<Float>, size: Int, rowStride: Int, step: Int) -> (Float, Int) {
        var best = corner[0], index = 0
        for i in 0..<size {
            for j in 0..<size where corner[i * rowStride + j * step] > best {
                best = corner[i * rowStride + j * step]
                index = i * size + j
            }
        }
        return (best, index)
    }

    // dy (OH,OW,C), a (OH,OW,C) -> dx (H,W,C) += dy at each window's max. When fresh, each band of `size`
    // input rows is zeroed just before its windows scatter into it, while it is in cache: dx is written once.
    static func maxPoolTiledBackward(_ g: ConvGeometry, _ dy: UnsafeMutablePointer<Float>, _ a: UnsafeMutablePointer<Int32>,
                                     _ dx: UnsafeMutablePointer<Float>, fresh: Bool) {
        let c = g.c, size = g.kh, band = size * g.w * c
        withUnsafeTemporaryAllocation(of: Int.self, capacity: size * size) { table in
            guard let offset = table.baseAddress else { return }
            for p in 0..<size * size { offset[p] = (p / size * g.w + p % size) * c }
            for oh in 0..<g.oh {
                if fresh { (dx + oh * band).update(repeating: 0, count: band) }
                for ow in 0..<g.ow {
                    let corner = dx + (oh * band + ow * size * c)
                    let go = dy + (oh * g.ow + ow) * c, ao = a + (oh * g.ow + ow) * c
                    for ch in 0..<c { corner[offset[Int(ao[ch])] + ch] += go[ch] }
                }
            }
        }
        if fresh && g.oh * size < g.h {       // rows below the last window
            (dx + g.oh * band).update(repeating: 0, count: (g.h - g.oh * size) * g.w * c)
        }
    }

    // x (H,W,C) -> y (OH,OW,C) with argmax offsets into x; -1 where a window holds no cell. `cells` holds
    // KH*KW offsets (scratch). The window's cells are listed first; channels then run 8 at a time as SIMD lanes.
    static func maxPoolImage(_ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                             _ a: UnsafeMutablePointer<Int32>, cells: UnsafeMutablePointer<Int>) {
        let c = g.c, vectorEnd = c - c % 8
        let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        for oh in 0..<g.oh {
            for ow in 0..<g.ow {
                let yo = y + (oh * g.ow + ow) * c, ao = a + (oh * g.ow + ow) * c
                var n = 0
                for kh in 0..<g.kh {
                    let ih = oh * g.stride - g.padTop + kh
                    guard ih >= 0 && ih < g.h else { continue }
                    for kw in 0..<g.kw {
                        let iw = ow * g.stride - g.padLeft + kw
                        if iw >= 0 && iw < g.w { cells[n] = (ih * g.w + iw) * c; n += 1 }
                    }
                }
                if n == 0 { for ch in 0..<c { yo[ch] = 0; ao[ch] = -1 }; continue }
                var ch = 0
                while ch < vectorEnd {
                    var best = UnsafeRawPointer(x + cells[0] + ch).loadUnaligned(as: SIMD8<Float>.self)
                    var index = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: cells[0] + ch)) &+ lanes
                    for i in 1..<n {
                        let v = UnsafeRawPointer(x + cells[i] + ch).loadUnaligned(as: SIMD8<Float>.self)
                        let better = v .> best
                        best.replace(with: v, where: better)
                        index.replace(with: SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: cells[i] + ch)) &+ lanes, where: better)
                    }
                    UnsafeMutableRawPointer(yo + ch).storeBytes(of: best, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(ao + ch).storeBytes(of: index, as: SIMD8<Int32>.self)
                    ch += 8
                }
                while ch < c {
                    var best = x[cells[0] + ch], index = cells[0] + ch
                    for i in 1..<n where x[cells[i] + ch] > best { best = x[cells[i] + ch]; index = cells[i] + ch }
                    yo[ch] = best; ao[ch] = Int32(truncatingIfNeeded: index)
                    ch += 1
                }
            }
        }
    }

    /// x (N,H,W,C) -> y (N,OH,OW,C), the mean of each window (padding cells are not counted, as in Keras).
    public static func avgPool2d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
        let g = try ConvGeometry(input: x.shape, kernel: (size, size), stride: stride ?? size, padding: padding, op: "avgpool")
        let out = Buffer.zeroed(g.n * g.oh * g.ow * g.c)
        // Visits each window's in-bounds cells: body(outputIndex, inputIndex, 1/cellsInWindow).
        func windows(_ body: (Int, Int, Float) -> Void) {
            for img in 0..<g.n { for oh in 0..<g.oh { for ow in 0..<g.ow {
                let ih0 = max(oh * g.stride - g.padTop, 0), ih1 = min(oh * g.stride - g.padTop + g.kh, g.h)
                let iw0 = max(ow * g.stride - g.padLeft, 0), iw1 = min(ow * g.stride - g.padLeft + g.kw, g.w)
                let inv = 1 / Float(max((ih1 - ih0) * (iw1 - iw0), 1))
                let o = ((img * g.oh + oh) * g.ow + ow) * g.c
                for ih in ih0..<ih1 { for iw in iw0..<iw1 {
                    let p = ((img * g.h + ih) * g.w + iw) * g.c
                    for ch in 0..<g.c { body(o + ch, p + ch, inv) }
                } }
            } } }
        }
        let X = x.buffer.pointer, Y = out.pointer
        windows { o, p, inv in Y[o] += X[p] * inv }
        return make([g.n, g.oh, g.ow, g.c], out, inputs: [x]) { t in
            let G = t.grad!.pointer, DX = x.gradPointer()
            windows { o, p, inv in DX[p] += G[o] * inv }
        }
    }

    /// x (N,H,W,C) -> y (N,C), the mean over height and width.
    public static func globalAvgPool(_ x: Tensor) throws -> Tensor {
        guard x.rank == 4 else { throw TensorError.badShape(op: "globalavgpool", shape: x.shape, expected: "(batch, height, width, channels)") }
        let n = x.shape[0], hw = x.shape[1] * x.shape[2], c = x.shape[3], inv = 1 / Float(max(hw, 1))
        let out = Buffer.zeroed(n * c), X = x.buffer.pointer
        for i in 0..<n { for p in 0..<hw { for ch in 0..<c { out.pointer[i * c + ch] += X[(i * hw + p) * c + ch] * inv } } }
        return make([n, c], out, inputs: [x]) { t in
            let G = t.grad!.pointer, DX = x.gradPointer()
            for i in 0..<n { for p in 0..<hw { for ch in 0..<c { DX[(i * hw + p) * c + ch] += G[i * c + ch] * inv } } }
        }
    }
}
