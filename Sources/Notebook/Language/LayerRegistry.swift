// The layer registry: every layer kind of the language, described once.
//
// An entry holds the layer word and its aliases, the Keras class name, the
// positionals and options (with ranges and defaults), the help text and the
// builder that makes the NeuralNet layer from the checked arguments. The
// parser, `help`, the docs check and the interpreter all read these entries;
// adding a layer kind is one entry here (plus the op and the layer class).

import TensorRuntime
import NeuralNet

/// What a builder may consult besides its arguments.
public struct LayerBuildContext {
    private let lookup: (String) -> NeuralNet.Sequential?

    /// - Parameter model: finds a bound model by name (nil when there is none).
    public init(model: @escaping (String) -> NeuralNet.Sequential? = { _ in nil }) {
        self.lookup = model
    }

    /// The bound model a `.name` argument names; a located error otherwise.
    public func model(_ name: Located<String>) throws -> NeuralNet.Sequential {
        guard let model = lookup(name.value) else {
            throw NotebookError("no model is bound to '\(name.value)'", at: name.range,
                                hint: "make one first, e.g. `\(name.value) = model input=28x28x1`")
        }
        return model
    }

    /// A copy of the bound model a container layer (`sequential`, `residual`) is made of; an empty model
    /// is refused, located at its name: a block without layers computes nothing.
    public func block(_ name: Located<String>, word: String) throws -> NeuralNet.Sequential {
        let bound = try model(name)
        guard !bound.layers.isEmpty else {
            throw NotebookError("model '\(name.value)' has no layers, so `\(word) \(name.value)` would compute nothing", at: name.range,
                                hint: "add layers to it first: `use \(name.value)`, e.g. `dense 8 relu`, then `use` the main model again")
        }
        return bound.copy()
    }
}

/// One layer kind of the language.
public struct LayerEntry: Sendable, Equatable, CustomStringConvertible {
    /// The canonical word: `conv2d`.
    public let word: String
    /// Other words for it: `maxpooling2d`.
    public let aliases: [String]
    /// The Keras class, recognised in call syntax: `Conv2D`.
    public let kerasName: String
    /// Keras's positional arguments as Gradbook parameter names (`Conv2D(32, (3,3))`:
    /// filters, kernel); by default the positionals.
    public let kerasPositionals: [String]
    public let summary: String
    public let positionals: [ParameterSpec]
    /// The options; `name=` is added to every layer.
    public let options: [ParameterSpec]
    public let example: String
    public let details: String?
    /// Makes the layer from checked arguments (defaults applied).
    public let build: @Sendable (LayerArguments, LayerBuildContext) throws -> NeuralNet.Layer

    public init(_ word: String, aliases: [String] = [], keras: String, kerasPositionals: [String]? = nil, _ summary: String,
                positionals: [ParameterSpec] = [], options: [ParameterSpec] = [], example: String,
                details: String? = nil,
                build: @escaping @Sendable (LayerArguments, LayerBuildContext) throws -> NeuralNet.Layer) {
        self.word = word
        self.aliases = aliases
        self.kerasName = keras
        self.kerasPositionals = kerasPositionals ?? positionals.map(\.name)
        self.summary = summary
        self.positionals = positionals
        self.options = options + [LayerRegistry.layerName]
        self.example = example
        self.details = details
        self.build = build
    }

    /// Every parameter, positionals first.
    public var parameters: [ParameterSpec] { positionals + options }

    public var description: String { word }

    public static func == (a: LayerEntry, b: LayerEntry) -> Bool { a.word == b.word }
}

public enum LayerRegistry {
    /// Every layer kind, in documentation order.
    public static let entries: [LayerEntry] = [
        conv2d, maxpool, avgpool, globalavgpool, dense, dropout, flatten, reshape,
        batchnorm, layernorm, activation, embedding, residual, sequential,
    ] + attentionEntries + recurrentEntries

    /// The entry for a word or alias (any case).
    public static func entry(for word: String) -> LayerEntry? {
        let lowered = word.lowercased()
        return entries.first { $0.word == lowered || $0.aliases.contains(lowered) }
    }

    /// The entry whose Keras class is `name` (case-insensitive): `Conv2D`, `MaxPooling2D`.
    public static func entry(keras name: String) -> LayerEntry? {
        entries.first { $0.kerasName.lowercased() == name.lowercased() }
    }

    // MARK: Defaults (each written once: the catalog default is this text)

    static let defaultStride = 1
    static let batchNormMomentum: Float = 0.99
    static let normEpsilon: Float = 1e-3

    // MARK: Shared parameters

