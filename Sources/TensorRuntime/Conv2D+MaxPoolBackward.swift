// Backward of the fused convolution + max pooling (Tensor.conv2dMaxPool).

extension Tensor {
    /// One pass over the chunks, as conv2dBackward, except that each block first rebuilds its convolution
    /// output gradient dz (rows, F) in cache: zero, then each pooled gradient at its window's max (none where
    /// the ReLU cut the pooled value). The bias gradient sums the pooled gradients that pass; dw accumulates
    /// cols^T · dz per chunk in block order (chunks summed afterwards in chunk order); dx gets col2im(dz · w^T).
    static func conv2dMaxPoolBackward(_ plan: ConvPoolPlan, x: Tensor, w: Tensor, b: Tensor?, y t: Tensor, positions: Buffer,
                                      keptColumns: Buffer?, relu: Bool) {
        let g = plan.g, k = g.patch, f = w.shape[3], chunks = plan.chunks
        let parts = ConvGradientParts(w: w, b: b, chunks: chunks, values: k * f)
        let PW = parts.w, PB = parts.b, wantW = w.requiresGrad
        guard let grad = t.grad else { return }
        let pooled = t.count
        let DY = SharedPointer(grad.pointer), Y = SharedPointer(t.buffer.pointer)
        let P = SharedPointer(UnsafeMutableRawPointer(positions.pointer).bindMemory(to: UInt8.self, capacity: pooled))
        let X = SharedPointer(x.buffer.pointer), W = SharedPointer(w.buffer.pointer)
        let dx = ConvInputGradient(x, g), DX = dx.base, K = keptColumns.map { SharedPointer($0.pointer) }
        ThreadPool.shared.parallelFor(chunks) { chunk in
            let chunkBands = plan.bands(ofChunk: chunk)
            let dz = Buffer(count: plan.blockRows * f)
            let cols = wantW && K == nil ? Buffer(count: plan.blockRows * k) : nil
            let dcols = DX != nil ? Buffer(count: plan.blockRows * k) : nil
            dx.prepare(images: chunkBands.lowerBound / plan.ph ..< chunkBands.upperBound / plan.ph)
            plan.blocks(chunkBands) { bands in
                let rows = bands.count * plan.bandRows, first = bands.lowerBound * plan.pw * f
                unpoolBlock(plan, DY.base + first, Y.base + first, P.base + first, bands: bands.count, f: f, relu: relu,
                            into: dz.pointer, biasSums: PB.map { $0.base + chunk * f })
                if let PW, let a = K.map({ $0.base + bands.lowerBound * plan.bandRows * k }) ?? cols?.pointer {
                    // dw_chunk (K,F) += cols_block^T (K,rows) · dz_block (rows,F)
                    if K == nil { plan.segments(bands) { row, convRows in im2col(g, X.base, rows: convRows, a + row * k) } }
                    Gemm.serial(transA: true, m: k, n: f, k: rows, a: a, lda: k, b: dz.pointer, ldb: f,
                                beta: bands.lowerBound == chunkBands.lowerBound ? 0 : 1, c: PW.base + chunk * k * f, ldc: f)
                }
                if let DX, let dcols {
                    Gemm.serial(transB: true, m: rows, n: k, k: f, a: dz.pointer, lda: f, b: W.base, ldb: f, c: dcols.pointer, ldc: k)
                    plan.segments(bands) { row, convRows in col2im(g, dcols.pointer + row * k, rows: convRows, DX.base) }
                }
            }
        }
        parts.finish(w: w, b: b)
        withExtendedLifetime(keptColumns) {}
        withExtendedLifetime(positions) {}
    }

    // dy, y, p (bands, PW, F): a block's pooled gradients, values and window positions -> dz (bands · bandRows,
    // F), zero but at each max; biasSums (F) += the gradients that pass (those whose pooled value the ReLU kept).
    static func unpoolBlock(_ plan: ConvPoolPlan, _ dy: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                            _ p: UnsafeMutablePointer<UInt8>, bands: Int, f: Int, relu: Bool,
                            into dz: UnsafeMutablePointer<Float>, biasSums: UnsafeMutablePointer<Float>?) {
        let pool = plan.pool
        dz.update(repeating: 0, count: bands * plan.bandRows * f)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: pool * pool) { table in
            guard let offset = table.baseAddress else { return }
            for cell in 0..<pool * pool { offset[cell] = (cell / pool * plan.segment + cell % pool) * f }
            for band in 0..<bands {
                for q in 0..<plan.pw {
                    let corner = dz + (band * plan.bandRows + q * pool) * f
                    let o = (band * plan.pw + q) * f
                    for ch in 0..<f where !relu || y[o + ch] > 0 {
                        let gradient = dy[o + ch]
                        corner[offset[Int(p[o + ch])] + ch] = gradient
                        biasSums?[ch] += gradient
                    }
                }
            }
        }
    }
}
