// Quantised forward passes: int8 activations × int8 weights accumulated in Int32, then dequantised.
// Inference only (no autograd). Every output value is computed by one task from the shape alone, so
// results are bit-identical for any thread count.

extension Tensor {
    /// x (any shape) -> q (same count): round(x / scale) clamped to -127...127, in row-major order.
    public static func quantizeActivations(_ x: Tensor, scale: Float) -> [Int8] {
        var q = [Int8](repeating: 0, count: x.count)
        let p = x.buffer.pointer
        q.withUnsafeMutableBufferPointer { out in
            let Q = SharedPointer(out.baseAddress!)
            Parallel.chunks(x.count) { r in for i in r { Q[i] = Int8Weights.quantize(p[i], scale: scale) } }
        }
        return q
    }

    /// x (..., K) quantised with `inputScale`, w (K, N) int8 -> y (..., N) float:
    /// y[m, n] = Float(Σ_k qx[m, k]·qw[k, n]) · (inputScale · scale_n) + b[n]. No activation.
    public static func int8Linear(_ x: Tensor, inputScale: Float, _ w: Int8Weights, _ b: Tensor?) throws -> Tensor {
        guard w.shape.count == 2, let k = x.shape.last, x.rank >= 1, k == w.shape[0] else {
            throw TensorError.shapeMismatch(op: "int8 dense", lhs: x.shape, rhs: w.shape)
        }
        let n = w.shape[1], m = x.count / max(k, 1)
        try checkAccumulator(k, op: "int8 dense")
        if let b, b.shape != [n] { throw TensorError.shapeMismatch(op: "int8 dense bias", lhs: [n], rhs: b.shape) }
        let qx = quantizeActivations(x, scale: inputScale)
        let out = Buffer(count: m * n)
        let Y = SharedPointer(out.pointer), B = b.map { SharedPointer($0.buffer.pointer) }
        let multipliers = (0..<n).map { inputScale * w.scale($0) }
        qx.withUnsafeBufferPointer { xs in
            w.values.withUnsafeBufferPointer { ws in
                let X = xs.baseAddress!, W = ws.baseAddress!
                Parallel.rows(m, width: n * k / 64 + 1) { rows in
                    var acc = [Int32](repeating: 0, count: n)
                    for row in rows {
                        int8LinearRow(X + row * k, W, k: k, n: n, acc: &acc)
                        for j in 0..<n { Y[row * n + j] = Float(acc[j]) * multipliers[j] + (B?[j] ?? 0) }
                    }
                }
            }
        }
        var shape = x.shape; shape[shape.count - 1] = n
        return Tensor(shape: shape, buffer: out)
    }

    /// Throws unless `k` products of two int8 values (at most 127² each) sum within an Int32.
    static func checkAccumulator(_ k: Int, op: String) throws {
        guard k <= Int(Int32.max) / (127 * 127) else {
            throw TensorError.badArgument(op: op, message: "\(k) products per output overflow an Int32 accumulator")
        }
    }

    /// acc (N) = Σ_k x[k] · w[k, :]; x (K) int8, w (K, N) int8. Zero inputs (after ReLU, most) are skipped.
    @inline(__always)
    static func int8LinearRow(_ x: UnsafePointer<Int8>, _ w: UnsafePointer<Int8>, k: Int, n: Int, acc: inout [Int32]) {
        acc.withUnsafeMutableBufferPointer { a in
            for j in 0..<n { a[j] = 0 }
            for i in 0..<k {
                let xv = Int32(x[i])
                if xv == 0 { continue }
                let row = w + i * n
                for j in 0..<n { a[j] &+= xv &* Int32(row[j]) }
            }
        }
    }

    /// x (N, H, W, C) quantised with `inputScale`, w (KH, KW, C, F) int8 -> y (N, OH, OW, F) float:
    /// y[n, oh, ow, f] = Float(Σ_{kh,kw,c} qx[n, oh·s+kh-pt, ow·s+kw-pl, c]·qw[kh, kw, c, f]) · (inputScale · scale_f) + b[f],
    /// taps outside the input (same padding) count as zero. No activation.
    public static func int8Conv2d(_ x: Tensor, inputScale: Float, _ w: Int8Weights, _ b: Tensor?,
                                  stride: Int, padding: Padding) throws -> Tensor {
        guard w.shape.count == 4, x.rank == 4, x.shape[3] == w.shape[2] else {
            throw TensorError.shapeMismatch(op: "int8 conv2d", lhs: x.shape, rhs: w.shape)
        }
        let g = try ConvGeometry(input: x.shape, kernel: (w.shape[0], w.shape[1]), stride: stride, padding: padding, op: "int8 conv2d")
        let f = w.shape[3]
        try checkAccumulator(g.kh * g.kw * g.c, op: "int8 conv2d")
        if let b, b.shape != [f] { throw TensorError.shapeMismatch(op: "int8 conv2d bias", lhs: [f], rhs: b.shape) }
        let count = try Shape.checkedCount([g.n, g.oh, g.ow, f], op: "int8 conv2d")
        let qx = quantizeActivations(x, scale: inputScale)
        let out = Buffer(count: count)
        let Y = SharedPointer(out.pointer), B = b.map { SharedPointer($0.buffer.pointer) }
        let multipliers = (0..<f).map { inputScale * w.scale($0) }
        qx.withUnsafeBufferPointer { xs in
            w.values.withUnsafeBufferPointer { ws in
                let X = xs.baseAddress!, W = ws.baseAddress!
                ThreadPool.shared.parallelFor(g.n) { image in
                    var acc = [Int32](repeating: 0, count: f)
                    for oh in 0..<g.oh {
                        for ow in 0..<g.ow {
                            int8ConvPixel(X, W, g, f: f, image: image, oh: oh, ow: ow, acc: &acc)
                            let o = ((image * g.oh + oh) * g.ow + ow) * f
                            for j in 0..<f { Y[o + j] = Float(acc[j]) * multipliers[j] + (B?[j] ?? 0) }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [g.n, g.oh, g.ow, f], buffer: out)
    }

    /// acc (F) = the window sum of one output pixel; x (N, H, W, C) int8, w (KH, KW, C, F) int8.
    @inline(__always)
    static func int8ConvPixel(_ x: UnsafePointer<Int8>, _ w: UnsafePointer<Int8>, _ g: ConvGeometry, f: Int,
                              image: Int, oh: Int, ow: Int, acc: inout [Int32]) {
        acc.withUnsafeMutableBufferPointer { a in
            for j in 0..<f { a[j] = 0 }
            for kh in 0..<g.kh {
                let ih = oh * g.stride + kh - g.padTop
                if ih < 0 || ih >= g.h { continue }
                for kw in 0..<g.kw {
                    let iw = ow * g.stride + kw - g.padLeft
                    if iw < 0 || iw >= g.w { continue }
                    let xs = x + ((image * g.h + ih) * g.w + iw) * g.c
                    let taps = w + (kh * g.kw + kw) * g.c * f
                    for c in 0..<g.c {
                        let xv = Int32(xs[c])
                        if xv == 0 { continue }
                        let row = taps + c * f
                        for j in 0..<f { a[j] &+= xv &* Int32(row[j]) }
                    }
                }
            }
        }
    }
}