    static let layerName = ParameterSpec("name", .name, "name for the layer, usable wherever a LAYER is expected",
                                         note: "Keras-style, e.g. conv2d_1, max_pooling2d_1, dense_2")
    static let initializer = ParameterSpec("init", .choice(noun: "initializer", words: NeuralNet.Initializer.words),
                                           "weight initializer", default: NeuralNet.Initializer.defaultKernel.rawValue,
                                           placeholder: "INIT")
    static let l1 = ParameterSpec("l1", .number, "L1 weight penalty", default: "0", range: .between(0, Limits.penalty))
    static let l2 = ParameterSpec("l2", .number, "L2 weight penalty", default: "0", range: .between(0, Limits.penalty))
    static func activationParameter(_ summary: String, required: Bool, placeholder: String) -> ParameterSpec {
        ParameterSpec("activation", .choice(noun: "activation", words: ActivationKind.words), summary,
                      required: required, default: required ? nil : ActivationKind.linear.rawValue, placeholder: placeholder)
    }
    static let window: [ParameterSpec] = [
        ParameterSpec("size", .integer, "side of the square window", required: true,
                       range: .between(1, Limits.kernel), placeholder: "SIZE"),
    ]
    static let poolStride = ParameterSpec("stride", .integer, "step between windows", note: "SIZE",
                                          range: .between(1, Limits.stride), defaultFrom: "size")

    // MARK: Entries

    static let conv2d = LayerEntry(
        "conv2d", keras: "Conv2D", kerasPositionals: ["filters", "kernel", "stride", "padding"], "append a 2-D convolution layer",
        positionals: [
            ParameterSpec("filters", .integer, "number of output channels", required: true,
                          range: .between(1, Limits.units), placeholder: "FILTERS"),
            ParameterSpec("kernel", .integer, "side of the square kernel", required: true,
                          range: .between(1, Limits.kernel), placeholder: "KERNEL"),
            activationParameter("activation applied to the output", required: false, placeholder: "ACTIVATION"),
        ],
        options: [
            ParameterSpec("stride", .integer, "step between kernel positions", default: String(defaultStride),
                          range: .between(1, Limits.stride)),
            ParameterSpec("padding", .choice(noun: "padding", words: TensorRuntime.Padding.words),
                          "valid: no padding; same: keep the size", default: TensorRuntime.Padding.valid.rawValue),
            initializer, l1, l2,
        ],
        example: "conv2d 32 3 relu"
    ) { a, _ in
        try Conv2D(filters: a.integer("filters"), kernelSize: a.integer("kernel"), stride: a.integer("stride"),
                   padding: a.choice("padding"), activation: a.choice("activation"),
                   initializer: a.choice("init"), regularizer: a.regularizer())
    }

    static let maxpool = LayerEntry(
        "maxpool", aliases: ["maxpooling2d"], keras: "MaxPooling2D", kerasPositionals: ["size", "stride"], "append a max-pooling layer",
        positionals: window, options: [poolStride], example: "maxpool 2"
    ) { a, _ in
        try Pooling2D(.max, size: a.integer("size"), stride: a.integer("stride"))
    }

    static let avgpool = LayerEntry(
        "avgpool", aliases: ["averagepooling2d"], keras: "AveragePooling2D", kerasPositionals: ["size", "stride"], "append an average-pooling layer",
        positionals: window, options: [poolStride], example: "avgpool 2 stride=1"
    ) { a, _ in
        try Pooling2D(.average, size: a.integer("size"), stride: a.integer("stride"))
    }

    static let globalavgpool = LayerEntry(
        "globalavgpool", aliases: ["globalaveragepooling2d"], keras: "GlobalAveragePooling2D",
        "append a layer averaging each channel over all positions", example: "globalavgpool"
    ) { _, _ in
        GlobalAveragePooling2D()
    }

    static let dense = LayerEntry(
        "dense", keras: "Dense", "append a fully connected layer",
        positionals: [
            ParameterSpec("units", .integer, "number of outputs", required: true,
                          range: .between(1, Limits.units), placeholder: "UNITS"),
            activationParameter("activation applied to the output", required: false, placeholder: "ACTIVATION"),
        ],
        options: [initializer, l1, l2],
        example: "dense 10 softmax"
    ) { a, _ in
        try Dense(units: a.integer("units"), activation: a.choice("activation"), initializer: a.choice("init"),
                  regularizer: a.regularizer())
    }

    static let dropout = LayerEntry(
        "dropout", keras: "Dropout", "append a dropout layer (active only while training)",
        positionals: [ParameterSpec("rate", .number, "fraction of inputs set to zero", required: true,
                                    range: .halfOpen(0, 1), placeholder: "RATE")],
        example: "dropout 0.25"
    ) { a, _ in
        try Dropout(rate: a.float("rate"))
    }

    static let flatten = LayerEntry(
        "flatten", keras: "Flatten", "append a layer that flattens each example to a vector", example: "flatten"
    ) { _, _ in
        Flatten()
    }

