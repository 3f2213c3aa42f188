// The typed syntax tree produced by `Parser`.
//
// One `Statement` per non-empty line: an optional binding name plus a
// `Command`. Every value the user wrote is a `Located` value that remembers
// its source range and text; values the user left out are filled from the
// catalog's defaults (marked `isDefault`) wherever a default exists, and are
// `nil` otherwise.

import TensorRuntime
import NeuralNet

// MARK: - Statement

public struct Statement: Sendable, Equatable, CustomStringConvertible {
    /// `clf` in `clf = model`.
    public var binding: Located<String>?
    public var command: Command
    /// Which catalog entry the command came from.
    public var commandID: CommandID
    /// The whole statement, binding included (comments excluded).
    public var range: SourceRange
    /// The command word(s), e.g. `load fashion-mnist` or `conv2d`.
    public var verbRange: SourceRange
    /// The statement's source text exactly as typed, without a trailing comment.
    public var source: String

    public init(binding: Located<String>?, command: Command, commandID: CommandID,
                range: SourceRange, verbRange: SourceRange, source: String) {
        self.binding = binding
        self.command = command
        self.commandID = commandID
        self.range = range
        self.verbRange = verbRange
        self.source = source
    }

    public var line: Int { range.start.line }

    /// A structural description of the statement, e.g.
    /// `fm = load(fashionMNIST(subset: 1000))`. Only values the user wrote appear.
    public var description: String {
        let body = ASTDescriber.describe(command)
        if let binding { return "\(binding.value) = \(body)" }
        return body
    }
}

// MARK: - Commands

public enum Command: Sendable, Equatable {
    // Environment
    case seed(Located<Int>)
    case threads(Located<Int>)
    /// `help`, `help conv2d`, `help load weights`; the topic is the canonical
    /// command or verb name (aliases resolved).
    case help(topic: Located<String>?)
    case quit

    // Data
    /// `load fashion-mnist`, `load idx`, `load shapes` (data sets only; weights
    /// are `loadWeights`).
    case load(LoadSpec)
    case split(validation: Located<Double>)
    case batch(size: Located<Int>)
    case shuffle(Located<Bool>)
    case info(name: Located<String>?)
    case showSamples(ShowSamplesSpec)
    case use(name: Located<String>)
    /// `make-dataset fashion-png DIR`, `make-dataset shapes-rgb DIR`.
    case makeDataset(MakeDatasetSpec)
    /// `augment rotate=15 ...` or `augment off`.
    case augment(AugmentSpec)
    case showAugment(ShowAugmentSpec)

    // Model
    case model(ModelSpec)
    /// A layer line appended to the current model.
    case layer(LayerSpec)
    /// The new layer goes before `at`.
    case insert(at: Located<LayerRef>, layer: LayerSpec)
    case remove(Located<LayerRef>)
    case replace(Located<LayerRef>, with: LayerSpec)
    case freeze(Located<LayerRef>)
    case unfreeze(Located<LayerRef>)
    case summary

    // Training
    case compile(CompileSpec)
    case set(SetSpec)
    case step(StepAmount)
    case train(TrainSpec)
    case evaluate(on: Located<DataSplit>)
    case predict(PredictSpec)
    case confusion(on: Located<DataSplit>)
    case history

    // Inspection
    case stats(StatsSpec)
    case showWeights(layer: Located<LayerRef>, units: Located<Int>)
    case showFilters(layer: Located<LayerRef>)
    case showActivations(ShowActivationsSpec)
    case chart(ChartSpec)
    /// `show errors N [from=SPLIT]`
    case showErrors(ShowErrorsSpec)
    /// `show saliency ...`, `show gradcam ...`
    case showAttribution(AttributionSpec)
    /// `export WHAT FILE.png`
    case export(ExportSpec)
    /// `show attention LAYER|all [head=H|all] [sample=S] [from=SPLIT]`
    case showAttention(ShowAttentionSpec)
    /// `watch attention LAYER ...` or `watch off`
    case watch(WatchSpec)
    /// `profile [batch=N] [steps=N]`: time one training step per layer.
    case profile(ProfileSpec)

    // Persistence
    case saveWeights(path: Located<String>)
    case loadWeights(path: Located<String>)
    case saveSession(path: Located<String>)
    case saveTranscript(path: Located<String>)
    case run(path: Located<String>)

    /// True for the commands that produce something a name can be bound to.
    public var isBindable: Bool {
        switch self {
        case .model, .load: return true
        default: return false
        }
    }
}

// MARK: - Payloads

public enum LoadSpec: Sendable, Equatable {
    case fashionMNIST(dir: Located<String>?, subset: Located<Int>?)
    case idx(dir: Located<String>, subset: Located<Int>?)
    case shapes(ShapesSpec)
    case images(ImagesSpec)
    case sequences(SequencesSpec)
}

public struct ShapesSpec: Sendable, Equatable {
    public var count: Located<Int>
    public var classes: Located<Int>
    public var size: Located<Int>
    public var noise: Located<Double>
    /// nil: derived from the session seed.
    public var seed: Located<Int>?
}

public struct ShowSamplesSpec: Sendable, Equatable {
    public var count: Located<Int>
    public var from: Located<DataSplit>
}

