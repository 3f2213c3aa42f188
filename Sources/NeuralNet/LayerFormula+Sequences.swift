import TensorRuntime

// The formulas of the layers that work on sequences (tokens, features) and of the blocks (residual,
// sequential, transformer). Shapes are without the batch axis: T tokens of D features.

extension Embedding: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        LayerFormula(computes: ["y[t] = E[x[t]]: row x[t] of the table E, for each token id"],
                     symbolic: "V*D", numeric: "\(vocabulary)*\(dimension)",
                     letters: ["V = \(vocabulary) tokens", "D = \(dimension) features"],
                     weights: ["embeddings E " + LayerFormula.shape([vocabulary, dimension])])
    }
}

extension PositionalEncoding: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let (t, d) = try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "positional")
        switch kind {
        case .learned:
            return LayerFormula(computes: ["y[t] = x[t] + P[t], P a trained table of one row per position"],
                                symbolic: "T*D", numeric: "\(t)*\(d)", letters: ["T = \(t) tokens", "D = \(d) features"],
                                weights: ["embeddings P " + LayerFormula.shape([t, d])])
        case .sinusoidal:
            return .noWeights("y[t,2i] = x[t,2i] + sin(t / 10000^(2i/\(d)))",
                              "y[t,2i+1] = x[t,2i+1] + cos(t / 10000^(2i/\(d))); no weights")
        }
    }
}

extension PatchEmbedding: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let grid = try patchGrid(inputShape)
        let c = inputShape[2]
        return LayerFormula(
            computes: ["x \(LayerFormula.shape(inputShape)) cut into \(grid.patches) patches of \(size)x\(size)x\(c) = \(grid.values) values",
                       "y[p] = patch_p*W + b: a vector of \(dimension) per patch, row by row"],
            symbolic: "P*P*C*D + D", numeric: "\(size)*\(size)*\(c)*\(dimension) + \(dimension)",
            letters: ["P = \(size) patch side", "C = \(c) channels", "D = \(dimension) features"],
            weights: ["projection.kernel W " + LayerFormula.shape([grid.values, dimension]),
                      "projection.bias b " + LayerFormula.shape([dimension])])
    }

    public func reach(inputShape: [Int]) -> LayerReach { .window(size: size, stride: size) }

    /// The projection reads the patches: (patches, values per patch).
    public func childInputShapes(inputShape: [Int]) throws -> [[Int]] {
        let grid = try patchGrid(inputShape)
        return [[grid.patches, grid.values]]
    }
}

extension ClassToken: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let (t, d) = try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "classtoken")
        return LayerFormula(computes: ["y = [c; x]: the learned vector c, then the \(t) tokens (\(t + 1))"],
                            symbolic: "D", numeric: "\(d)", letters: ["D = \(d) features"], weights: ["token c (\(d))"])
    }
}

extension TokenSelect: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        _ = try outputShape(for: inputShape)
        return .noWeights("y = x[\(index)]: token \(index) of the \(inputShape[0])")
    }
}

extension GlobalAveragePooling1D: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        _ = try outputShape(for: inputShape)
        return .noWeights("y = (1/\(inputShape[0])) * sum_{t<\(inputShape[0])} x[t]: the mean of the tokens")
    }

    public func reach(inputShape: [Int]) -> LayerReach { .whole }
}

extension MultiHeadAttention: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let (t, d, n) = try dimensions(inputShape)
        let h = heads
        return LayerFormula(
            computes: ["Q = x*Wq + bq, K = x*Wk + bk, V = x*Wv + bv: (\(t), \(n)) per head",
                       "A = softmax(Q*K^T / sqrt(\(n))), row by row over the \(t) keys"]
                + (causal ? ["(causal: -inf where a key comes after the query)"] : [])
                + ["O_h = A*V; y = [\(sideBySide(h))]*Wo + bo (\(t), \(d))"],
            symbolic: "3*(D*H*N + H*N) + H*N*D + D", numeric: "3*(\(d)*\(h)*\(n) + \(h)*\(n)) + \(h)*\(n)*\(d) + \(d)",
            letters: ["D = \(d) features", "H = \(h) heads", "N = \(n) key_dim"],
            weights: ["query, key, value: kernel " + LayerFormula.shape([d, h * n]) + ", bias (\(h * n)) each",
                      "attention_output: kernel " + LayerFormula.shape([h * n, d]) + ", bias (\(d))"])
    }

    public func reach(inputShape: [Int]) -> LayerReach { causal ? .earlier : .whole }

    /// query, key and value read x (T, D); attention_output the heads side by side (T, H·N).
    public func childInputShapes(inputShape: [Int]) throws -> [[Int]] {
        let (t, _, n) = try dimensions(inputShape)
        return children.map { $0 === output ? [t, heads * n] : inputShape }
    }
}

/// `O_0 O_1`, or `O_0 ... O_7` for many heads: the heads side by side.
private func sideBySide(_ h: Int) -> String {
    h <= 3 ? (0..<h).map { "O_\($0)" }.joined(separator: " ") : "O_0 ... O_\(h - 1)"
}

