import TensorRuntime

/// The cell of a recurrent layer: Keras's class, its gates and its bias rows.
public enum RecurrentCell: Sendable, Equatable {
    /// SimpleRNN: h_t = act(x_t·W + h_{t-1}·R + b).
    case simple
    /// LSTM: gates i, f, c, o (Keras's order), cell state c.
    case lstm
    /// GRU: gates z, r, h; `resetAfter` (Keras 3's default) applies the reset gate after the recurrent
    /// product and keeps two bias rows (input and recurrent).
    case gru(resetAfter: Bool)

    /// Keras's class name.
    public var typeName: String {
        switch self { case .simple: "SimpleRNN"; case .lstm: "LSTM"; case .gru: "GRU" }
    }
    /// Keras's automatic name stem (`simple_rnn_1`, `lstm_1`, `gru_1`).
    public var nameStem: String {
        switch self { case .simple: "simple_rnn"; case .lstm: "lstm"; case .gru: "gru" }
    }
    /// Gates side by side in the kernels (G).
    public var gates: Int {
        switch self { case .simple: 1; case .lstm: 4; case .gru: 3 }
    }
    /// Rows of G·U in the bias: 2 for a GRU with reset_after, else 1.
    public var biasRows: Int { self == .gru(resetAfter: true) ? 2 : 1 }
    /// Values kept per example, step and unit for backward and written by it (pre-activations, cell state,
    /// their gradients, the states one step late), as the ops allocate them.
    var scratchPerUnit: Int {
        switch self {
        case .simple: 3
        case .lstm: 10
        case .gru(resetAfter: true): 13
        case .gru(resetAfter: false): 8
        }
    }
}

/// A recurrent layer over a sequence (Keras's SimpleRNN, LSTM and GRU): x (N, T, D) -> the last state
/// (N, U), or every state (N, T, U) with `returnSequences`.
///
/// Weights as Keras stores them, so they move to Keras unchanged: `kernel` (D, G·U), `recurrent_kernel`
/// (U, G·U), `bias` (G·U), or (2, G·U) for a GRU with reset_after (row 0 the input bias, row 1 the
/// recurrent one); gates side by side in Keras's order. Initialised as Keras does: kernel glorot_uniform,
/// recurrent kernel orthogonal, bias zeros except an LSTM's forget gate at 1 (unit_forget_bias).
public final class RecurrentLayer: Layer {
    public var name = ""
    public var isTrainable = true
    public let cell: RecurrentCell
    /// The state's size (U).
    public let units: Int
    /// The cell's activation (tanh by default); the gates always use the sigmoid (Keras's recurrent_activation).
    public let activation: ActivationKind
    /// True: every step's state (N, T, U); false: the last one (N, U).
    public let returnSequences: Bool
    /// (D, G·U), once built.
    public private(set) var kernel: Tensor?
    /// (U, G·U), once built.
    public private(set) var recurrentKernel: Tensor?
    /// (G·U), or (2, G·U) for a GRU with reset_after, once built.
    public private(set) var bias: Tensor?
    private var builtFeatures: Int?

    public init(_ cell: RecurrentCell, units: Int, activation: ActivationKind = .tanh, returnSequences: Bool = false) throws {
        guard units > 0 else {
            throw ModelError.invalidConfiguration(layer: cell.nameStem, message: "units must be positive, got \(units)")
        }
        guard activation != .softmax else {
            throw ModelError.invalidConfiguration(layer: cell.nameStem, message: "softmax is not an elementwise activation; use tanh, sigmoid, relu ...")
        }
        self.cell = cell; self.units = units; self.activation = activation; self.returnSequences = returnSequences
    }

    public var typeName: String { cell.typeName }
    public var nameStem: String { cell.nameStem }

    public var configSummary: String {
        var s = "\(units) units"
        if activation != .tanh { s += " \(activation.rawValue)" }
        if returnSequences { s += ", sequences" }
        if cell == .gru(resetAfter: false) { s += ", reset before" }
        return s
    }

