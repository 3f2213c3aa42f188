import TensorRuntime

// Layers that add, pick or pool tokens of a sequence (N, T, D), for a classifier after a transformer.

/// Prepends one learned D-vector to every sequence (ViT's class token). x (N, T, D) -> y (N, T + 1, D).
/// Its weight `token` (D) starts at zero.
public final class ClassToken: Layer {
    public var name = ""
    public let typeName = "ClassToken", nameStem = "class_token"
    public var isTrainable = true
    /// (D), once built.
    public private(set) var token: Tensor?

    public init() {}

    public var configSummary: String { "" }
    public var parameters: [Parameter] { token.map { [Parameter("token", $0)] } ?? [] }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        let (t, d) = try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "classtoken")
        return [t + 1, d]
    }

    /// D.
    public func weightCount(inputShape: [Int]) throws -> Int {
        try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "classtoken").features
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        guard inputShape.count == 2, token?.count != inputShape[1] else { return }
        token = Tensor(zeros: [inputShape[1]], requiresGrad: true)
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let token else { throw ModelError.notBuilt("\(name) is not built") }
        // (N, 1, D) copies of the token (the sum's gradient reaches it), then joined before the sequence.
        let copies = try Tensor.add(Tensor(zeros: [x.shape[0], 1, token.count]), token)
        return try Tensor.concat([copies, x], axis: 1)
    }

    public func clone() -> Layer {
        let copy = ClassToken()
        copy.name = name
        copy.isTrainable = isTrainable
        copy.token = token.parameterCopy()
        return copy
    }
}

/// Keeps one token of each sequence (the class token at 0). x (N, T, D) -> y (N, D).
public final class TokenSelect: Layer {
    public var name = ""
    public let typeName = "TokenSelect", nameStem = "token"
    public var isTrainable = true
    /// The position kept, 0-based.
    public let index: Int

    public init(index: Int) throws {
        guard index >= 0 else { throw ModelError.invalidConfiguration(layer: "token", message: "the position must be 0 or more, got \(index)") }
        self.index = index
    }

    private init(copying other: TokenSelect) {
        index = other.index
        name = other.name
        isTrainable = other.isTrainable
    }

    public var configSummary: String { "token \(index)" }
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int { 0 }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        let (t, d) = try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "token")
        guard index < t else {
            throw ModelError.unfitInput(layer: name, input: inputShape, expected: "more than \(index) tokens",
                                        hint: "positions are 0 to \(t - 1)")
        }
        return [d]
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard x.rank == 3 else { throw ModelError.shapeMismatch(layer: name, input: Array(x.shape.dropFirst()), expected: "a sequence (tokens, features)") }
        return try Tensor.slice(x, axis: 1, range: index..<(index + 1)).reshaped([x.shape[0], x.shape[2]])
    }

    public func clone() -> Layer { TokenSelect(copying: self) }
}

/// Mean over the tokens. x (N, T, D) -> y (N, D).
public final class GlobalAveragePooling1D: Layer {
    public var name = ""
    public let typeName = "GlobalAveragePooling1D", nameStem = "global_average_pooling1d"
    public var isTrainable = true

    public init() {}

    public var configSummary: String { "" }
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int { 0 }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count != 3 else {
            throw ModelError.unfitInput(layer: name, input: inputShape, expected: "a sequence (tokens, features)",
                                        hint: "for an image, average each channel with `globalavgpool`")
        }
        return [try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "globalaveragepooling1d").features]
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        try Tensor.mean(x, axis: 1)
    }

    public func clone() -> Layer {
        let copy = GlobalAveragePooling1D()
        copy.name = name
        copy.isTrainable = isTrainable
        return copy
    }
}
