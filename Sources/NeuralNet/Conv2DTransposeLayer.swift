import TensorRuntime

/// Transposed 2-D convolution (Keras's Conv2DTranspose, no output_padding): x (N,H,W,C), kernel (K,K,F,C),
/// bias (F) -> y (N,OH,OW,F) with OH = (H-1)·stride + K (valid) or H·stride (same).
public final class Conv2DTranspose: Layer {
    public var name = ""
    public let typeName = "Conv2DTranspose", nameStem = "conv2d_transpose"
    public var isTrainable = true
    public let filters: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Padding
    public let activation: ActivationKind
    public let initializer: Initializer
    public private(set) var kernel: Tensor?
    public private(set) var bias: Tensor?
    private var builtChannels: Int?

    public init(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid, activation: ActivationKind = .linear,
                initializer: Initializer = .glorot_uniform) throws {
        guard filters > 0, kernelSize > 0, stride > 0 else {
            throw ModelError.invalidConfiguration(layer: "conv2dtranspose",
                                                  message: "filters, kernel and stride must be positive, got \(filters), \(kernelSize), \(stride)")
        }
        self.filters = filters; self.kernelSize = kernelSize; self.stride = stride; self.padding = padding
        self.activation = activation; self.initializer = initializer
    }

    public var outputActivation: ActivationKind { activation }
    public var configSummary: String {
        "\(filters) filters \(kernelSize)x\(kernelSize)" + (activation == .linear ? "" : " \(activation.rawValue)") + ", stride \(stride), \(padding.rawValue)"
    }

    public var parameters: [Parameter] {
        guard let kernel, let bias else { return [] }
        return [Parameter("kernel", kernel), Parameter("bias", bias)]
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }),
              let g = try? ConvGeometry.transposed(input: [1] + inputShape, kernel: kernelSize, filters: filters, stride: stride,
                                                   padding: padding, op: name) else {
            throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "an image (height, width, channels); add `reshape` first")
        }
        let out = [g.h, g.w, filters]
        guard (try? Shape.checkedCount(out, op: name)) != nil else {
            throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "an image whose upsampled output fits in memory")
        }
        return out
    }

    /// K·K·C·F + F, saturating at `Int.max` (Keras: kernel_size² · input channels · filters + filters).
    public func weightCount(inputShape: [Int]) throws -> Int {
        _ = try outputShape(for: inputShape)
        let window = Shape.saturatingProduct(kernelSize, kernelSize)
        return Shape.saturatingSum(Shape.saturatingProduct(Shape.saturatingProduct(window, inputShape[2]), filters), filters)
    }

    /// The default report plus one im2col block of the adjoint convolution (per chunk of images).
    public func memory(inputShape: [Int], batch: Int) throws -> LayerMemory {
        let out = try outputShape(for: inputShape)
        let outBytes = LayerMemory.bytes(values: Shape.count(out), batch: batch)
        let block = LayerMemory.bytes(values: Shape.saturatingProduct(Shape.saturatingProduct(kernelSize, kernelSize),
                                                                      Shape.saturatingProduct(filters, 512)))
        return LayerMemory(weights: LayerMemory.bytes(values: try weightCount(inputShape: inputShape)),
                           activations: Shape.saturatingProduct(outBytes, 2), scratch: Shape.saturatingSum(outBytes, block))
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        let c = inputShape.last ?? 1
        if builtChannels != c || kernel == nil {
            // Keras's fans for a (K,K,F,C) kernel: receptive field times the second-last and last axes.
            let k = initializer.make([kernelSize, kernelSize, filters, c], fanIn: kernelSize * kernelSize * filters,
                                     fanOut: kernelSize * kernelSize * c, rng: &rng)
            k.requiresGrad = true
            kernel = k
            bias = Tensor(zeros: [filters], requiresGrad: true)
        }
        builtChannels = c
    }

    public func clone() -> Layer {
        let copy = Conv2DTranspose(copying: self)
        copy.kernel = kernel.parameterCopy()
        copy.bias = bias.parameterCopy()
        return copy
    }

    private init(copying other: Conv2DTranspose) {
        filters = other.filters
        kernelSize = other.kernelSize
        stride = other.stride
        padding = other.padding
        activation = other.activation
        initializer = other.initializer
        name = other.name
        isTrainable = other.isTrainable
        builtChannels = other.builtChannels
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let kernel else { throw ModelError.notBuilt("\(name) is not built") }
        let act = skipOutputActivation ? ActivationKind.linear : activation
        let (fused, rest) = act.fused
        return try rest.apply(Tensor.conv2dTranspose(x, kernel, bias, stride: stride, padding: padding, activation: fused))
    }
}
