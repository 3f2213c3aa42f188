/// Elementwise activations; each case carries its function and derivative side by side. exp, tanh, erf and
/// the sigmoid are `FixedMath`'s (the same bits on every CPU).
public enum Activation: Sendable, Equatable {
    case relu
    case leakyRelu(alpha: Float)
    case elu(alpha: Float)
    case gelu
    case sigmoid
    case tanh

    /// f(x).
    @inline(__always) func value(_ x: Float) -> Float {
        switch self {
        case .relu: return x > 0 ? x : 0
        case .leakyRelu(let a): return x > 0 ? x : a * x
        case .elu(let a): return x > 0 ? x : a * (FixedMath.exp(x) - 1)
        case .gelu: return 0.5 * x * (1 + FixedMath.erf(x * 0.70710678))
        case .sigmoid: return FixedMath.sigmoid(x)
        case .tanh: return FixedMath.tanh(x)
        }
    }

    /// y[i] = f(x[i]) for `count` values (y may be x): the same bits as `value`, sigmoid and tanh over whole
    /// runs through CKernels.
    @inline(__always) func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .sigmoid: FixedMath.apply(.sigmoid, x, y, count: count)
        case .tanh: FixedMath.apply(.tanh, x, y, count: count)
        default: for i in 0..<count { y[i] = value(x[i]) }
        }
    }

    /// f'(x), given x and y = f(x).
    @inline(__always) func derivative(x: Float, y: Float) -> Float {
        switch self {
        case .relu: return x > 0 ? 1 : 0
        case .leakyRelu(let a): return x > 0 ? 1 : a
        case .elu(let a): return x > 0 ? 1 : y + a
        case .gelu: return 0.5 * (1 + FixedMath.erf(x * 0.70710678)) + x * 0.39894228 * FixedMath.exp(-0.5 * x * x)
        case .sigmoid: return y * (1 - y)
        case .tanh: return 1 - y * y
        }
    }
}

extension Tensor {
    /// y = f(x) elementwise, any shape.
    public static func activate(_ x: Tensor, _ f: Activation) -> Tensor {
        if f == .gelu { return gelu(x) }
        let n = x.count, out = Buffer(count: n)
        let X = SharedPointer(x.buffer.pointer), Y = SharedPointer(out.pointer)
        Parallel.chunks(n) { r in f.apply(X.base + r.lowerBound, Y.base + r.lowerBound, count: r.count) }
        return make(x.shape, out, inputs: [x]) { t in
            let G = SharedPointer(t.grad!.pointer), DX = SharedPointer(x.gradPointer())
            Parallel.chunks(n) { r in for i in r { DX[i] += G[i] * f.derivative(x: X[i], y: Y[i]) } }
        }
    }
}
