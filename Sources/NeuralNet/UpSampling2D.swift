import TensorRuntime

/// Nearest-neighbour upsampling (Keras's UpSampling2D): x (N,H,W,C) -> y (N,H·S,W·S,C); no weights.
public final class UpSampling2D: Layer {
    public var name = ""
    public let typeName = "UpSampling2D", nameStem = "up_sampling2d"
    public var isTrainable = true
    public let size: Int

    public init(size: Int) throws {
        guard size > 0 else { throw ModelError.invalidConfiguration(layer: "upsample", message: "size must be positive, got \(size)") }
        self.size = size
    }
    public var parameters: [Parameter] { [] }
    public func weightCount(inputShape: [Int]) throws -> Int {
        _ = try outputShape(for: inputShape)
        return 0
    }
    public func clone() -> Layer { UpSampling2D(copying: self) }
    private init(copying other: UpSampling2D) {
        size = other.size
        name = other.name
        isTrainable = other.isTrainable
    }
    public var configSummary: String { "\(size)x\(size), nearest" }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "an image (height, width, channels); add `reshape` first")
        }
        let (h, o1) = inputShape[0].multipliedReportingOverflow(by: size), (w, o2) = inputShape[1].multipliedReportingOverflow(by: size)
        let out = [h, w, inputShape[2]]
        guard !o1, !o2, (try? Shape.checkedCount(out, op: name)) != nil else {
            throw ModelError.shapeMismatch(layer: name, input: inputShape, expected: "an image whose upsampled output fits in memory")
        }
        return out
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        try Tensor.upsample2d(x, size: size)
    }
}
