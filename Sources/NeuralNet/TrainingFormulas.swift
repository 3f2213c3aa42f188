import TensorRuntime

// The formulas of the losses, optimisers, schedules and metrics, written out for a class (`explain loss`,
// `explain optimizer`, `explain METRIC`): plain-text lines, with the values in use filled in. Each
// follows the code it describes (Losses.swift, Optimizer.step, Schedule.next, Metric.score).

extension Loss {
    /// What the loss computes over a batch of N examples (z: the model's outputs, p: probabilities).
    /// `fused`: the model's final softmax or sigmoid is folded into the loss (nil: not known, both told).
    public func formula(fused: Bool?) -> [String] {
        let eps = LayerFormula.number(Tensor.probabilityEpsilon)
        let clip = "p clipped to [\(eps), 1 - \(eps)]"
        switch self {
        case .sparse_categorical_crossentropy, .categorical_crossentropy:
            let sparse = self == .sparse_categorical_crossentropy
            let main = sparse ? "L = -(1/N) * sum_n log p_n[y_n]: y_n the class label of example n"
                              : "L = -(1/N) * sum_n sum_k t_nk * log p_nk: t_n the one-hot label (or a distribution)"
            return [main, probabilities(fused, from: "softmax", clip: clip),
                    "per-token outputs (N, T, K): the mean over all N*T tokens"]
        case .binary_crossentropy:
            return ["L = -(1/(N*K)) * sum [t*log p + (1 - t)*log(1 - p)], t = 0 or 1",
                    probabilities(fused, from: "sigmoid", clip: clip)]
        case .mse:
            return ["L = (1/(N*K)) * sum (y - t)^2 over every output y and its target t"]
        case .mae:
            return ["L = (1/(N*K)) * sum |y - t| over every output y and its target t"]
        }
    }

    private func probabilities(_ fused: Bool?, from activation: String, clip: String) -> String {
        let logits = "p = \(activation)(z), folded into the loss: computed from the logits z"
        switch fused {
        case true?: return logits
        case false?: return "p = the model's outputs, \(clip)"
        case nil: return "p = \(activation)(z) from the logits z if the model ends in \(activation) or linear, else \(clip)"
        }
    }
}

extension OptimizerConfig {
    /// The update of one weight w with its gradient g = dL/dw at step t, with the hyper-parameters in use.
    /// `learningRate`: the rate of the next step (a schedule may have changed it since compile).
    public func formula(learningRate: Float) -> [String] {
        let lr = LayerFormula.number(learningRate), eps = LayerFormula.number(OptimizerConfig.epsilon)
        let values: String
        var lines: [String]
        switch kind {
        case .sgd:
            let mu = momentum ?? OptimizerConfig.defaultMomentum
            if mu == 0 {
                lines = ["w = w - lr*g"]
                values = "lr = \(lr)"
            } else {
                lines = ["v = mu*v - lr*g (v starts at 0)",
                         nesterov ? "w = w + mu*v - lr*g (Nesterov)" : "w = w + v"]
                values = "lr = \(lr), mu = \(LayerFormula.number(mu))"
            }
        case .adam, .adamw:
            let b1 = LayerFormula.number(OptimizerConfig.beta1), b2 = LayerFormula.number(OptimizerConfig.beta2)
            lines = ["m = beta1*m + (1 - beta1)*g (the mean of g; m starts at 0)",
                     "v = beta2*v + (1 - beta2)*g^2 (the mean of g^2; v starts at 0)",
                     "lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t): bias correction, step t",
                     "w = w - lr_t * m / (sqrt(v) + eps)"]
            values = "lr = \(lr), beta1 = \(b1), beta2 = \(b2), eps = \(eps)"
            if kind == .adamw {
                let decay = weightDecay ?? OptimizerConfig.defaultWeightDecay
                lines.insert("w = w - lr*wd*w first: decoupled weight decay, wd = \(LayerFormula.number(decay))", at: 0)
            }
        case .rmsprop:
            let mu = momentum ?? OptimizerConfig.defaultMomentum
            lines = ["a = rho*a + (1 - rho)*g^2 (the mean of g^2; a starts at 0)", "s = lr*g / sqrt(a + eps)",
                     mu > 0 ? "m = mu*m + s; w = w - m" : "w = w - s"]
            values = "lr = \(lr), rho = \(LayerFormula.number(OptimizerConfig.rho)), eps = \(eps)"
                + (mu > 0 ? ", mu = \(LayerFormula.number(mu))" : "")
        }
        return lines + [values]
    }

    /// Values the optimiser keeps per weight: momentum or RMSprop's average, two for Adam.
    public var slotsPerWeight: Int {
        switch kind {
        case .sgd: return (momentum ?? OptimizerConfig.defaultMomentum) > 0 ? 1 : 0
        case .adam, .adamw: return 2
        case .rmsprop: return (momentum ?? OptimizerConfig.defaultMomentum) > 0 ? 2 : 1
        }
    }
}

extension Schedule {
    /// How the learning rate changes, after each epoch e (from 1), from the rate `base` given at compile.
    public var formula: String {
        switch self {
        case let .step(size, gamma):
            return "lr = base * \(LayerFormula.number(gamma))^floor(e / \(size)) after epoch e"
        case let .cosine(epochs, minFactor):
            let wave = "(1 + cos(pi * min(e, \(epochs)) / \(epochs))) / 2"
            guard minFactor > 0 else { return "lr = base * \(wave) after epoch e" }
            return "lr = base * (\(LayerFormula.number(minFactor)) + \(LayerFormula.number(1 - minFactor)) * \(wave)) after epoch e"
        case let .plateau(patience, factor, minimum):
            return "lr = max(lr * \(LayerFormula.number(factor)), \(LayerFormula.number(minimum))) after \(patience)"
                + " epochs without the monitored loss falling by 1e-4"
        }
    }
}

extension Metric {
    /// What the metric reports over a set of N examples (per-token outputs: over their tokens).
    public var formula: [String] {
        switch self {
        case .accuracy:
            return ["accuracy = (1/N) * sum_n [argmax_k z_nk = y_n], [...] 1 when true, else 0",
                    "one output: [z_n > 0.5] = y_n (0 on logits); per token: mean over tokens"]
        case .topK(let k):
            return ["top\(k) = (1/N) * sum_n [y_n among the \(k) highest scores z_n]",
                    "(fewer than \(k) classes score above z_n[y_n])"]
        case .sequenceAccuracy:
            return ["sequence_accuracy = (1/N) * sum_n [argmax z_nt = y_nt at every token t]"]
        case .perplexity:
            return ["perplexity = exp(H), H = -(1/N) * sum_n (1/T) * sum_t ln p_nt[y_nt]",
                    "H: the mean cross-entropy per token (nats); a uniform guess over V tokens scores V"]
        case .bitsPerToken:
            return ["bits_per_token = H / ln 2 = -(1/N) * sum_n (1/T) * sum_t log2 p_nt[y_nt]",
                    "bits per character when the tokens are characters; ln(perplexity) / ln 2"]
        }
    }
}
