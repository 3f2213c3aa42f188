// The language's fixed word sets are the engine's enums: an activation,
// initializer, loss, optimizer, metric, schedule or padding word is exactly a
// case of the NeuralNet (or TensorRuntime) enum, spelled by its raw value.
// Adding a case there adds the word here, to `help` and to the checks; the
// exhaustive switches below make the compiler ask for its one-line summary.

import TensorRuntime
import NeuralNet

extension ActivationKind: LanguageWord {}
extension NeuralNet.Initializer: LanguageWord {}
extension NeuralNet.Loss: LanguageWord {}
extension OptimizerKind: LanguageWord {}
extension NeuralNet.Metric: LanguageWord {}
extension ScheduleKind: LanguageWord {}
extension TensorRuntime.Padding: LanguageWord {}

/// A word set with a noun for messages and a one-line summary per word, for `help WORD`.
protocol DescribedWord: LanguageWord {
    /// "activation", "loss": used in "unknown activation 'x'" and in help.
    static var noun: String { get }
    var summary: String { get }
}

extension ActivationKind: DescribedWord {
    static var noun: String { "activation" }
    var summary: String {
        switch self {
        case .relu: return "max(0, x)"
        case .leaky_relu: return "x for x >= 0, \(Vocabulary.format(ActivationKind.leakyReluSlope))·x below (slope \(Vocabulary.format(ActivationKind.leakyReluSlope)), Keras's default)"
        case .elu: return "x for x >= 0, \(Vocabulary.format(ActivationKind.eluAlpha))·(exp(x) - 1) below"
        case .gelu: return "x·Φ(x), the exact erf form (not the tanh approximation)"
        case .sigmoid: return "1 / (1 + exp(-x))"
        case .tanh: return "hyperbolic tangent"
        case .softmax: return "exponentials normalised to sum to 1 over the last axis"
        case .linear: return "the identity (no activation)"
        }
    }
}

extension NeuralNet.Initializer: DescribedWord {
    static var noun: String { "initializer" }
    var summary: String {
        switch self {
        case .glorot_uniform: return "uniform in ±sqrt(6 / (fan_in + fan_out))"
        case .he_normal: return "normal with stddev sqrt(2 / fan_in), redrawn beyond 2 stddev"
        case .he_uniform: return "uniform in ±sqrt(6 / fan_in)"
        case .zeros: return "all weights 0"
        case .ones: return "all weights 1"
        }
    }
}

extension NeuralNet.Loss: DescribedWord {
    static var noun: String { "loss" }
    var summary: String {
        switch self {
        case .sparse_categorical_crossentropy: return "cross-entropy against integer class labels"
        case .categorical_crossentropy: return "cross-entropy against one-hot targets (made from the labels)"
        case .binary_crossentropy: return "cross-entropy of one output (or each output) against 0/1 targets"
        case .mse: return "mean squared error"
        case .mae: return "mean absolute error"
        }
    }
}

extension OptimizerKind: DescribedWord {
    static var noun: String { "optimizer" }
    var summary: String {
        let lr = "default lr \(Vocabulary.format(defaultLearningRate))"
        let eps = Vocabulary.format(OptimizerConfig.epsilon)
        switch self {
        case .sgd: return "stochastic gradient descent, optional momentum and nesterov (\(lr))"
        case .adam: return "Adam, beta1 \(Vocabulary.format(OptimizerConfig.beta1)), beta2 \(Vocabulary.format(OptimizerConfig.beta2)), epsilon \(eps) (\(lr))"
        case .adamw: return "Adam with decoupled weight decay, weight_decay \(Vocabulary.format(OptimizerConfig.defaultWeightDecay)) unless given, epsilon \(eps) (\(lr))"
        case .rmsprop: return "RMSprop, rho \(Vocabulary.format(OptimizerConfig.rho)), epsilon \(eps), optional momentum (\(lr))"
        }
    }
}

extension NeuralNet.Metric: DescribedWord {
    static var noun: String { "metric" }
    var summary: String {
        switch self {
        case .accuracy: return "fraction of examples whose highest score is the label (of tokens, for per-token outputs)"
        case .topK(let k): return "fraction of examples whose label is among the \(k) highest scores"
        case .sequenceAccuracy: return "fraction of sequences whose every token has the highest score (per-token outputs)"
        case .perplexity: return "exp of the mean cross-entropy per token (natural log): a uniform guess over V tokens scores V; lower is better"
        case .bitsPerToken: return "the mean cross-entropy per token in bits (bits per character at tokens=char); lower is better"
        }
    }
}

extension ScheduleKind: DescribedWord {
    static var noun: String { "schedule" }
    var summary: String {
        switch self {
        case .none: return "keep the learning rate fixed"
        case .step: return "multiply the rate by gamma every step_size epochs"
        case .cosine: return "cosine decay to 0 over epochs=N epochs (default \(Schedule.defaultCosineEpochs)), then held"
        case .plateau: return "multiply the rate by factor after patience epochs without improvement of the validation loss (the training loss without a validation split)"
        }
    }
}

extension TensorRuntime.Padding: DescribedWord {
    static var noun: String { "padding" }
    var summary: String {
        switch self {
        case .valid: return "no padding: the output shrinks by kernel - 1"
        case .same: return "zero padding so that the output has ceil(input / stride) positions"
        }
    }
}

enum Vocabulary {
    /// Every described word set, in help order.
    static let sets: [any DescribedWord.Type] = [
        ActivationKind.self, NeuralNet.Initializer.self, NeuralNet.Loss.self, OptimizerKind.self,
        NeuralNet.Metric.self, ScheduleKind.self, TensorRuntime.Padding.self,
    ]

    /// `(noun, summary)` for every set containing `word`.
    static func meanings(of word: String) -> [(noun: String, summary: String)] {
        var result: [(noun: String, summary: String)] = []
        for set in sets {
            if let meaning = meaning(of: word, in: set) { result.append(meaning) }
        }
        return result
    }

    private static func meaning<W: DescribedWord>(of word: String, in set: W.Type) -> (noun: String, summary: String)? {
        guard let value = set.allCases.first(where: { $0.rawValue == word.lowercased() }) else { return nil }
        return (W.noun, value.summary)
    }

    /// Every word of every set.
    static var allWords: [String] { sets.flatMap { words(of: $0) } }

    private static func words<W: DescribedWord>(of set: W.Type) -> [String] { W.words }

    /// A Float constant as it is written in the language: 0.2, 1e-07, 0.004.
    static func format(_ value: Float) -> String {
        let double = Double(String(value)) ?? Double(value)
        return NumericRange.format(double)
    }

    /// "0.01 for sgd, 0.001 otherwise": each optimizer's default learning rate,
    /// the most common one written last as "otherwise".
    static var learningRateNote: String {
        let rates = OptimizerKind.allCases.map { (kind: $0, rate: format($0.defaultLearningRate)) }
        let counts = Dictionary(grouping: rates, by: \.rate).mapValues(\.count)
        guard let common = rates.max(by: { (counts[$0.rate] ?? 0) < (counts[$1.rate] ?? 0) })?.rate else { return "" }
        let special = rates.filter { $0.rate != common }.map { "\($0.rate) for \($0.kind.rawValue)" }
        return (special + ["\(common)\(special.isEmpty ? "" : " otherwise")"]).joined(separator: ", ")
    }

    /// The source text of a Float default.
    static func text(_ value: Float) -> String { format(value) }
}