    public var parameters: [Parameter] {
        guard let kernel, let recurrentKernel, let bias else { return [] }
        return [Parameter("kernel", kernel), Parameter("recurrent_kernel", recurrentKernel), Parameter("bias", bias)]
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        let (t, _) = try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: cell.nameStem.replacingUnderscores)
        guard Shape.saturatingProduct(t, Shape.saturatingProduct(cell.gates, units)) <= RecurrentShape.maxStride else {
            throw ModelError.unfitInput(layer: name, input: inputShape, expected: "at most \(RecurrentShape.maxStride) gate values per example (tokens x \(cell.gates) x units)",
                                        hint: "use shorter sequences or fewer units")
        }
        return returnSequences ? [t, units] : [units]
    }

    /// G·(U·D + U·U + U), plus G·U more for a GRU's second bias row (Keras's counts), saturating.
    public func weightCount(inputShape: [Int]) throws -> Int {
        _ = try outputShape(for: inputShape)
        let d = inputShape[1], gu = Shape.saturatingProduct(cell.gates, units)
        let weights = [Shape.saturatingProduct(d, gu), Shape.saturatingProduct(units, gu), Shape.saturatingProduct(cell.biasRows, gu)]
        return weights.reduce(0, Shape.saturatingSum)
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        guard inputShape.count == 2 else { return }
        let d = inputShape[1], gu = cell.gates * units
        guard builtFeatures != d || kernel == nil else { return }
        let k = Initializer.glorot_uniform.make([d, gu], fanIn: d, fanOut: gu, rng: &rng)
        let r = Initializer.orthogonal(rows: units, cols: gu, rng: &rng)
        let b = Tensor(zeros: cell.biasRows == 1 ? [gu] : [cell.biasRows, gu])
        if cell == .lstm { (b.buffer.pointer + units).initialize(repeating: 1, count: units) }   // the forget gate
        for t in [k, r, b] { t.requiresGrad = true }
        kernel = k; recurrentKernel = r; bias = b
        builtFeatures = d
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let kernel, let recurrentKernel, let bias else { throw ModelError.notBuilt("\(name) is not built") }
        guard x.rank == 3 else {
            throw ModelError.shapeMismatch(layer: name, input: Array(x.shape.dropFirst()), expected: "a sequence (tokens, features)")
        }
        let f = activation.elementwise
        let states: Tensor   // (N, T, U)
        switch cell {
        case .simple: states = try Tensor.simpleRNN(x, kernel: kernel, recurrent: recurrentKernel, bias: bias, activation: f)
        case .lstm: states = try Tensor.lstm(x, kernel: kernel, recurrent: recurrentKernel, bias: bias, activation: f)
        case .gru(resetAfter: true): states = try Tensor.gru(x, kernel: kernel, recurrent: recurrentKernel, bias: bias, activation: f)
        case .gru(resetAfter: false):
            states = try Tensor.gruResetBefore(x, kernel: kernel, recurrent: recurrentKernel, bias: bias, activation: f)
        }
        guard !returnSequences else { return states }
        let (n, t) = (x.shape[0], x.shape[1])
        return try Tensor.slice(states, axis: 1, range: (t - 1)..<t).reshaped([n, units])
    }

    /// Weights; the output and its gradient (with the whole sequence of states as well when only the last
    /// is returned); as scratch what the op keeps for backward and writes in it (`RecurrentCell.scratchPerUnit`
    /// values per step and unit) and two (N, U) step buffers.
    public func memory(inputShape: [Int], batch: Int) throws -> LayerMemory {
        let out = try outputShape(for: inputShape)
        let states = Shape.saturatingProduct(inputShape[0], units)
        var activations = Shape.count(out)
        if !returnSequences { activations = Shape.saturatingSum(activations, states) }
        let scratch = Shape.saturatingSum(Shape.saturatingProduct(states, cell.scratchPerUnit), Shape.saturatingProduct(2, units))
        return LayerMemory(weights: LayerMemory.bytes(values: try weightCount(inputShape: inputShape)),
                           activations: SequenceShape.activationBytes(values: activations, batch: batch),
                           scratch: LayerMemory.bytes(values: scratch, batch: batch))
    }

    public func clone() -> Layer {
        let copy = RecurrentLayer(copying: self)
        copy.kernel = kernel.parameterCopy()
        copy.recurrentKernel = recurrentKernel.parameterCopy()
        copy.bias = bias.parameterCopy()
        return copy
    }

    /// Same configuration, name and flags; weights are set by `clone`.
    private init(copying other: RecurrentLayer) {
        cell = other.cell; units = other.units; activation = other.activation; returnSequences = other.returnSequences
        name = other.name; isTrainable = other.isTrainable; builtFeatures = other.builtFeatures
    }
}

extension RecurrentLayer: LayerCost {
    /// 2·N·T·(D + U)·G·U for the input projection and the recurrent products, about 8 per gate value for
    /// the cell's arithmetic; backward one product pass for the input's and the state's gradients and one for
    /// the weights'. Bytes: input, weights, output and the scratch, forward and backward.
    public func cost(inputShape: [Int], batch: Int) throws -> LayerWork {
        let out = try outputShape(for: inputShape)
        let (t, d) = (inputShape[0], inputShape[1])
        let gateValues = LayerWork.product(batch, t, cell.gates, units)
        let product = LayerWork.product(2, gateValues, Shape.saturatingSum(d, units))
        let cellWork = LayerWork.product(gateValues, 8)
        let forward = Shape.saturatingSum(product, cellWork)
        let inputGradient = Shape.saturatingSum(product, cellWork)
        let backward = trainsWeights ? Shape.saturatingSum(inputGradient, product) : inputGradient
        let values = [LayerWork.product(batch, t, d), try weightCount(inputShape: inputShape),
                      LayerWork.product(batch, Shape.count(out)), LayerWork.product(batch, t, units, cell.scratchPerUnit)]
            .reduce(0, Shape.saturatingSum)
        return LayerWork(forwardFLOPs: forward, backwardFLOPs: backward, inputGradientFLOPs: inputGradient,
                         bytes: Shape.saturatingProduct(LayerMemory.bytes(values: values), 2))
    }
}

extension ActivationKind {
    /// The elementwise function the recurrent ops take: nil for linear (and softmax, which the layers refuse).
    var elementwise: Activation? {
        switch self {
        case .linear, .softmax: nil
        case .relu: .relu
        case .leaky_relu: .leakyRelu(alpha: ActivationKind.leakyReluSlope)
        case .elu: .elu(alpha: ActivationKind.eluAlpha)
        case .gelu: .gelu
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        }
    }
}

private extension String {
    /// `simple_rnn` -> `simplernn`: the layer's word in the language, for hints.
    var replacingUnderscores: String { filter { $0 != "_" } }
}
