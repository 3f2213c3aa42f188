import TensorRuntime

/// Fully connected layer: y = activation(x·kernel + bias). x (N, ..., D) -> y (N, ..., units).
public final class Dense: Layer {
    public var name = ""
    public let typeName = "Dense", nameStem = "dense"
    public var isTrainable = true
    /// Output features.
    public let units: Int
    public let activation: ActivationKind
    public let useBias: Bool
    public let initializer: Initializer
    public let regularizer: Regularizer?
    /// (D, units), once built.
    public private(set) var kernel: Tensor?
    /// (units), once built.
    public private(set) var bias: Tensor?
    private var builtInput: [Int]?

    public init(units: Int, activation: ActivationKind = .linear, useBias: Bool = true,
                initializer: Initializer = .glorot_uniform, regularizer: Regularizer? = nil) throws {
        guard units > 0 else { throw ModelError.invalidConfiguration(layer: "dense", message: "units must be positive, got \(units)") }
        self.units = units; self.activation = activation; self.useBias = useBias
        self.initializer = initializer; self.regularizer = regularizer
    }

    public var outputActivation: ActivationKind { activation }
    public var configSummary: String { "\(units) units" + (activation == .linear ? "" : " \(activation.rawValue)") }

    public var parameters: [Parameter] {
        guard let kernel else { return [] }
        var p = [Parameter("kernel", kernel, regularizer: regularizer)]
        if let bias { p.append(Parameter("bias", bias)) }
        return p
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard let d = inputShape.last, d > 0 else {
            throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "at least one feature axis")
        }
        return Array(inputShape.dropLast()) + [units]
    }

    /// D·units + units (the bias), saturating at `Int.max`.
    public func weightCount(inputShape: [Int]) throws -> Int {
        _ = try outputShape(for: inputShape)
        let d = inputShape.last ?? 0
        return Shape.saturatingSum(Shape.saturatingProduct(d, units), useBias ? units : 0)
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        let d = inputShape.last ?? 1
        if builtInput?.last != d || kernel == nil {
            let k = initializer.make([d, units], fanIn: d, fanOut: units, rng: &rng)
            k.requiresGrad = true
            kernel = k
            bias = useBias ? Tensor(zeros: [units], requiresGrad: true) : nil
        }
        builtInput = inputShape
    }

    public func clone() -> Layer {
        let copy = Dense(copying: self)
        copy.kernel = kernel.parameterCopy()
        copy.bias = bias.parameterCopy()
        return copy
    }

    /// Same configuration, name and flags; weights are set by `clone`.
    private init(copying other: Dense) {
        units = other.units
        activation = other.activation
        useBias = other.useBias
        initializer = other.initializer
        regularizer = other.regularizer
        name = other.name
        isTrainable = other.isTrainable
        builtInput = other.builtInput
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let kernel else { throw ModelError.notBuilt("\(name) is not built") }
        let act = skipOutputActivation ? ActivationKind.linear : activation
        let (fused, rest) = act.fused
        return try rest.apply(Tensor.linear(x, kernel, bias, activation: fused))
    }
}
