// The command catalog: every command of the language, described once.
//
// The parser reads the catalog to know which positionals and options a
// command takes, their types, ranges and defaults; `Help` and the reference
// in docs/language.md are built from the same entries.

import NeuralNet
import Datasets

// MARK: - Value types

/// A numeric interval used to check argument values.
public struct NumericRange: Sendable, Equatable {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double?, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// `>= value`
    public static func atLeast(_ value: Double) -> NumericRange { NumericRange(lower: value) }
    /// `> value`
    public static func greaterThan(_ value: Double) -> NumericRange { NumericRange(lower: value, lowerInclusive: false) }
    /// `[lower, upper)`
    public static func halfOpen(_ lower: Double, _ upper: Double) -> NumericRange {
        NumericRange(lower: lower, upper: upper, upperInclusive: false)
    }
    /// `(lower, upper)`
    public static func open(_ lower: Double, _ upper: Double) -> NumericRange {
        NumericRange(lower: lower, lowerInclusive: false, upper: upper, upperInclusive: false)
    }
    /// `(lower, upper]`
    public static func openClosed(_ lower: Double, _ upper: Double) -> NumericRange {
        NumericRange(lower: lower, lowerInclusive: false, upper: upper, upperInclusive: true)
    }

    public func contains(_ value: Double) -> Bool {
        if let lower {
            if lowerInclusive ? value < lower : value <= lower { return false }
        }
        if let upper {
            if upperInclusive ? value > upper : value >= upper { return false }
        }
        return true
    }

