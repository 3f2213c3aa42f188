// A convolution fused with the max pooling that follows it (the usual conv -> relu -> maxpool 2).

extension Tensor {
    /// Largest pooling window side the fused op takes: window positions are kept as one byte.
    public static let fusedPoolMaxSize = 15

    /// x (N,H,W,C), w (KH,KW,C,F), b (F) -> y (N,PH,PW,F) = maxpool_pool(act(conv(x, w) + b)), PH = OH / pool,
    /// PW = OW / pool: the same values as `conv2d` followed by `maxPool2d(size: pool)`.
    ///
    /// The convolution runs block by block as in `conv2d` (see `ConvPoolPlan`), and each block's outputs are
    /// pooled while in cache: the convolution output never goes to memory, and outputs no window uses are not
    /// computed. The ReLU runs on the pooled values (max and ReLU commute). Backward rebuilds each block's
    /// output gradient in cache from the pooled gradient and the window position of each max (one byte per
    /// pooled value). Ties go to the first cell of the window in row-major order, as in `maxPool2d`.
    public static func conv2dMaxPool(_ x: Tensor, _ w: Tensor, _ b: Tensor?, stride: Int = 1, padding: Padding = .valid,
                                     activation: FusedActivation = .none, pool: Int) throws -> Tensor {
        guard w.rank == 4 else { throw TensorError.badShape(op: "conv2d", shape: w.shape, expected: "(KH, KW, C, F)") }
        guard pool >= 1 && pool <= fusedPoolMaxSize else {
            throw TensorError.badArgument(op: "conv2d+maxpool", message: "pool size must be 1 to \(fusedPoolMaxSize), got \(pool)")
        }
        let g = try ConvGeometry(input: x.shape, kernel: (w.shape[0], w.shape[1]), stride: stride, padding: padding, op: "conv2d")
        guard w.shape[2] == g.c else { throw TensorError.shapeMismatch(op: "conv2d", lhs: x.shape, rhs: w.shape) }
        let f = w.shape[3]
        if let b, b.shape != [f] { throw TensorError.shapeMismatch(op: "conv2d bias", lhs: [f], rhs: b.shape) }
        guard g.oh >= pool && g.ow >= pool else {
            throw TensorError.badShape(op: "maxpool", shape: [g.n, g.oh, g.ow, f], expected: "height and width of at least \(pool)x\(pool)")
        }
        let plan = ConvPoolPlan(g, pool: pool, filters: f), k = g.patch
        let pooled = g.n * plan.ph * plan.pw * f
        let out = Buffer(count: pooled)
        let recording = GradMode.isEnabled && (x.requiresGrad || w.requiresGrad || (b?.requiresGrad ?? false))
        let positions = Buffer(count: recording ? (pooled + 3) / 4 : 0)
        // As in conv2d: windows no larger than the output row keep their im2col rows for the weight gradient.
        let kept = recording && w.requiresGrad && k <= f ? Buffer(count: plan.usedRows * k) : nil
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer), W = SharedPointer(w.buffer.pointer)
        let B = b.map { SharedPointer($0.buffer.pointer) }, K = kept.map { SharedPointer($0.pointer) }
        // Window positions, one byte per pooled value, only when backward will need them.
        let P = recording ? SharedPointer(UnsafeMutableRawPointer(positions.pointer).bindMemory(to: UInt8.self, capacity: pooled)) : nil
        ThreadPool.shared.parallelFor(plan.chunks) { chunk in
            let z = Buffer(count: plan.blockRows * f)
            let scratch = K == nil ? Buffer(count: plan.blockRows * k) : nil
            plan.blocks(plan.bands(ofChunk: chunk)) { bands in
                let rows = bands.count * plan.bandRows
                guard let cols = K.map({ $0.base + bands.lowerBound * plan.bandRows * k }) ?? scratch?.pointer else { return }
                plan.segments(bands) { row, convRows in im2col(g, X.base, rows: convRows, cols + row * k) }
                Gemm.serial(m: rows, n: f, k: k, a: cols, lda: k, b: W.base, ldb: f, c: z.pointer, ldc: f)
                biasActivateSerial(z.pointer, rows: rows, cols: f, bias: B?.base, activation: .none)
                let first = bands.lowerBound * plan.pw * f
                poolBlock(plan, z.pointer, bands: bands.count, f: f, into: Y.base + first,
                          positions: P.map { $0.base + first }, relu: activation == .relu)
            }
        }
        let inputs = b.map { [x, w, $0] } ?? [x, w]
        return make([g.n, plan.ph, plan.pw, f], out, inputs: inputs) { t in
            conv2dMaxPoolBackward(plan, x: x, w: w, b: b, y: t, positions: positions, keptColumns: kept,
                                  relu: activation == .relu)
        }
    }

    // z (bands · bandRows, F): a block's convolution outputs (bias added) -> y (bands, PW, F) pooled, with
    // the ReLU when asked, and each max's position in its window (i · pool + j) in `positions` when given.
    static func poolBlock(_ plan: ConvPoolPlan, _ z: UnsafeMutablePointer<Float>, bands: Int, f: Int,
                          into y: UnsafeMutablePointer<Float>, positions: UnsafeMutablePointer<UInt8>?, relu: Bool) {
        let pool = plan.pool, vectorEnd = f - f % 8, rowStride = plan.segment * f
        for band in 0..<bands {
            for q in 0..<plan.pw {
                let corner = z + (band * plan.bandRows + q * pool) * f
                let o = (band * plan.pw + q) * f
                var ch = 0
                while ch < vectorEnd {
                    var (best, index) = windowMax8(corner + ch, size: pool, rowStride: rowStride, step: f)
                    if relu { best.replace(with: 0, where: best .< 0) }
                    UnsafeMutableRawPointer(y + o + ch).storeBytes(of: best, as: SIMD8<Float>.self)
                    if let positions {
                        UnsafeMutableRawPointer(positions + o + ch).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: index), as: SIMD8<UInt8>.self)
                    }
                    ch += 8
                }
                while ch < f {
                    let (best, index) = windowMax1(corner + ch, size: pool, rowStride: rowStride, step: f)
                    y[o + ch] = relu ? max(best, 0) : best
                    positions?[o + ch] = UInt8(truncatingIfNeeded: index)
                    ch += 1
                }
            }
        }
    }
}
