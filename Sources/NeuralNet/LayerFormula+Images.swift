import TensorRuntime

// The formulas of the layers that work on images and vectors: what `explain LAYER` prints, with the
// numbers of the layer and its input filled in. Each parameter count follows the layer's `weightCount`.

extension ActivationKind {
    /// The definition, written out: `relu(x) = max(0, x)`; nil for `linear`.
    public var formula: String? {
        switch self {
        case .relu: return "relu(x) = max(0, x)"
        case .leaky_relu: return "leaky_relu(x) = x for x >= 0, \(LayerFormula.number(ActivationKind.leakyReluSlope))*x below"
        case .elu: return "elu(x) = x for x >= 0, \(LayerFormula.number(ActivationKind.eluAlpha))*(exp(x) - 1) below"
        case .gelu: return "gelu(x) = x/2 * (1 + erf(x / sqrt(2)))"
        case .sigmoid: return "sigmoid(x) = 1 / (1 + exp(-x))"
        case .tanh: return "tanh(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x))"
        case .softmax: return "softmax(z)_k = exp(z_k) / sum_j exp(z_j), over the last axis"
        case .linear: return nil
        }
    }
}

/// The output side of a convolution or pooling as a worked rule: `26 = (28 - 3) / 1 + 1`.
func windowSizeRule(input: Int, output: Int, kernel: Int, stride: Int, padding: Padding) -> String {
    padding == .same
        ? "\(output) = ceil(\(input) / \(stride)) (padding=same: zeros around x)"
        : "\(output) = (\(input) - \(kernel)) / \(stride) + 1, rounded down (padding=valid)"
}

/// `x[2i+u, 2j+v, c]` for a window at stride 2 (`x[i+u, j+v, c]` at stride 1).
func windowRead(stride: Int, channel: String = "c") -> String {
    let s = stride == 1 ? "" : "\(stride)"
    return "x[\(s)i+u,\(s)j+v,\(channel)]"
}

extension Conv2D: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let out = try outputShape(for: inputShape)
        let (k, c, f) = (kernelSize, inputShape[2], filters)
        let sum = "b[f] + sum_{u,v<\(k),c<\(c)} \(windowRead(stride: stride))*W[u,v,c,f]"
        return LayerFormula(
            computes: (activation == .linear ? ["y[i,j,f] = " + sum] : ["z[i,j,f] = " + sum, "y = \(activation.rawValue)(z)"])
                + ["height " + windowSizeRule(input: inputShape[0], output: out[0], kernel: k, stride: stride, padding: padding)]
                + (activation.formula.map { [$0] } ?? []),
            symbolic: "K*K*C*F + F", numeric: "\(k)*\(k)*\(c)*\(f) + \(f)",
            letters: ["K = \(k) kernel side", "C = \(c) input channels", "F = \(f) filters"],
            weights: ["kernel W " + LayerFormula.shape([k, k, c, f]), "bias b " + LayerFormula.shape([f])])
    }

    public func reach(inputShape: [Int]) -> LayerReach { .window(size: kernelSize, stride: stride) }
}

extension Conv2DTranspose: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let out = try outputShape(for: inputShape)
        let (k, c, f, s) = (kernelSize, inputShape[2], filters, stride)
        let size = padding == .same
            ? "\(out[0]) = \(inputShape[0])*\(s) (padding=same)"
            : "\(out[0]) = (\(inputShape[0]) - 1)*\(s) + \(k) (padding=valid)"
        return LayerFormula(
            computes: ["z[\(s == 1 ? "" : "\(s)")i+u,\(s == 1 ? "" : "\(s)")j+v,f] += sum_{c<\(c)} x[i,j,c]*W[u,v,f,c] for u,v < \(k)",
                       "y = " + LayerFormula.applying(activation, to: "z + b[f]") + ": each input pixel spreads a \(k)x\(k) patch",
                       "height " + size] + (activation.formula.map { [$0] } ?? []),
            symbolic: "K*K*C*F + F", numeric: "\(k)*\(k)*\(c)*\(f) + \(f)",
            letters: ["K = \(k) kernel side", "C = \(c) input channels", "F = \(f) filters"],
            weights: ["kernel W " + LayerFormula.shape([k, k, f, c]), "bias b " + LayerFormula.shape([f])])
    }

    /// One output pixel gathers ceil(K / stride) input pixels along each side.
    public func reach(inputShape: [Int]) -> LayerReach {
        .spread(size: (kernelSize + stride - 1) / stride, factor: stride)
    }
}

