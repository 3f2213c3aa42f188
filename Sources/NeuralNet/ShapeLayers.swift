import TensorRuntime

/// Max or average pooling over square windows. x (N,H,W,C) -> y (N,OH,OW,C).
public final class Pooling2D: Layer {
    public enum Mode: Sendable { case max, average }
    public var name = ""
    public var isTrainable = true
    public let mode: Mode
    public let size: Int
    public let stride: Int
    public let padding: Padding

    public init(_ mode: Mode, size: Int = 2, stride: Int? = nil, padding: Padding = .valid) throws {
        guard size > 0 else { throw ModelError.invalidConfiguration(layer: mode == .max ? "maxpool" : "avgpool", message: "pool size must be positive, got \(size)") }
        guard (stride ?? size) > 0 else { throw ModelError.invalidConfiguration(layer: "pool", message: "stride must be positive") }
        self.mode = mode; self.size = size; self.stride = stride ?? size; self.padding = padding
    }
    public var typeName: String { mode == .max ? "MaxPooling2D" : "AveragePooling2D" }
    public var nameStem: String { mode == .max ? "max_pooling2d" : "average_pooling2d" }
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int { 0 }
    public func clone() -> Layer { Pooling2D(copying: self) }
    private init(copying other: Pooling2D) {
        mode = other.mode
        size = other.size
        stride = other.stride
        padding = other.padding
        name = other.name
        isTrainable = other.isTrainable
    }
    public var configSummary: String { "\(size)x\(size), stride \(stride)" }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3,
              let g = try? ConvGeometry(input: [1] + inputShape, kernel: (size, size), stride: stride, padding: padding, op: name) else {
            throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "an image (height, width, channels) of at least \(size)x\(size)")
        }
        return [g.oh, g.ow, inputShape[2]]
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        mode == .max ? try Tensor.maxPool2d(x, size: size, stride: stride, padding: padding)
                     : try Tensor.avgPool2d(x, size: size, stride: stride, padding: padding)
    }
}

/// Mean over height and width. x (N,H,W,C) -> y (N,C).
public final class GlobalAveragePooling2D: Layer {
    public var name = ""
    public let typeName = "GlobalAveragePooling2D", nameStem = "global_average_pooling2d"
    public var isTrainable = true
    public init() {}
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int { 0 }
    public func clone() -> Layer { GlobalAveragePooling2D(copying: self) }
    private init(copying other: GlobalAveragePooling2D) {
        name = other.name
        isTrainable = other.isTrainable
    }
    public var configSummary: String { "" }
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else { throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "an image (height, width, channels)") }
        return [inputShape[2]]
    }
    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        try Tensor.globalAvgPool(x)
    }
}

/// Flattens all but the batch axis. x (N, ...) -> y (N, product).
public final class Flatten: Layer {
    public var name = ""
    public let typeName = "Flatten", nameStem = "flatten"
    public var isTrainable = true
    public init() {}
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int { 0 }
    public func clone() -> Layer { Flatten(copying: self) }
    private init(copying other: Flatten) {
        name = other.name
        isTrainable = other.isTrainable
    }
    public var configSummary: String { "" }
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        [try ModelError.checkedCount(inputShape, layer: name, input: inputShape)]
    }
    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor { try x.flattened() }
}

/// Reshapes all but the batch axis to `targetShape` (same element count).
public final class Reshape: Layer {
    public var name = ""
    public let typeName = "Reshape", nameStem = "reshape"
    public var isTrainable = true
    public let targetShape: [Int]
    public init(_ targetShape: [Int]) throws {
        guard !targetShape.isEmpty, targetShape.allSatisfy({ $0 > 0 }) else {
            throw ModelError.invalidConfiguration(layer: "reshape", message: "target shape must have positive dimensions, got \(Shape.describe(targetShape))")
        }
        guard (try? Shape.checkedCount(targetShape, op: "reshape")) != nil else {
            throw ModelError.invalidConfiguration(layer: "reshape", message: "target shape \(Shape.describe(targetShape)) has more than \(Int.max) values")
        }
        self.targetShape = targetShape
    }
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int { 0 }
    public func clone() -> Layer { Reshape(copying: self) }
    private init(copying other: Reshape) {
        targetShape = other.targetShape
        name = other.name
        isTrainable = other.isTrainable
    }
    public var configSummary: String { targetShape.map(String.init).joined(separator: "x") }
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        let target = Shape.count(targetShape)
        guard (try? Shape.checkedCount(inputShape, op: name)) == target else {
            throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "\(target) values to reshape to \(Shape.describe(targetShape))")
        }
        return targetShape
    }
    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        try x.reshaped([x.shape[0]] + targetShape)
    }
}

/// Randomly zeroes a fraction `rate` of inputs during training (scaling the rest); identity at inference.
public final class Dropout: Layer {
    public var name = ""
    public let typeName = "Dropout", nameStem = "dropout"
    public var isTrainable = true
    public let rate: Float
    public init(rate: Float) throws {
        guard rate >= 0 && rate < 1 else { throw ModelError.invalidConfiguration(layer: "dropout", message: "rate must be in [0, 1), got \(rate)") }
        self.rate = rate
    }
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int { 0 }
    public func clone() -> Layer { Dropout(copying: self) }
    private init(copying other: Dropout) {
        rate = other.rate
        name = other.name
        isTrainable = other.isTrainable
    }
    public var configSummary: String { "rate \(rate)" }
    public func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape }
    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        context.training ? try Tensor.dropout(x, rate: rate, rng: &context.rng) : x
    }
}

/// A standalone activation.
public final class ActivationLayer: Layer {
    public var name = ""
    public let typeName = "Activation", nameStem = "activation"
    public var isTrainable = true
    public let activation: ActivationKind
    public init(_ activation: ActivationKind) { self.activation = activation }
    public var outputActivation: ActivationKind { activation }
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int { 0 }
    public func clone() -> Layer { ActivationLayer(copying: self) }
    private init(copying other: ActivationLayer) {
        activation = other.activation
        name = other.name
        isTrainable = other.isTrainable
    }
    public var configSummary: String { activation.rawValue }
    public func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape }
    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        skipOutputActivation ? x : try activation.apply(x)
    }
}
