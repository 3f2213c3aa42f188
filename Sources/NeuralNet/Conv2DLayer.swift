import TensorRuntime

/// 2-D convolution over NHWC images. x (N,H,W,C), kernel (KH,KW,C,F), bias (F) -> y (N,OH,OW,F).
public final class Conv2D: Layer {
    public var name = ""
    public let typeName = "Conv2D", nameStem = "conv2d"
    public var isTrainable = true
    public let filters: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Padding
    public let activation: ActivationKind
    public let initializer: Initializer
    public let regularizer: Regularizer?
    public private(set) var kernel: Tensor?
    public private(set) var bias: Tensor?
    private var builtInput: [Int]?

    public init(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid, activation: ActivationKind = .linear,
                initializer: Initializer = .glorot_uniform, regularizer: Regularizer? = nil) throws {
        guard filters > 0 else { throw ModelError.invalidConfiguration(layer: "conv2d", message: "filters must be positive, got \(filters)") }
        guard kernelSize > 0 else { throw ModelError.invalidConfiguration(layer: "conv2d", message: "kernel size must be positive, got \(kernelSize)") }
        guard stride > 0 else { throw ModelError.invalidConfiguration(layer: "conv2d", message: "stride must be positive, got \(stride)") }
        self.filters = filters; self.kernelSize = kernelSize; self.stride = stride; self.padding = padding
        self.activation = activation; self.initializer = initializer; self.regularizer = regularizer
    }

    public var outputActivation: ActivationKind { activation }
    public var configSummary: String {
        "\(filters) filters \(kernelSize)x\(kernelSize)" + (activation == .linear ? "" : " \(activation.rawValue)") + ", stride \(stride), \(padding.rawValue)"
    }

    public var parameters: [Parameter] {
        guard let kernel, let bias else { return [] }
        return [Parameter("kernel", kernel, regularizer: regularizer), Parameter("bias", bias)]
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "an image (height, width, channels); add `reshape` first")
        }
        let g: ConvGeometry
        do {
            g = try ConvGeometry(input: [1] + inputShape, kernel: (kernelSize, kernelSize), stride: stride, padding: padding, op: name)
        } catch {
            throw ModelError.shapeMismatch(layer: name, input: inputShape,
                                           expected: "at least \(kernelSize)x\(kernelSize) pixels for a \(kernelSize)x\(kernelSize) kernel with valid padding")
        }
        return [g.oh, g.ow, filters]
    }

    /// KH·KW·C·F + F (the bias), saturating at `Int.max`.
    public func weightCount(inputShape: [Int]) throws -> Int {
        _ = try outputShape(for: inputShape)
        let window = Shape.saturatingProduct(kernelSize, kernelSize)
        let kernelValues = Shape.saturatingProduct(Shape.saturatingProduct(window, inputShape[2]), filters)
        return Shape.saturatingSum(kernelValues, filters)
    }

    /// The default report plus the convolution's im2col scratch: the rows of the whole batch when the window
    /// holds no more values than the filters (KH·KW·C <= F, kept for the weight gradient), else one block of
    /// ~128 KB (per running thread; not counted).
    public func memory(inputShape: [Int], batch: Int) throws -> LayerMemory {
        let out = try outputShape(for: inputShape)
        let outBytes = LayerMemory.bytes(values: Shape.count(out), batch: batch)
        let g = try ConvGeometry(input: [batch] + inputShape, kernel: (kernelSize, kernelSize), stride: stride, padding: padding, op: name)
        return LayerMemory(weights: LayerMemory.bytes(values: try weightCount(inputShape: inputShape)),
                           activations: Shape.saturatingProduct(outBytes, 2),
                           scratch: Shape.saturatingSum(outBytes, LayerMemory.bytes(values: g.im2colValues(filters: filters))))
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        let c = inputShape.last ?? 1
        if builtInput?.last != c || kernel == nil {
            let fanIn = kernelSize * kernelSize * c, fanOut = kernelSize * kernelSize * filters
            let k = initializer.make([kernelSize, kernelSize, c, filters], fanIn: fanIn, fanOut: fanOut, rng: &rng)
            k.requiresGrad = true
            kernel = k
            bias = Tensor(zeros: [filters], requiresGrad: true)
        }
        builtInput = inputShape
    }

    public func clone() -> Layer {
        let copy = Conv2D(copying: self)
        copy.kernel = kernel.parameterCopy()
        copy.bias = bias.parameterCopy()
        return copy
    }

    /// Same configuration, name and flags; weights are set by `clone`.
    private init(copying other: Conv2D) {
        filters = other.filters
        kernelSize = other.kernelSize
        stride = other.stride
        padding = other.padding
        activation = other.activation
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
        return try rest.apply(Tensor.conv2d(x, kernel, bias, stride: stride, padding: padding, activation: fused))
    }
}