extension Dense: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let out = try outputShape(for: inputShape)
        let d = inputShape.last ?? 0
        let z = useBias ? "x*W + b" : "x*W"
        let positions = inputShape.count > 1 ? ["at each of the \(Shape.count(Array(inputShape.dropLast()))) positions"] : []
        return LayerFormula(
            computes: ["y = " + LayerFormula.applying(activation, to: z) + ": x (\(d)) -> y (\(out.last ?? units))"] + positions + [
                       "y_u = " + LayerFormula.applying(activation, to: "sum_{d<\(d)} x_d*W[d,u]" + (useBias ? " + b_u" : ""))]
                + (activation.formula.map { [$0] } ?? []),
            symbolic: useBias ? "D*U + U" : "D*U", numeric: useBias ? "\(d)*\(units) + \(units)" : "\(d)*\(units)",
            letters: ["D = \(d) inputs", "U = \(units) units"],
            weights: ["kernel W " + LayerFormula.shape([d, units])] + (useBias ? ["bias b " + LayerFormula.shape([units])] : []))
    }

    /// Each position on its own; on a vector, every input.
    public func reach(inputShape: [Int]) -> LayerReach { inputShape.count > 1 ? .pointwise : .whole }
}

extension Pooling2D: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let out = try outputShape(for: inputShape)
        let op = mode == .max ? "max" : "mean"
        return .noWeights("y[i,j,c] = \(op)_{u,v<\(size)} \(windowRead(stride: stride)), each channel alone",
                          "height " + windowSizeRule(input: inputShape[0], output: out[0], kernel: size, stride: stride, padding: padding))
    }

    public func reach(inputShape: [Int]) -> LayerReach { .window(size: size, stride: stride) }
}

extension GlobalAveragePooling2D: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let out = try outputShape(for: inputShape)
        return .noWeights("y[c] = (1/(\(inputShape[0])*\(inputShape[1]))) * sum_{i<\(inputShape[0]),j<\(inputShape[1])} x[i,j,c], c < \(out[0])")
    }

    public func reach(inputShape: [Int]) -> LayerReach { .whole }
}

extension Flatten: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let out = try outputShape(for: inputShape)
        let product = inputShape.count > 1 ? " = " + inputShape.map(String.init).joined(separator: "*") : ""
        return .noWeights("y = x in row-major order: \(LayerFormula.shape(inputShape)) -> (\(out[0])\(product))")
    }

    public func reach(inputShape: [Int]) -> LayerReach { inputShape.count > 1 ? .whole : .pointwise }
}

extension Reshape: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        _ = try outputShape(for: inputShape)
        return .noWeights("y = the values of x in the same order: \(LayerFormula.shape(inputShape)) -> \(LayerFormula.shape(targetShape))")
    }

    public func reach(inputShape: [Int]) -> LayerReach { inputShape == targetShape ? .pointwise : .whole }
}

extension Dropout: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        .noWeights("training: y = x*m / (1 - r), r = \(LayerFormula.number(rate)), m = 0 with probability r",
                   "and 1 otherwise, drawn anew every pass; otherwise: y = x")
    }
}

extension ActivationLayer: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        LayerFormula(computes: ["y = \(LayerFormula.applying(activation, to: "x"))"] + (activation.formula.map { [$0] } ?? []))
    }
}

extension BatchNormalization: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let c = try outputShape(for: inputShape).last ?? 0
        return LayerFormula(
            computes: ["y = gamma*(x - mu) / sqrt(var + eps) + beta, eps = \(LayerFormula.number(epsilon))",
                       "training: mu, var of each channel over the batch, and",
                       "moving = \(LayerFormula.number(momentum))*moving + \(LayerFormula.number(1 - momentum))*batch; otherwise: the moving ones"],
            symbolic: "4*C", numeric: "4*\(c)",
            letters: ["C = \(c) channels (gamma, beta trained; moving mean and variance not)"],
            weights: ["gamma (\(c))", "beta (\(c))", "moving_mean (\(c))", "moving_variance (\(c))"])
    }
}

extension LayerNormalization: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let d = try outputShape(for: inputShape).last ?? 0
        return LayerFormula(
            computes: ["y = gamma*(x - mu) / sqrt(var + eps) + beta, eps = \(LayerFormula.number(epsilon))",
                       "mu, var: over the \(d) features of each position"],
            symbolic: "2*D", numeric: "2*\(d)", letters: ["D = \(d) features"],
            weights: ["gamma (\(d))", "beta (\(d))"])
    }
}

extension UpSampling2D: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let out = try outputShape(for: inputShape)
        return .noWeights("y[i,j,c] = x[floor(i/\(size)),floor(j/\(size)),c]: pixels repeated \(size)x\(size)",
                          "height \(out[0]) = \(inputShape[0])*\(size)")
    }

    public func reach(inputShape: [Int]) -> LayerReach { .spread(size: 1, factor: size) }
}

extension Sampling: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let z = try outputShape(for: inputShape)[0]
        return .noWeights("mean = x[0..\(z)), logvar = x[\(z)..\(2 * z))",
                          "training: z = mean + exp(logvar/2)*eps, eps ~ N(0, 1)", "otherwise: z = mean",
                          "KL = -1/2 * sum(1 + logvar - mean^2 - exp(logvar)), batch mean;",
                          "the loss adds kl*KL (compile kl=...)")
    }
}
