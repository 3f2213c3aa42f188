#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorRuntime

/// Multi-head self-attention, Keras's MultiHeadAttention with query = key = value = the input.
/// x (N, T, D) -> y (N, T, D).
///
/// Built from four Dense layers, as MLX Swift builds its MultiHeadAttention: `query`, `key` and `value` project
/// D -> H·dk, `attention_output` projects H·dk -> D. Per head h: softmax(q_h·k_hᵀ / sqrt(dk)) · v_h, with an
/// optional causal mask (a token sees itself and earlier tokens) and dropout on the attention weights while
/// training. The heads stay packed in the last axis (see `Tensor.attentionScores`), so no per-head copies.
/// Keras's parameter count: 3·(D·H·dk + H·dk) + H·dk·D + D. Each forward keeps a detached copy of its weights
/// (N, H, T, T) in `lastAttention`, for display.
public final class MultiHeadAttention: Layer, AttentionSource {
    public var name = ""
    public let typeName = "MultiHeadAttention", nameStem = "multi_head_attention"
    /// Number of heads.
    public let heads: Int
    /// Size of each head's query and key, or nil for D / heads (then D must divide by heads).
    public let keyDim: Int?
    /// True when each token attends only to itself and earlier tokens.
    public let causal: Bool
    /// Fraction of attention weights dropped while training.
    public let dropout: Float
    /// The projections, once built.
    public private(set) var query: Dense?, key: Dense?, value: Dense?, output: Dense?
    public private(set) var lastAttention: Tensor?
    private var trainable = true

    public init(heads: Int, keyDim: Int? = nil, causal: Bool = false, dropout: Float = 0) throws {
        guard heads > 0 else { throw ModelError.invalidConfiguration(layer: "attention", message: "heads must be positive, got \(heads)") }
        if let keyDim, keyDim <= 0 {
            throw ModelError.invalidConfiguration(layer: "attention", message: "key_dim must be positive, got \(keyDim)")
        }
        guard dropout >= 0 && dropout < 1 else {
            throw ModelError.invalidConfiguration(layer: "attention", message: "dropout must be in [0, 1), got \(dropout)")
        }
        self.heads = heads
        self.keyDim = keyDim
        self.causal = causal
        self.dropout = dropout
    }

    public var headCount: Int { heads }

    /// Setting it sets the projections' flags too.
    public var isTrainable: Bool {
        get { trainable }
        set {
            trainable = newValue
            for child in children { child.isTrainable = newValue }
        }
    }

    public var children: [Layer] { [query, key, value, output].compactMap { $0 } }
    public var isContainer: Bool { true }
    public var parameters: [Parameter] { childParameters }

    public var configSummary: String {
        var text = "\(heads) head\(heads == 1 ? "" : "s")"
        if let k = query.map({ $0.units / heads }) ?? keyDim { text += ", key_dim \(k)" }
        if causal { text += ", causal" }
        if dropout > 0 { text += ", dropout \(dropout)" }
        return text
    }

