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

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        let d = inputShape.last ?? 1
        if builtInput?.last != d || kernel == nil {
            kernel = initializer.make([d, units], fanIn: d, fanOut: units, rng: &rng)
            kernel!.requiresGrad = true
            bias = useBias ? Tensor(zeros: [units], requiresGrad: true) : nil
        }
        builtInput = inputShape
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let kernel else { throw ModelError.notBuilt("\(name) is not built") }
        let act = skipOutputActivation ? ActivationKind.linear : activation
        let (fused, rest) = act.fused
        return try rest.apply(Tensor.linear(x, kernel, bias, activation: fused))
    }
}
