import TensorRuntime

// Naive reference kernels, written for clarity and accumulated in Double: the fast kernels are compared
// against these. They share no code with TensorRuntime's kernels (geometry included).

// MARK: - Matrix products

/// c (M,N) = op(a) · op(b); `a` is stored (M,K) or, with `transA`, (K,M); `b` (K,N) or, with `transB`, (N,K).
public func referenceMatmul(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int,
                            transA: Bool = false, transB: Bool = false) -> [Float] {
    precondition(a.count == m * k && b.count == k * n, "referenceMatmul: operand sizes do not match m, n, k")
    var c = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var acc: Double = 0
            for p in 0..<k {
                let av = transA ? a[p * m + i] : a[i * k + p]
                let bv = transB ? b[j * k + p] : b[p * n + j]
                acc += Double(av) * Double(bv)
            }
            c[i * n + j] = Float(acc)
        }
    }
    return c
}

/// a (M,K) · b (K,N) -> (M,N); with `transposeB`, b is (N,K).
public func referenceMatmul(_ a: Tensor, _ b: Tensor, transposeB: Bool = false) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2, "referenceMatmul takes matrices")
    let m = a.shape[0], k = a.shape[1], n = transposeB ? b.shape[0] : b.shape[1]
    return Tensor(referenceMatmul(a.array, b.array, m: m, n: n, k: k, transB: transposeB), shape: [m, n])
}

/// a (B,M,K) · b (B,K,N) -> (B,M,N); with `transposeB`, b is (B,N,K).
public func referenceBatchedMatmul(_ a: Tensor, _ b: Tensor, transposeB: Bool = false) -> Tensor {
    precondition(a.rank == 3 && b.rank == 3 && a.shape[0] == b.shape[0], "referenceBatchedMatmul takes (B, ., .) pairs")
    let batch = a.shape[0], m = a.shape[1], k = a.shape[2], n = transposeB ? b.shape[1] : b.shape[2]
    let av = a.array, bv = b.array
    var out: [Float] = []
    for i in 0..<batch {
        out += referenceMatmul(Array(av[i * m * k ..< (i + 1) * m * k]), Array(bv[i * k * n ..< (i + 1) * k * n]),
                               m: m, n: n, k: k, transB: transposeB)
    }
    return Tensor(out, shape: [batch, m, n])
}

// MARK: - Window geometry (TensorFlow's rule)

/// Output length and padding before the first element along one axis, as TensorFlow computes them:
/// valid: ceil((input - kernel + 1) / stride), no padding; same: ceil(input / stride), total padding
/// max((output - 1)·stride + kernel - input, 0) with the odd one at the end (bottom/right).
public func referenceWindow(input: Int, kernel: Int, stride: Int, padding: Padding) -> (output: Int, padBefore: Int) {
    switch padding {
    case .valid:
        return (input >= kernel ? (input - kernel + stride) / stride : 0, 0)
    case .same:
        let output = (input + stride - 1) / stride
        let total = max((output - 1) * stride + kernel - input, 0)
        return (output, total / 2)
    }
}

// MARK: - Convolution

/// NHWC convolution: x (N,H,W,C), w (KH,KW,C,F), b (F) -> (N,OH,OW,F), then ReLU when `relu`.
public func referenceConv2d(_ x: Tensor, _ w: Tensor, _ b: Tensor? = nil, stride: Int = 1,
                            padding: Padding = .valid, relu: Bool = false) -> Tensor {
    precondition(x.rank == 4 && w.rank == 4 && w.shape[2] == x.shape[3], "referenceConv2d: x (N,H,W,C), w (KH,KW,C,F)")
    let (n, h, wd, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw, f) = (w.shape[0], w.shape[1], w.shape[3])
    let (oh, top) = referenceWindow(input: h, kernel: kh, stride: stride, padding: padding)
    let (ow, left) = referenceWindow(input: wd, kernel: kw, stride: stride, padding: padding)
    let X = x.array, W = w.array, B = b?.array
    var out = [Float](repeating: 0, count: n * oh * ow * f)
    for img in 0..<n { for oy in 0..<oh { for ox in 0..<ow { for fo in 0..<f {
        var acc: Double = B.map { Double($0[fo]) } ?? 0
        for dy in 0..<kh { for dx in 0..<kw {
            let iy = oy * stride - top + dy, ix = ox * stride - left + dx
            guard iy >= 0 && iy < h && ix >= 0 && ix < wd else { continue }
            for ch in 0..<c {
                acc += Double(X[((img * h + iy) * wd + ix) * c + ch]) * Double(W[((dy * kw + dx) * c + ch) * f + fo])
            }
        } }
        if relu && acc < 0 { acc = 0 }
        out[((img * oh + oy) * ow + ox) * f + fo] = Float(acc)
    } } } }
    return Tensor(out, shape: [n, oh, ow, f])
}

// MARK: - Pooling

/// Visits each output cell of a size×size pooling over x (N,H,W,C) with the in-bounds input values of its window.
private func referencePool(_ x: Tensor, size: Int, stride: Int?, padding: Padding,
                           _ reduce: ([Float]) -> Float) -> Tensor {
    precondition(x.rank == 4, "reference pooling takes (N,H,W,C)")
    let s = stride ?? size
    let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (oh, top) = referenceWindow(input: h, kernel: size, stride: s, padding: padding)
    let (ow, left) = referenceWindow(input: w, kernel: size, stride: s, padding: padding)
    let X = x.array
    var out = [Float](repeating: 0, count: n * oh * ow * c)
    for img in 0..<n { for oy in 0..<oh { for ox in 0..<ow { for ch in 0..<c {
        var window: [Float] = []
        for dy in 0..<size { for dx in 0..<size {
            let iy = oy * s - top + dy, ix = ox * s - left + dx
            if iy >= 0 && iy < h && ix >= 0 && ix < w { window.append(X[((img * h + iy) * w + ix) * c + ch]) }
        } }
        out[((img * oh + oy) * ow + ox) * c + ch] = reduce(window)
    } } } }
    return Tensor(out, shape: [n, oh, ow, c])
}

/// Max pooling (NHWC); cells outside the image (same padding) never win, as in TensorFlow.
public func referenceMaxPool(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) -> Tensor {
    referencePool(x, size: size, stride: stride, padding: padding) { $0.max() ?? -.infinity }
}

/// Average pooling (NHWC); the mean over the window's cells inside the image (padding is not counted).
public func referenceAvgPool(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) -> Tensor {
    referencePool(x, size: size, stride: stride, padding: padding) { window in
        window.isEmpty ? 0 : Float(window.reduce(0.0) { $0 + Double($1) } / Double(window.count))
    }
}

// MARK: - Softmax

/// Softmax over the last axis, in Double.
public func referenceSoftmax(_ x: Tensor) -> Tensor {
    let c = x.shape.last ?? 1, v = x.array
    var out = [Float](repeating: 0, count: v.count)
    for r in 0..<(v.count / max(c, 1)) {
        let row = v[r * c ..< (r + 1) * c].map(Double.init)
        let m = row.max() ?? 0
        let e = row.map { _exp($0 - m) }
        let s = e.reduce(0, +)
        for j in 0..<c { out[r * c + j] = Float(e[j] / s) }
    }
    return Tensor(out, shape: x.shape)
}

#if canImport(Glibc)
import Glibc
@inline(__always) private func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) private func _exp(_ x: Double) -> Double { Darwin.exp(x) }
#endif