    /// Reads after "must be": "at least 1", "greater than 0", "in [0, 1)".
    public var requirement: String {
        switch (lower, upper) {
        case (let lo?, nil):
            return lowerInclusive ? "at least \(NumericRange.format(lo))" : "greater than \(NumericRange.format(lo))"
        case (nil, let hi?):
            return upperInclusive ? "at most \(NumericRange.format(hi))" : "less than \(NumericRange.format(hi))"
        case (let lo?, let hi?):
            return "in \(lowerInclusive ? "[" : "(")\(NumericRange.format(lo)), \(NumericRange.format(hi))\(upperInclusive ? "]" : ")")"
        case (nil, nil):
            return "a number"
        }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

/// What kind of value an argument takes.
public enum ValueType: Sendable, Equatable {
    case integer
    case number
    case shape
    case boolean
    case path
    /// A bound name or layer name: a bare word.
    case name
    /// A layer of the current model: 1-based index or layer name.
    case layer
    /// A word from a fixed set; `noun` is used in messages ("unknown loss ...").
    case choice(noun: String, words: [String])
    /// A whole number (an example index, range-checked) or else a path (`predict 7`, `predict cat.png`).
    case indexOrPath

    /// The placeholder used in syntax lines (`N`, `F`, `valid|same`, `LOSS`).
    public var placeholder: String {
        switch self {
        case .integer: return "N"
        case .number: return "F"
        case .shape: return "SHAPE"
        case .boolean: return "on|off"
        case .path: return "PATH"
        case .name: return "NAME"
        case .layer: return "LAYER"
        case .indexOrPath: return "INDEX|FILE"
        case .choice(let noun, let words):
            return words.count <= 3 ? words.joined(separator: "|") : noun.uppercased().replacing(" ", with: "_")
        }
    }

    /// Reads after "expected": "an integer", "a shape like 28x28x1".
    public var expectation: String {
        switch self {
        case .integer: return "an integer"
        case .number: return "a number"
        case .shape: return "a shape like 28x28x1"
        case .boolean: return "on/off, true/false or yes/no"
        case .path: return "a path"
        case .name: return "a name"
        case .layer: return "a layer index or name"
        case .indexOrPath: return "an index or a file path"
        case .choice(let noun, _): return "a\(noun.first.map { "aeiou".contains($0) } == true ? "n" : "") \(noun)"
        }
    }

    /// A short type name for help and docs.
    public var typeName: String {
        switch self {
        case .integer: return "integer"
        case .number: return "number"
        case .shape: return "shape"
        case .boolean: return "boolean"
        case .path: return "path"
        case .name: return "name"
        case .layer: return "layer"
        case .indexOrPath: return "index or path"
        case .choice(_, let words): return "one of " + words.joined(separator: ", ")
        }
    }
}

/// One positional parameter or option of a command.
public struct ParameterSpec: Sendable, Equatable {
    /// The option key, also usable as `name=value` for positionals.
    public var name: String
    public var type: ValueType
    public var summary: String
    public var isRequired: Bool
    /// The default as source text, applied by the parser when omitted.
    public var defaultValue: String?
    /// A default described in words when it is decided later (for example
    /// "the pool size"); the parser leaves such values nil.
    public var defaultNote: String?
    public var range: NumericRange?
    /// Accepts a comma-separated list (`metrics=accuracy,top5`).
    public var allowsList: Bool
    /// When omitted, takes the value of this other parameter (a pool's
    /// stride defaults to its size); `defaultNote` says so in help.
    public var defaultFrom: String?
    private var customPlaceholder: String?

    public init(_ name: String, _ type: ValueType, _ summary: String, required: Bool = false,
                default defaultValue: String? = nil, note: String? = nil, range: NumericRange? = nil,
                list: Bool = false, placeholder: String? = nil, defaultFrom: String? = nil) {
        self.name = name
        self.type = type
        self.summary = summary
        self.isRequired = required
        self.defaultValue = defaultValue
        self.defaultNote = note
        self.range = range
        self.allowsList = list
        self.defaultFrom = defaultFrom
        self.customPlaceholder = placeholder
    }

    /// The value placeholder: `N`, `valid|same`, `FILTERS` for positionals.
    public var placeholder: String { customPlaceholder ?? type.placeholder }

    /// How the default reads in help, or nil when there is none.
    public var defaultDescription: String? { defaultValue ?? defaultNote }
}

public enum CommandGroup: String, Sendable, CaseIterable {
    case environment = "Environment"
    case data = "Data"
    case model = "Model"
    case training = "Training"
    case inspection = "Inspection"
    case persistence = "Persistence"
}

/// Every catalog entry. The raw value is the command's name as typed.
public enum CommandID: String, Sendable, CaseIterable {
    case seed, threads, help, quit
    case loadFashionMNIST = "load fashion-mnist", loadIDX = "load idx", loadShapes = "load shapes", loadImages = "load images"
    case makeFashionPNG = "make-dataset fashion-png", makeShapesRGB = "make-dataset shapes-rgb"
    case augment
    case showAugment = "show augment"
    case split, batch, shuffle, info
    case showSamples = "show samples"
    case use
    case model
    /// Every layer line; `CommandSpec.layer` says which registry entry.
    case layer
    case insert, remove, replace, freeze, unfreeze, summary
    case compile, set, step, train, evaluate, predict, confusion, history
    case stats
    case showWeights = "show weights", showFilters = "show filters", showActivations = "show activations"
    case showErrors = "show errors"
    case loadSequences = "load sequences"
    case showAttention = "show attention", watchAttention = "watch attention", watchOff = "watch off"
    case showSaliency = "show saliency", showGradCAM = "show gradcam"
    case export
    case chart
    case profile
    case saveWeights = "save weights", loadWeights = "load weights", saveSession = "save session", saveTranscript = "save transcript", run
}

/// One command (or one form of a verb such as `load weights`).
public struct CommandSpec: Sendable {
    public var id: CommandID
    /// The full command name: `conv2d`, `load weights`.
    public var name: String
    /// The first word: `load`, `conv2d`.
    public var verb: String
    /// The required second word of verbs with several forms: `weights` in `load weights`.
    public var form: String?
    /// Other spellings of the verb (`exit` for `quit`).
    public var aliases: [String]
    public var group: CommandGroup
    public var summary: String
    public var positionals: [ParameterSpec]
    public var options: [ParameterSpec]
    public var example: String
    /// Longer explanation for help and docs.
    public var details: String?
    /// Only `model` and the data-set `load` forms produce something to name.
    public var canBind: Bool
    /// The registry entry of a layer command.
    public var layer: LayerEntry?
    private var syntaxOverride: String?

    init(_ id: CommandID, _ group: CommandGroup, aliases: [String] = [], _ summary: String,
         positionals: [ParameterSpec] = [], options: [ParameterSpec] = [], example: String,
         details: String? = nil, canBind: Bool = false, syntax: String? = nil) {
        self.id = id
        self.name = id.rawValue
        let words = id.rawValue.split(separator: " ").map(String.init)
        self.verb = words.first ?? id.rawValue
        self.form = words.count > 1 ? words[1] : nil
        self.aliases = aliases
        self.group = group
        self.summary = summary
        self.positionals = positionals
        self.options = options
        self.example = example
        self.details = details
        self.canBind = canBind
        self.layer = nil
        self.syntaxOverride = syntax
    }

    /// The command of a layer entry.
    init(layer entry: LayerEntry) {
        self.id = .layer
        self.name = entry.word
        self.verb = entry.word
        self.form = nil
        self.aliases = entry.aliases
        self.group = .model
        self.summary = entry.summary
        self.positionals = entry.positionals
        self.options = entry.options
        self.example = entry.example
        self.details = entry.details
        self.canBind = false
        self.layer = entry
        self.syntaxOverride = nil
    }

    public var isLayer: Bool { layer != nil }

    /// The syntax line, e.g. `dropout RATE [name=NAME]`.
    public var syntax: String {
        if let syntaxOverride { return syntaxOverride }
        var parts = [name]
        for p in positionals {
            parts.append(p.isRequired ? p.placeholder : "[\(p.placeholder)]")
        }
        for o in options {
            parts.append("[\(o.name)=\(o.placeholder)\(o.allowsList ? ",..." : "")]")
        }
        return parts.joined(separator: " ")
    }

    /// Every parameter, positionals first.
    public var parameters: [ParameterSpec] { positionals + options }

    public func parameter(named name: String) -> ParameterSpec? {
        parameters.first { $0.name == name }
    }

    /// All words that start this command: the verb and its aliases.
    public var verbs: [String] { [verb] + aliases }
}

// MARK: - The catalog

public enum Catalog {
    /// All commands in documentation order.
    public static let commands: [CommandSpec] = environment + data + model + training + inspection + attention + interpret + persistence

    /// The entry of a command other than a layer (layers share `.layer`;
    /// see `LayerRegistry`).
    public static func spec(_ id: CommandID) -> CommandSpec {
        // Every CommandID but .layer has exactly one entry (checked by the tests).
        commands.first { $0.id == id } ?? commands[0]
    }

    /// The entries started by `word` (a verb or alias, any case): one for most
    /// verbs, several for `load`, `save` and `show`.
    public static func entries(forVerb word: String) -> [CommandSpec] {
        let lowered = word.lowercased()
        return commands.filter { $0.verbs.contains(lowered) }
    }

    /// The entry for a full name such as `load weights`, `maxpooling2d` or `exit`.
    public static func entry(named name: String) -> CommandSpec? {
        let words = name.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        let candidates = entries(forVerb: first)
        if words.count == 1 { return candidates.count == 1 && candidates[0].form == nil ? candidates[0] : nil }
        guard words.count == 2 else { return nil }
        return candidates.first { $0.form == words[1] }
    }

    /// Every word that can start a command, in catalog order, without repeats.
    public static let verbs: [String] = {
        var seen: Set<String> = []
        var result: [String] = []
        for spec in commands {
            for word in spec.verbs where seen.insert(word).inserted { result.append(word) }
        }
        return result
    }()

    /// The words that start a layer line (aliases included).
    public static let layerWords: [String] = commands.filter(\.isLayer).flatMap(\.verbs)

    /// Verbs that need a second word naming the form.
    public static let verbsWithForms: [String] = verbs.filter { entries(forVerb: $0).contains { $0.form != nil } }

    // MARK: Shared parameters

    static func layerRef(_ summary: String, placeholder: String = "LAYER", required: Bool = true) -> ParameterSpec {
        ParameterSpec("layer", .layer, summary, required: required, range: .between(1, Limits.count), placeholder: placeholder)
    }
    static func splitChoice(_ name: String, _ summary: String, _ words: [String], default value: String) -> ParameterSpec {
        ParameterSpec(name, .choice(noun: "data split", words: words), summary, default: value)
    }

    // MARK: Environment

    static let environment: [CommandSpec] = [
        CommandSpec(.seed, .environment, "set the random seed used for initial weights, shuffling and sampling",
                    positionals: [ParameterSpec("seed", .integer, "the seed", required: true, range: .atLeast(0), placeholder: "N")],
                    example: "seed 42"),
        CommandSpec(.threads, .environment, "set how many CPU threads training may use",
                    positionals: [ParameterSpec("count", .integer, "number of threads", required: true, range: .between(1, Limits.threads), placeholder: "N")],
                    example: "threads 4"),
        CommandSpec(.help, .environment, "list the commands, or explain one",
                    positionals: [ParameterSpec("topic", .name, "a command, layer, verb such as load, or any word of the language", placeholder: "COMMAND")],
                    example: "help conv2d",
                    details: "For verbs with several forms, help lists the forms: help load, help show. Ask for one form with help load weights. Words of the language have help too: help relu, help adam, help lr, help padding.",
                    syntax: "help [COMMAND]"),
        CommandSpec(.quit, .environment, aliases: ["exit"], "leave Gradbook", example: "quit"),
    ]

    // MARK: Data

    static let data: [CommandSpec] = [
        CommandSpec(.loadFashionMNIST, .data, "load the Fashion-MNIST images (28x28 grey, 10 classes) and make them current",
                    options: [
                        ParameterSpec("dir", .path, "folder holding the four IDX files", note: "/usr/share/datasets/fashion-mnist or $GRADBOOK_FASHION_MNIST"),
                        ParameterSpec("subset", .integer, "use only the first N training images", note: "all", range: .between(1, Limits.count)),
                    ],
                    example: "fm = load fashion-mnist subset=10000", canBind: true),
        CommandSpec(.loadIDX, .data, "load any MNIST-style IDX data set from a folder and make it current",
                    positionals: [ParameterSpec("dir", .path, "folder holding train/test image and label IDX files", required: true, placeholder: "DIR")],
                    options: [ParameterSpec("subset", .integer, "use only the first N training images", note: "all", range: .between(1, Limits.count))],
                    example: "digits = load idx data/mnist subset=5000", canBind: true),
        CommandSpec(.loadShapes, .data, "generate a small synthetic data set of drawn shapes and make it current",
                    options: [
                        ParameterSpec("count", .integer, "number of training images", default: "1000", range: .between(1, Limits.count)),
                        ParameterSpec("classes", .integer, "number of shape classes", default: "3", range: .between(2, Shapes.classRange.upperBound)),
                        ParameterSpec("size", .integer, "image side in pixels", default: "28", range: .between(Shapes.sizeRange.lowerBound, Shapes.sizeRange.upperBound)),
                        ParameterSpec("noise", .number, "standard deviation of added pixel noise", default: "0.1", range: .between(0, 10)),
                        ParameterSpec("seed", .integer, "generator seed", note: "the session seed", range: .atLeast(0)),
                    ],
                    example: "toy = load shapes count=500 classes=4 noise=0.2", canBind: true),
    ] + images + sequences + [
        CommandSpec(.split, .data, "hold out a fraction of the training data for validation",
                    options: [ParameterSpec("validation", .number, "fraction of the training set", default: "0.1", range: .halfOpen(0, 1))],
                    example: "split validation=0.2"),
        CommandSpec(.batch, .data, "set the mini-batch size",
                    positionals: [ParameterSpec("size", .integer, "examples per batch", required: true, range: .between(1, Limits.batch), placeholder: "N")],
                    example: "batch 64"),
        CommandSpec(.shuffle, .data, "turn shuffling of the training data before each epoch on or off",
                    positionals: [ParameterSpec("enabled", .boolean, "on or off", required: true)],
                    example: "shuffle off"),
        CommandSpec(.info, .data, "describe the current data set and model, or a named one",
                    positionals: [ParameterSpec("name", .name, "a bound data set or model", note: "the current ones")],
                    example: "info fm"),
        CommandSpec(.showSamples, .data, "draw sample images with their labels",
                    positionals: [ParameterSpec("count", .integer, "how many images", default: "16", range: .between(1, 1024), placeholder: "N")],
                    options: [splitChoice("from", "which split to draw from", DataSplit.words, default: "train")],
                    example: "show samples 8 from=test"),
        CommandSpec(.use, .data, "make a bound data set or model the current one",
                    positionals: [ParameterSpec("name", .name, "the bound name", required: true)],
                    example: "use fm"),
    ]

    // MARK: Model

    static let model: [CommandSpec] = [
        CommandSpec(.model, .model, "start a new, empty sequential model and make it current",
                    options: [
                        ParameterSpec("input", .shape, "input shape without the batch dimension", note: "from the current data set"),
                        ParameterSpec("name", .name, "a display name for the model", note: "the bound name"),
                    ],
                    example: "clf = model input=28x28x1", canBind: true),
    ] + LayerRegistry.entries.map(CommandSpec.init(layer:)) + [
        CommandSpec(.insert, .model, "insert a layer before the given layer of the current model",
                    positionals: [
                        ParameterSpec("at", .layer, "the layer the new one goes before", required: true, range: .between(1, Limits.count), placeholder: "AT"),
                        ParameterSpec("layer", .name, "a complete layer line", required: true, placeholder: "LAYERLINE..."),
                    ],
                    example: "insert 2 dropout 0.25",
                    details: "AT is a 1-based index or a layer name; everything after it is an ordinary layer line.",
                    syntax: "insert AT LAYERLINE..."),
        CommandSpec(.remove, .model, "remove a layer from the current model",
                    positionals: [layerRef("the layer to remove")], example: "remove 3"),
        CommandSpec(.replace, .model, "replace a layer of the current model with a new one",
                    positionals: [
                        layerRef("the layer to replace"),
                        ParameterSpec("with", .name, "a complete layer line", required: true, placeholder: "LAYERLINE..."),
                    ],
                    example: "replace dense_1 dense 128 relu",
                    syntax: "replace LAYER LAYERLINE..."),
        CommandSpec(.freeze, .model, "stop training a layer's weights",
                    positionals: [layerRef("the layer to freeze")], example: "freeze conv2d_1"),
        CommandSpec(.unfreeze, .model, "resume training a frozen layer's weights",
                    positionals: [layerRef("the layer to unfreeze")], example: "unfreeze 1"),
        CommandSpec(.summary, .model, "print the current model's layers, output shapes and parameter counts",
                    example: "summary"),
    ]

    // MARK: Training

    static let lrNote = Vocabulary.learningRateNote
    static let lr = ParameterSpec("lr", .number, "learning rate", note: lrNote, range: .openClosed(0, Limits.learningRate))
    static let momentum = ParameterSpec("momentum", .number, "momentum (sgd, rmsprop)",
                                        default: Vocabulary.text(OptimizerConfig.defaultMomentum), range: .halfOpen(0, 1))
    static let optimizer = ParameterSpec("optimizer", .choice(noun: "optimizer", words: OptimizerKind.words), "optimizer",
                                         default: OptimizerKind.adam.rawValue, placeholder: OptimizerKind.words.joined(separator: "|"))
    static let weightDecay = ParameterSpec("weight_decay", .number, "decoupled weight decay (adamw)",
                                           default: Vocabulary.text(OptimizerConfig.defaultWeightDecay), range: .between(0, Limits.penalty))

    static let training: [CommandSpec] = [
        CommandSpec(.compile, .training, "choose the loss, optimizer, metrics and learning-rate schedule",
                    options: [
                        ParameterSpec("loss", .choice(noun: "loss", words: NeuralNet.Loss.words), "loss function",
                                      default: NeuralNet.Loss.sparse_categorical_crossentropy.rawValue),
                        optimizer, lr, momentum,
                        ParameterSpec("nesterov", .boolean, "Nesterov momentum (sgd)", default: "off"),
                        weightDecay,
                        ParameterSpec("metrics", .choice(noun: "metric", words: NeuralNet.Metric.words), "metrics to report",
                                      default: NeuralNet.Metric.accuracy.rawValue, list: true,
                                      placeholder: NeuralNet.Metric.words.joined(separator: "|")),
                        ParameterSpec("schedule", .choice(noun: "schedule", words: ScheduleKind.words), "learning-rate schedule",
                                      default: ScheduleKind.none.rawValue, placeholder: ScheduleKind.words.joined(separator: "|")),
                        ParameterSpec("step_size", .integer, "schedule=step: epochs between decays",
                                      default: String(Schedule.defaultStepSize), range: .between(1, Limits.epochs)),
                        ParameterSpec("gamma", .number, "schedule=step: factor applied at each decay",
                                      default: Vocabulary.text(Schedule.defaultGamma), range: .openClosed(0, 1)),
                        ParameterSpec("epochs", .integer, "schedule=cosine: epochs over which the rate decays to 0 (then held)",
                                      default: String(Schedule.defaultCosineEpochs), range: .between(1, Limits.epochs)),
                        ParameterSpec("patience", .integer, "schedule=plateau: epochs without improvement before reducing",
                                      default: String(Schedule.defaultPatience), range: .between(1, Limits.epochs)),
                        ParameterSpec("factor", .number, "schedule=plateau: factor applied when reducing",
                                      default: Vocabulary.text(Schedule.defaultFactor), range: .open(0, 1)),
                    ],
                    example: "compile optimizer=sgd lr=0.01 momentum=0.9 schedule=step step_size=5",
                    details: "step_size and gamma need schedule=step; epochs needs schedule=cosine; patience and factor need schedule=plateau. The learning rate defaults to the optimizer's own (Keras's): \(lrNote). A metric may be given once. Type help WORD for a loss, optimizer, metric or schedule."),
        CommandSpec(.set, .training, "change hyper-parameters between steps",
                    options: [
                        ParameterSpec("lr", .number, "learning rate", range: .openClosed(0, Limits.learningRate)),
                        ParameterSpec("momentum", .number, "momentum", range: .halfOpen(0, 1)),
                        ParameterSpec("optimizer", .choice(noun: "optimizer", words: OptimizerKind.words), "optimizer (state is reset)",
                                      placeholder: OptimizerKind.words.joined(separator: "|")),
                        ParameterSpec("weight_decay", .number, "decoupled weight decay (adamw)", range: .between(0, Limits.penalty)),
                        ParameterSpec("batch", .integer, "mini-batch size", range: .between(1, Limits.batch)),
                    ],
                    example: "set lr=0.0005",
                    details: "At least one option is required; options not given keep their current values."),
        CommandSpec(.step, .training, "train for one epoch, one batch, or N batches",
                    positionals: [ParameterSpec("amount", .name, "nothing (one epoch), batch, or N batches", placeholder: "batch|N batches")],
                    example: "step 10 batches",
                    syntax: "step [batch | N batches]"),
        CommandSpec(.train, .training, "train for N epochs",
                    positionals: [ParameterSpec("epochs", .integer, "number of epochs", required: true, range: .between(1, Limits.epochs), placeholder: "N")],
                    options: [
                        ParameterSpec("early_stop", .integer, "stop after N epochs without improvement", note: "off", range: .between(1, Limits.epochs)),
                        ParameterSpec("monitor", .choice(noun: "monitor", words: Monitor.words), "quantity watched by early_stop and checkpoint",
                                      default: "val_loss", placeholder: "val_loss|val_accuracy|loss|accuracy"),
                        ParameterSpec("checkpoint", .path, "save the best weights to this file", note: "no checkpoint"),
                    ],
                    example: "train 10 early_stop=3 checkpoint=out/best.safetensors"),
        CommandSpec(.evaluate, .training, "compute the loss and metrics on a split",
                    options: [splitChoice("on", "the split to evaluate", ["test", "validation", "train"], default: "test")],
                    example: "evaluate on=validation"),
        CommandSpec(.predict, .training, "show the model's prediction for one example",
                    positionals: [ParameterSpec("index", .indexOrPath, "0-based example index, or a PNG/JPEG file to classify", required: true, range: .between(0, Limits.count))],
                    options: [
                        splitChoice("from", "the split the example comes from", ["test", "train", "validation"], default: "test"),
                        ParameterSpec("top", .integer, "how many classes to list", default: "3", range: .between(1, Limits.count)),
                    ],
                    example: "predict 7 top=5",
                    details: "A file is decoded, resized to the model's input and converted to the data set's colour and rescale, then classified: the picture, the top classes and probability bars."),
        CommandSpec(.confusion, .training, "draw the confusion matrix of a split",
                    options: [splitChoice("on", "the split to evaluate", ["test", "validation"], default: "test")],
                    example: "confusion on=validation"),
        CommandSpec(.history, .training, "print the loss and metrics of every epoch so far",
                    example: "history"),
    ]

    // MARK: Inspection

    static let inspection: [CommandSpec] = [
        CommandSpec(.stats, .inspection, "print statistics of weights or gradients, per layer",
                    positionals: [
                        ParameterSpec("kind", .choice(noun: "statistic", words: StatsKind.words), "what to measure", required: true),
                        layerRef("one layer", required: false),
                    ],
                    example: "stats grads conv2d_1"),
        CommandSpec(.showWeights, .inspection, "draw a layer's weights: a picture per unit over an image input, else a heat map",
                    positionals: [layerRef("the layer")],
                    options: [ParameterSpec("units", .integer, "how many units' pictures to draw", default: "16", range: .between(1, 256))],
                    example: "show weights dense_1 units=8",
                    details: "A dense layer right after the image (through flatten) draws each unit's weights in the image's shape, e.g. 784 weights as 28x28; red/light is positive, blue/dark negative."),
        CommandSpec(.showFilters, .inspection, "draw a convolution layer's filters as small images",
                    positionals: [layerRef("a conv2d layer")], example: "show filters 1",
                    details: "Each filter is enlarged to be readable (a 3x3 filter takes 6x3 cells); over RGB input the filters are drawn in colour."),
        CommandSpec(.showActivations, .inspection, "draw a layer's outputs for one example",
                    positionals: [layerRef("the layer")],
                    options: [ParameterSpec("sample", .integer, "0-based index of the test example", default: "0", range: .between(0, Limits.count))],
                    example: "show activations conv2d_1 sample=3"),
        CommandSpec(.chart, .inspection, "chart the loss or accuracy per epoch, of one model or several",
                    positionals: [ParameterSpec("metric", .choice(noun: "chart", words: ChartMetric.words), "what to chart", required: true)],
                    options: [
                        ParameterSpec("smooth", .number, "exponential smoothing factor", default: "0", range: .halfOpen(0, 1)),
                        ParameterSpec("models", .name, "models compared on one chart, or all", note: "the current model", list: true),
                        ParameterSpec("log", .boolean, "logarithmic y axis", default: "off"),
                    ],
                    example: "chart loss models=plain,dropout smooth=0.6"),
        CommandSpec(.showErrors, .inspection, "draw a gallery of misclassified examples with true and predicted class",
                    positionals: [ParameterSpec("count", .integer, "how many examples", default: "16", range: .between(1, 64), placeholder: "N")],
                    options: [splitChoice("from", "the split searched", ["test", "validation", "train"], default: "test")],
                    example: "show errors 8 from=validation",
                    details: "Captions read true -> predicted and the predicted class's probability (a one-unit sigmoid's p is P(class 1))."),
        CommandSpec(.export, .inspection, "write the last chart, heat map or image grid shown as a PNG file",
                    positionals: [
                        ParameterSpec("what", .choice(noun: "picture", words: ExportKind.words), "the latest block of this kind", required: true, placeholder: "WHAT"),
                        ParameterSpec("file", .path, "the .png file to write", required: true, placeholder: "FILE"),
                    ],
                    options: [
                        ParameterSpec("scale", .integer, "pixels per image pixel or heat map cell", note: "to about 400 pixels", range: .between(1, 64)),
                        ParameterSpec("width", .integer, "chart width in pixels", default: "640", range: .between(160, 4096)),
                        ParameterSpec("height", .integer, "chart height in pixels", default: "400", range: .between(120, 4096)),
                    ],
                    example: "export last out/loss.png",
                    details: "Charts are drawn with axes and one colour per series; images and heat maps are enlarged by scale. The file is replaced atomically."),
        CommandSpec(.profile, .inspection, "time one training step of the current model, layer by layer",
                    options: [
                        ParameterSpec("batch", .integer, "examples in the profiled batch", note: "the batch size", range: .between(1, Limits.batch)),
                        ParameterSpec("steps", .integer, "steps measured after one warm-up step (the median is shown)", default: "5", range: .between(1, 100)),
                    ],
                    example: "profile batch=128 steps=3",
                    details: "Per layer: forward and backward milliseconds, share of the step, estimated MFLOP (forward and backward) and the GFLOP/s achieved, MB moved; then the loss, the optimizer's update, loading the batch and the rest of the step. A convolution and the max pooling after it run as one op: their time is on the convolution's row, the pooling's says fused. The weights, optimizer and epoch position are left exactly as they were."),
    ]

    // MARK: Persistence

    static let persistence: [CommandSpec] = [
        CommandSpec(.saveWeights, .persistence, "write the current model's weights to a safetensors file",
                    positionals: [ParameterSpec("path", .path, "the file to write", required: true)],
                    example: "save weights out/fashion.safetensors"),
        CommandSpec(.loadWeights, .persistence, "read weights into the current model from a safetensors file",
                    positionals: [ParameterSpec("path", .path, "the file to read", required: true)],
                    example: "load weights out/fashion.safetensors"),
        CommandSpec(.saveSession, .persistence, "write the commands of this session to a file that run can replay",
                    positionals: [ParameterSpec("path", .path, "the file to write", required: true)],
                    example: "save session sessions/fashion.grad"),
        CommandSpec(.saveTranscript, .persistence, "write every command run so far with its output as text (Markdown) to hand out",
                    positionals: [ParameterSpec("path", .path, "the file to write", required: true)],
                    example: "save transcript lesson-1.md",
                    details: "Tables, charts and images are written as they render at 80 columns without colour; failed commands appear with their error."),
        CommandSpec(.run, .persistence, "run the commands in a file",
                    positionals: [ParameterSpec("path", .path, "the file to run", required: true)],
                    example: "run \"my sessions/fashion.grad\""),
    ]
}
