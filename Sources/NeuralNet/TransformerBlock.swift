import TensorRuntime

/// One pre-LN transformer encoder block. x (N, T, D) -> y (N, T, D):
///
///     h = x + MHA(LN1(x))
///     y = h + Dense_D(GELU(Dense_MLP(LN2(h))))
///
/// Built from existing layers, its children: `layer_normalization_1`, `attention` (a `MultiHeadAttention`),
/// `layer_normalization_2`, `dense_1` (MLP units, gelu) and `dense_2` (back to D). Its weights are theirs,
/// named `transformer_1.attention.query.kernel`. keras_hub's TransformerEncoder with normalize_first=True has
/// the same layers and parameter count. With `dropout`, attention weights and each branch's output are
/// dropped while training (as in PyTorch's TransformerEncoderLayer).
public final class TransformerBlock: Layer {
    public var name = ""
    public let typeName = "TransformerEncoder", nameStem = "transformer"
    /// Hidden units of the MLP.
    public let mlpUnits: Int
    public let dropout: Float
    public let norm1: LayerNormalization
    public let attention: MultiHeadAttention
    public let norm2: LayerNormalization
    /// The MLP's hidden layer (gelu).
    public let hidden: Dense
    /// The projection back to D, once built (D is the input's).
    public private(set) var projection: Dense?
    private var trainable = true

    public init(heads: Int, mlpUnits: Int, keyDim: Int? = nil, causal: Bool = false, dropout: Float = 0) throws {
        guard mlpUnits > 0 else { throw ModelError.invalidConfiguration(layer: "transformer", message: "MLP units must be positive, got \(mlpUnits)") }
        self.mlpUnits = mlpUnits
        self.dropout = dropout
        norm1 = try LayerNormalization()
        attention = try MultiHeadAttention(heads: heads, keyDim: keyDim, causal: causal, dropout: dropout)
        norm2 = try LayerNormalization()
        hidden = try Dense(units: mlpUnits, activation: .gelu)
        nameChildren()
    }

    private func nameChildren() {
        norm1.name = "layer_normalization_1"
        attention.name = "attention"
        norm2.name = "layer_normalization_2"
        hidden.name = "dense_1"
        projection?.name = "dense_2"
    }

    /// Setting it sets every child's flag too.
    public var isTrainable: Bool {
        get { trainable }
        set {
            trainable = newValue
            for child in children { child.isTrainable = newValue }
        }
    }

    public var children: [Layer] { [norm1, attention, norm2, hidden] + (projection.map { [$0] } ?? []) }
    public var isContainer: Bool { true }
    public var parameters: [Parameter] { childParameters }
    public var configSummary: String { attention.configSummary + ", mlp \(mlpUnits)" }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        _ = try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "transformer")
        do {
            return try attention.outputShape(for: inputShape)
        } catch let ModelError.unfitInput(_, input, expected, hint) {
            throw ModelError.unfitInput(layer: name, input: input, expected: expected, hint: hint)
        }
    }

    /// Two layer norms (4·D), the attention, D·MLP + MLP and MLP·D + D.
    public func weightCount(inputShape: [Int]) throws -> Int {
        _ = try outputShape(for: inputShape)
        let d = inputShape[1]
        let mlp = Shape.saturatingSum(Shape.saturatingProduct(Shape.saturatingProduct(d, mlpUnits), 2), Shape.saturatingSum(mlpUnits, d))
        return Shape.saturatingSum(Shape.saturatingSum(try attention.weightCount(inputShape: inputShape), Shape.saturatingProduct(d, 4)), mlp)
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        guard inputShape.count == 2 else { return }
        let d = inputShape[1]
        if projection?.units != d {
            projection = try? Dense(units: d)
            nameChildren()
        }
        norm1.build(inputShape: inputShape, rng: &rng)
        attention.build(inputShape: inputShape, rng: &rng)
        norm2.build(inputShape: inputShape, rng: &rng)
        hidden.build(inputShape: inputShape, rng: &rng)
        projection?.build(inputShape: [inputShape[0], mlpUnits], rng: &rng)
        for child in children { child.isTrainable = trainable }
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let projection else { throw ModelError.notBuilt("\(name) is not built") }
        let h = try Tensor.add(x, branchDropout(attention(norm1(x, context), context), context))
        let mlp = try projection(hidden(norm2(h, context), context), context)
        return try Tensor.add(h, branchDropout(mlp, context))
    }

    private func branchDropout(_ x: Tensor, _ context: ForwardContext) throws -> Tensor {
        context.training && dropout > 0 ? try Tensor.dropout(x, rate: dropout, rng: &context.rng) : x
    }

    public func clone() -> Layer {
        let copy = TransformerBlock(copying: self)
        copy.name = name
        copy.trainable = trainable
        return copy
    }

    /// Clones of `other`'s children (weights included).
    private init(copying other: TransformerBlock) {
        mlpUnits = other.mlpUnits
        dropout = other.dropout
        norm1 = other.norm1.typedClone()
        attention = other.attention.typedClone()
        norm2 = other.norm2.typedClone()
        hidden = other.hidden.typedClone()
        projection = other.projection?.typedClone()
    }

    /// The children's reports plus the two residual sums and their gradients.
    public func memory(inputShape: [Int], batch: Int) throws -> LayerMemory {
        _ = try outputShape(for: inputShape)
        let d = inputShape[1]
        var report = try LayerMemory.chain([norm1, attention], inputShape: inputShape, batch: batch)
        report = report + (try LayerMemory.chain([norm2, hidden], inputShape: inputShape, batch: batch))
        report = report + (try Dense(units: d).memory(inputShape: [inputShape[0], mlpUnits], batch: batch))
        let sums = SequenceShape.activationBytes(values: Shape.saturatingProduct(Shape.count(inputShape), 2), batch: batch)
        report.activations = Shape.saturatingSum(report.activations, sums)
        return report
    }
}

extension Layer {
    /// `clone()` as this layer's own class (every layer's clone is of its own class).
    func typedClone() -> Self { (clone() as? Self) ?? self }
}