extension TransformerBlock: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        _ = try outputShape(for: inputShape)
        let d = inputShape[1], m = mlpUnits
        let inner = try attention.formula(inputShape: inputShape)
        return LayerFormula(
            computes: ["h = x + MHA(LN1(x)); y = h + gelu(LN2(h)*W1 + b1)*W2 + b2",
                       "LN: layer normalisation of each token",
                       "MHA: per head softmax(Q*K^T / sqrt(N))*V" + (attention.causal ? ", causal" : ""),
                       "(explain \(name).attention shows it alone)"],
            symbolic: inner.symbolic + " + 4*D + D*M + M + M*D + D",
            numeric: inner.numeric + " + 4*\(d) + \(d)*\(m) + \(m) + \(m)*\(d) + \(d)",
            letters: inner.letters + ["M = \(m) MLP units"],
            weights: inner.weights + ["layer_normalization_1 and _2: gamma, beta (\(d)) each",
                                      "dense_1: kernel " + LayerFormula.shape([d, m]) + ", bias (\(m))",
                                      "dense_2: kernel " + LayerFormula.shape([m, d]) + ", bias (\(d))"])
    }

    public func reach(inputShape: [Int]) -> LayerReach { attention.reach(inputShape: inputShape) }
}

extension RecurrentLayer: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let out = try outputShape(for: inputShape)
        let (t, d, u) = (inputShape[0], inputShape[1], units)
        let act = activation.rawValue
        let steps: [String]
        let symbolic: String, numeric: String
        switch cell {
        case .simple:
            steps = ["h_t = \(act)(x_t*W + h_{t-1}*R + b)"]
            (symbolic, numeric) = ("D*U + U*U + U", "\(d)*\(u) + \(u)*\(u) + \(u)")
        case .lstm:
            steps = ["[i, f, g, o] = x_t*W + h_{t-1}*R + b",
                     "i, f, o through sigmoid, g through \(act)",
                     "c_t = f*c_{t-1} + i*g; h_t = o*\(act)(c_t)"]
            (symbolic, numeric) = ("4*(D*U + U*U + U)", "4*(\(d)*\(u) + \(u)*\(u) + \(u))")
        case .gru(let resetAfter):
            steps = ["z = sigmoid(x_t*Wz + h_{t-1}*Rz + b)", "r = sigmoid(x_t*Wr + h_{t-1}*Rr + b)",
                     resetAfter ? "h~ = \(act)(x_t*Wh + b_in + r*(h_{t-1}*Rh + b_rec))" : "h~ = \(act)(x_t*Wh + (r*h_{t-1})*Rh + b)",
                     "h_t = z*h_{t-1} + (1 - z)*h~"]
            (symbolic, numeric) = resetAfter ? ("3*(D*U + U*U + 2*U)", "3*(\(d)*\(u) + \(u)*\(u) + 2*\(u))")
                                             : ("3*(D*U + U*U + U)", "3*(\(d)*\(u) + \(u)*\(u) + \(u))")
        }
        let g = cell.gates * u
        return LayerFormula(
            computes: steps + ["for t = 1 ... \(t), h_0 = 0; y = " + (returnSequences ? "(h_1 ... h_\(t)) \(LayerFormula.shape(out))" : "h_\(t) (\(u))")],
            symbolic: symbolic, numeric: numeric,
            letters: ["D = \(d) features", "U = \(u) units"],
            weights: ["kernel W " + LayerFormula.shape([d, g]), "recurrent_kernel R " + LayerFormula.shape([u, g]),
                      "bias b " + LayerFormula.shape(cell.biasRows == 1 ? [g] : [cell.biasRows, g])])
    }

    public func reach(inputShape: [Int]) -> LayerReach { returnSequences ? .earlier : .whole }
}

extension Residual: LayerMath {
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        _ = try outputShape(for: inputShape)
        let inner = try (body as? any LayerMath)?.formula(inputShape: inputShape) ?? LayerFormula(computes: [])
        var formula = inner
        formula.computes = ["y = x + f(x), f: " + (body is Sequential ? "its \(body.children.count) layers one after another" : "\(body.name) (\(body.typeName))")]
        return formula
    }

    public func reach(inputShape: [Int]) -> LayerReach { (body as? any LayerMath)?.reach(inputShape: inputShape) ?? .whole }
}

extension Sequential: LayerMath {
    /// The sum of the layers' counts; the computation is the layers one after another.
    public func formula(inputShape: [Int]) throws -> LayerFormula {
        let shapes = try plan(layers, inputShape: inputShape)
        let inputs = [inputShape] + shapes.dropLast()
        let parts = try zip(layers, inputs).map { layer, shape in
            try (layer as? any LayerMath)?.formula(inputShape: shape) ?? LayerFormula(computes: [])
        }
        return LayerFormula.sum(parts, computes: ["y = its \(layers.count) layers one after another"])
    }

    public func reach(inputShape: [Int]) -> LayerReach {
        guard let shapes = try? plan(layers, inputShape: inputShape) else { return .whole }
        let inputs = [inputShape] + shapes.dropLast()
        return .chain(zip(layers, inputs).map { layer, shape in (layer as? any LayerMath)?.reach(inputShape: shape) ?? .whole })
    }
}