    /// (T, D, dk) for `inputShape`; a hinted error when it is not a sequence or D does not split into heads.
    func dimensions(_ inputShape: [Int]) throws -> (tokens: Int, features: Int, keyDim: Int) {
        let (t, d) = try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "attention")
        if let keyDim { return (t, d, keyDim) }
        guard d % heads == 0 else {
            throw ModelError.unfitInput(
                layer: name, input: inputShape, expected: "features that split evenly into \(heads) heads",
                hint: "use a number of heads that divides \(d), or give the size of each head: key_dim=N")
        }
        return (t, d, d / heads)
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        _ = try dimensions(inputShape)
        return inputShape
    }

    /// 3·(D·H·dk + H·dk) + H·dk·D + D, saturating.
    public func weightCount(inputShape: [Int]) throws -> Int {
        let (_, d, k) = try dimensions(inputShape)
        let width = Shape.saturatingProduct(heads, k)
        let projection = Shape.saturatingSum(Shape.saturatingProduct(d, width), width)
        let out = Shape.saturatingSum(Shape.saturatingProduct(width, d), d)
        return Shape.saturatingSum(Shape.saturatingProduct(projection, 3), out)
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        guard let dims = try? dimensions(inputShape) else { return }
        let t = dims.tokens, d = dims.features, width = heads * dims.keyDim
        if query?.units != width || output?.units != d {
            guard let q = try? Dense(units: width), let kk = try? Dense(units: width), let v = try? Dense(units: width),
                  let o = try? Dense(units: d) else { return }
            q.name = "query"
            kk.name = "key"
            v.name = "value"
            o.name = "attention_output"
            (query, key, value, output) = (q, kk, v, o)
        }
        for projection in [query, key, value] { projection?.build(inputShape: [t, d], rng: &rng) }
        output?.build(inputShape: [t, width], rng: &rng)
        for child in children { child.isTrainable = trainable }
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let output else { throw ModelError.notBuilt("\(name) is not built") }
        let pass = try attend(x, context)
        lastAttention = pass.weights.detached()
        return try output(pass.heads, context)
    }

    /// The pass up to the heads' outputs, before `attention_output`: the projections q, k, v (N, T, H·dk),
    /// the scaled scores and the softmax weights (N, H, T, T), and the heads side by side (N, T, H·dk).
    /// The forward pass and `steps` (the step-by-step view) both run it.
    func attend(_ x: Tensor, _ context: ForwardContext) throws
        -> (q: Tensor, k: Tensor, v: Tensor, scores: Tensor, weights: Tensor, heads: Tensor) {
        guard let query, let key, let value else { throw ModelError.notBuilt("\(name) is not built") }
        let k = query.units / heads
        let q = try query(x, context), kk = try key(x, context), v = try value(x, context)
        let scores = try Tensor.attentionScores(q, kk, heads: heads, scale: 1 / sqrtf(Float(k)))
        let weights = try Tensor.attentionSoftmax(scores, causal: causal)
        let kept = context.training && dropout > 0 ? try Tensor.dropout(weights, rate: dropout, rng: &context.rng) : weights
        return (q, kk, v, scores, weights, try Tensor.attentionCombine(kept, v))
    }

    public func clone() -> Layer {
        let copy = MultiHeadAttention(copying: self)
        copy.query = query?.typedClone()
        copy.key = key?.typedClone()
        copy.value = value?.typedClone()
        copy.output = output?.typedClone()
        return copy
    }

    /// Same configuration, name and flag; projections are set by `clone`.
    private init(copying other: MultiHeadAttention) {
        heads = other.heads
        keyDim = other.keyDim
        causal = other.causal
        dropout = other.dropout
        name = other.name
        trainable = other.trainable
    }

    /// Weights; q, k, v (T·H·dk each), scores and weights (H·T·T each), the combined heads (T·H·dk) and the
    /// output (T·D), with their gradients; scratch: the kept copy of the weights and a dropout mask.
    public func memory(inputShape: [Int], batch: Int) throws -> LayerMemory {
        let (t, d, k) = try dimensions(inputShape)
        let packed = Shape.saturatingProduct(t, Shape.saturatingProduct(heads, k))
        let square = Shape.saturatingProduct(heads, Shape.saturatingProduct(t, t))
        var values = Shape.saturatingProduct(packed, 4)
        values = Shape.saturatingSum(values, Shape.saturatingProduct(square, 2))
        values = Shape.saturatingSum(values, Shape.saturatingProduct(t, d))
        let scratch = Shape.saturatingProduct(square, dropout > 0 ? 2 : 1)
        return LayerMemory(weights: LayerMemory.bytes(values: try weightCount(inputShape: inputShape)),
                           activations: SequenceShape.activationBytes(values: values, batch: batch),
                           scratch: LayerMemory.bytes(values: scratch, batch: batch))
    }
}