    static let reshape = LayerEntry(
        "reshape", keras: "Reshape", "append a layer that reshapes each example",
        positionals: [ParameterSpec("shape", .shape, "the new shape without the batch dimension", required: true)],
        example: "reshape 28x28x1"
    ) { a, _ in
        try Reshape(a.dimensions("shape"))
    }

    static let batchnorm = LayerEntry(
        "batchnorm", aliases: ["batchnormalization"], keras: "BatchNormalization", "append a batch-normalisation layer",
        options: [
            ParameterSpec("momentum", .number, "momentum of the running statistics",
                          default: Vocabulary.text(batchNormMomentum), range: .halfOpen(0, 1)),
            ParameterSpec("epsilon", .number, "added to the variance", default: Vocabulary.text(normEpsilon),
                          range: .openClosed(0, 1)),
        ],
        example: "batchnorm momentum=0.9"
    ) { a, _ in
        try BatchNormalization(momentum: a.float("momentum"), epsilon: a.float("epsilon"))
    }

    static let layernorm = LayerEntry(
        "layernorm", aliases: ["layernormalization"], keras: "LayerNormalization", "append a layer-normalisation layer",
        options: [ParameterSpec("epsilon", .number, "added to the variance", default: Vocabulary.text(normEpsilon),
                                range: .openClosed(0, 1))],
        example: "layernorm"
    ) { a, _ in
        try LayerNormalization(epsilon: a.float("epsilon"))
    }

    static let activation = LayerEntry(
        "activation", keras: "Activation", "append a stand-alone activation layer",
        positionals: [activationParameter("the function", required: true, placeholder: "NAME")],
        example: "activation relu",
        details: "leaky_relu has slope \(Vocabulary.format(ActivationKind.leakyReluSlope)) below 0; gelu is the exact erf form. Type help relu (or another activation) for its formula."
    ) { a, _ in
        try ActivationLayer(a.choice("activation"))
    }

    static let embedding = LayerEntry(
        "embedding", keras: "Embedding", "append a layer mapping integer tokens to learned vectors",
        positionals: [
            ParameterSpec("vocab", .integer, "number of distinct tokens", required: true,
                          range: .between(1, Limits.vocabulary), placeholder: "VOCAB"),
            ParameterSpec("dim", .integer, "length of each vector", required: true,
                          range: .between(1, Limits.units), placeholder: "DIM"),
        ],
        example: "embedding 1000 16",
        details: "The table (VOCAB x DIM) may hold at most \(Limits.embeddingElements) values."
    ) { a, _ in
        let vocabulary = try a.integer("vocab")
        let dimension = try a.integer("dim")
        // Both are bounded, so the product cannot overflow.
        guard vocabulary * dimension <= Limits.embeddingElements else {
            throw EmbeddingTooLarge(vocabulary: vocabulary, dimension: dimension)
        }
        return try Embedding(vocabulary: vocabulary, dimension: dimension)
    }

    /// A bound model whose copy becomes part of the current one (containers: `residual`, `sequential`).
    static let boundModel = ParameterSpec("model", .name, "a bound model; a copy of it (weights included) is used",
                                          required: true, placeholder: "MODEL")

    /// What `residual` and `sequential` say of the blocks they make.
    static let blockLimits = " The bound model needs at least one layer. A model holds at most \(NeuralNet.Sequential.maxLayers) layers "
        + "(each block and every layer inside it counted) and \(NeuralNet.Sequential.maxNesting) levels of blocks inside blocks."

    static let residual = LayerEntry(
        "residual", keras: "Residual", "append a skip connection around a copy of a bound model: x + f(x)",
        positionals: [boundModel],
        example: "residual block",
        details: "Build the body as its own model first, e.g. `block = model input=14x14x32`, `conv2d 32 3 relu padding=same`, "
            + "`conv2d 32 3 padding=same`, then `use` the main model and add `residual block`. The body's output must have "
            + "its input's shape. Keras writes this with an Add layer over a skip; the weights are named residual_1.conv2d_1.kernel."
            + blockLimits
    ) { a, context in
        Residual(try context.block(a.name("model"), word: "residual"))
    }

    static let sequential = LayerEntry(
        "sequential", keras: "Sequential", "append a copy of a bound model as one layer",
        positionals: [boundModel],
        example: "sequential features",
        details: "The copy is one row of `summary` with its total parameters; its layers are trained, frozen and saved "
            + "with the model (sequential_1.dense_1.kernel). Later edits of the bound model do not change the copy."
            + blockLimits
    ) { a, context in
        try context.block(a.name("model"), word: "sequential")
    }
}

/// An embedding table beyond `Limits.embeddingElements`.
struct EmbeddingTooLarge: ReportableError {
    var vocabulary: Int
    var dimension: Int
    var message: String {
        "an embedding table of \(vocabulary) x \(dimension) values is larger than \(Limits.embeddingElements)"
    }
    var hint: String? { "use a smaller vocabulary or vector length" }
}
