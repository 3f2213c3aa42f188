import NeuralNet

/// What `expect` measures: a count of the model, how far it trained, or a figure of the loss or a metric
/// (the last epoch's training or validation figure, or a split evaluated when `on=` names one).
public enum ExpectedQuantity: Sendable, Equatable, CustomStringConvertible {
    /// Every weight of the current model (summary's `Total params`).
    case params
    /// The weights training updates (summary's `Trainable params`).
    case trainable
    /// The share of exact zeros among the model's kernels and embedding tables, in [0, 1] (what `stats
    /// weights` shows in its zeros column, over the whole model).
    case zeros
    /// Epochs the current model has trained.
    case epochs
    /// Forward floating-point operations for one example (multiply and add counted apart).
    case flops
    /// The loss: the last epoch's training loss, or the loss of the split `on=` names.
    case loss
    /// A compiled metric: the last epoch's training figure, or the split's.
    case metric(Metric)
    /// The last epoch's validation loss (`val_loss`).
    case validationLoss
    /// The last epoch's validation figure of a metric (`val_accuracy`).
    case validationMetric(Metric)

    /// The quantities by name (metrics: every name `compile metrics=` takes, and `acc` as the epoch lines
    /// abbreviate it), for parsing and for "did you mean".
    public init?(word: String) {
        let lowered = word.lowercased()
        switch lowered {
        case "params": self = .params
        case "trainable": self = .trainable
        case "zeros": self = .zeros
        case "epochs": self = .epochs
        case "flops": self = .flops
        case "loss": self = .loss
        case "val_loss": self = .validationLoss
        default:
            if lowered.hasPrefix("val_") {
                guard let metric = Metric(name: String(lowered.dropFirst(4))) else { return nil }
                self = .validationMetric(metric)
            } else {
                guard let metric = Metric(name: lowered) else { return nil }
                self = .metric(metric)
            }
        }
    }

    /// Words offered when a quantity is not known.
    public static let knownWords = ["params", "trainable", "zeros", "epochs", "flops", "loss", "accuracy", "perplexity",
                                    "bits_per_token", "sequence_accuracy", "top5", "val_loss", "val_accuracy", "val_perplexity",
                                    "val_bits_per_token", "val_sequence_accuracy"]

    public var description: String {
        switch self {
        case .params: "params"
        case .trainable: "trainable"
        case .zeros: "zeros"
        case .epochs: "epochs"
        case .flops: "flops"
        case .loss: "loss"
        case .metric(let m): m.name
        case .validationLoss: "val_loss"
        case .validationMetric(let m): "val_" + m.name
        }
    }

    /// A figure of the loss or a metric, which `on=` can measure on a split.
    public var isMeasuredOnData: Bool {
        switch self {
        case .loss, .metric: true
        default: false
        }
    }

    /// A whole count (shown with thousands separators) rather than a fraction or a loss.
    public var isCount: Bool {
        switch self {
        case .params, .trainable, .epochs, .flops: true
        default: false
        }
    }
}

/// How `expect` compares the measured value with its bound.
public enum Comparison: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "=="

    /// `value OP bound`. `==` allows for the rounding of a printed figure: equal within 1e-9 of the larger
    /// magnitude (counts compare exactly).
    public func holds(_ value: Double, _ bound: Double) -> Bool {
        switch self {
        case .less: value < bound
        case .lessOrEqual: value <= bound
        case .greater: value > bound
        case .greaterOrEqual: value >= bound
        case .equal: abs(value - bound) <= 1e-9 * max(1, abs(value), abs(bound))
        }
    }

    public var description: String { rawValue }
}

/// Expectations checked so far: the interpreter counts them, a run's outcome reports them, and a headless run
/// ends with "3 of 4 expectations held".
public struct ExpectationTally: Sendable, Equatable {
    public var held = 0
    public var failed = 0
    public init(held: Int = 0, failed: Int = 0) {
        self.held = held
        self.failed = failed
    }

    public var total: Int { held + failed }

    /// `3 of 4 expectations held` (`1 of 1 expectation held`).
    public var summary: String { "\(held) of \(total) expectation\(total == 1 ? "" : "s") held" }

    public static func + (a: ExpectationTally, b: ExpectationTally) -> ExpectationTally {
        ExpectationTally(held: a.held + b.held, failed: a.failed + b.failed)
    }

    public static func - (a: ExpectationTally, b: ExpectationTally) -> ExpectationTally {
        ExpectationTally(held: a.held - b.held, failed: a.failed - b.failed)
    }
}