public struct ModelSpec: Sendable, Equatable {
    /// nil: inferred from the current data set.
    public var input: Located<Shape>?
    public var name: Located<String>?
}

/// One layer line: the registry entry it names plus its checked arguments
/// (defaults applied where a default exists).
public struct LayerSpec: Sendable, Equatable {
    public var entry: LayerEntry
    /// The layer word as typed (`maxpooling2d` stays `maxpooling2d` here).
    public var word: Located<String>
    /// The whole layer line.
    public var range: SourceRange
    /// The layer line exactly as typed.
    public var source: String
    public var arguments: LayerArguments

    public init(entry: LayerEntry, word: Located<String>, range: SourceRange, source: String, arguments: LayerArguments) {
        self.entry = entry
        self.word = word
        self.range = range
        self.source = source
        self.arguments = arguments
    }

    /// An explicit layer name (`name=`); otherwise the interpreter names it.
    public var name: Located<String>? { arguments.text("name") }
}

/// A layer of the current model: a 1-based position or a layer name.
public enum LayerRef: Sendable, Equatable, Hashable, CustomStringConvertible {
    case index(Int)
    case name(String)

    public var description: String {
        switch self {
        case .index(let i): return String(i)
        case .name(let n): return n
        }
    }
}

/// Tensor dimensions such as 28x28x1 (batch dimension excluded).
public struct Shape: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var dimensions: [Int]
    public init(_ dimensions: [Int]) { self.dimensions = dimensions }
    public var description: String { dimensions.map(String.init).joined(separator: "x") }
}

public struct CompileSpec: Sendable, Equatable {
    public var loss: Located<NeuralNet.Loss>
    public var optimizer: Located<OptimizerKind>
    /// nil: the optimizer's own default (`OptimizerKind.defaultLearningRate`).
    public var learningRate: Located<Double>?
    public var momentum: Located<Double>
    public var nesterov: Located<Bool>
    public var weightDecay: Located<Double>
    public var metrics: [Located<NeuralNet.Metric>]
    public var schedule: Located<ScheduleKind>
    /// schedule=cosine: epochs over which the rate decays.
    public var cosineEpochs: Located<Int>?
    /// schedule=step
    public var stepSize: Located<Int>?
    public var gamma: Located<Double>?
    /// schedule=plateau
    public var patience: Located<Int>?
    public var factor: Located<Double>?
}

/// `set`: only the given hyper-parameters change.
public struct SetSpec: Sendable, Equatable {
    public var learningRate: Located<Double>?
    public var momentum: Located<Double>?
    public var optimizer: Located<OptimizerKind>?
    public var weightDecay: Located<Double>?
    public var batch: Located<Int>?
}

public enum StepAmount: Sendable, Equatable, CustomStringConvertible {
    /// `step`: one epoch.
    case epoch
    /// `step batch` (1) or `step N batches`.
    case batches(Located<Int>)

    public var description: String {
        switch self {
        case .epoch: return "epoch"
        case .batches(let n): return "batches(\(n.value))"
        }
    }
}

public struct TrainSpec: Sendable, Equatable {
    public var epochs: Located<Int>
    public var earlyStop: Located<Int>?
    public var monitor: Located<Monitor>
    public var checkpoint: Located<String>?
}

public struct PredictSpec: Sendable, Equatable {
    /// 0-based sample index (nil when a file is given).
    public var index: Located<Int>?
    /// A PNG or JPEG file to classify (nil when an index is given).
    public var file: Located<String>? = nil
    public var from: Located<DataSplit>
    public var top: Located<Int>
}

public struct StatsSpec: Sendable, Equatable {
    public var kind: Located<StatsKind>
    /// nil: all layers.
    public var layer: Located<LayerRef>?
}

public struct ShowActivationsSpec: Sendable, Equatable {
    public var layer: Located<LayerRef>
    public var sample: Located<Int>
}

public struct ChartSpec: Sendable, Equatable {
    public var metric: Located<ChartMetric>
    /// Exponential smoothing factor in [0, 1); 0 draws the raw values.
    public var smooth: Located<Double>
    /// Models compared on one chart (`models=plain,dropout` or `models=all`); empty: the current model alone.
    public var models: [Located<String>] = []
    /// Plot y on a logarithmic scale.
    public var log: Located<Bool>? = nil
}

// MARK: - Word sets

/// A word from a fixed set. `rawValue` is the spelling in the language.
///
/// The engine's enums (`ActivationKind`, `Initializer`, `Loss`, `OptimizerKind`,
/// `Metric`, `ScheduleKind`, `Padding`) are the language's words: see
/// Vocabulary.swift. The sets below exist only in the language.
public protocol LanguageWord: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

extension LanguageWord {
    public static var words: [String] { allCases.map(\.rawValue) }
}

extension LanguageWord where Self: CustomStringConvertible {
    public var description: String { rawValue }
}

public enum Monitor: String, LanguageWord, CustomStringConvertible {
    case valLoss = "val_loss", valAccuracy = "val_accuracy", loss, accuracy
}

public enum DataSplit: String, LanguageWord, CustomStringConvertible {
    case train, test, validation
}

public enum StatsKind: String, LanguageWord, CustomStringConvertible {
    case weights, grads
}

public enum ChartMetric: String, LanguageWord, CustomStringConvertible {
    case loss, accuracy
}
