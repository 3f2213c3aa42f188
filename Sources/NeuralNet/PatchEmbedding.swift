import TensorRuntime

/// Vision-transformer patches: cuts each image into size x size patches (row-major order) and projects each
/// flattened patch to `dimension` features. x (N, H, W, C) -> y (N, (H/size)·(W/size), dimension).
///
/// The projection is a child Dense layer named `projection` ((size·size·C, dimension) kernel and a bias): the
/// same weights and count as Keras's usual Conv2D(dimension, size, strides=size) patch embedding.
public final class PatchEmbedding: Layer {
    public var name = ""
    public let typeName = "PatchEmbedding", nameStem = "patch_embedding"
    public let size: Int
    public let dimension: Int
    public let projection: Dense
    private var trainable = true

    public init(size: Int, dimension: Int) throws {
        guard size > 0 else { throw ModelError.invalidConfiguration(layer: "patches", message: "patch size must be positive, got \(size)") }
        self.size = size
        self.dimension = dimension
        projection = try Dense(units: dimension)
        projection.name = "projection"
    }

    private init(copying other: PatchEmbedding) {
        size = other.size
        dimension = other.dimension
        projection = other.projection.typedClone()
        name = other.name
        trainable = other.trainable
    }

    /// Setting it sets the projection's flag too.
    public var isTrainable: Bool {
        get { trainable }
        set {
            trainable = newValue
            projection.isTrainable = newValue
        }
    }

    public var children: [Layer] { [projection] }
    public var isContainer: Bool { true }
    public var parameters: [Parameter] { childParameters }
    public var configSummary: String { "\(size)x\(size) patches, \(dimension) features" }

    /// (patches, values per patch) for an image `inputShape`; a hinted error when it is not an image or
    /// `size` does not divide its height and width.
    func patchGrid(_ inputShape: [Int]) throws -> (patches: Int, values: Int) {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw ModelError.unfitInput(layer: name, input: inputShape, expected: "an image (height, width, channels)",
                                        hint: "patches cuts images; give the model an image input, e.g. `model input=28x28x1`")
        }
        let h = inputShape[0], w = inputShape[1], c = inputShape[2]
        guard h % size == 0, w % size == 0 else {
            let sides = h == w ? "\(h)" : "both \(h) and \(w)"
            var divisors: [String] = []
            for p in 2...max(2, min(h, w)) where h % p == 0 && w % p == 0 {
                divisors.append(String(p))
            }
            throw ModelError.unfitInput(
                layer: name, input: inputShape, expected: "a height and width that \(size) x \(size) patches tile exactly",
                hint: "use a patch size that divides \(sides)" + (divisors.isEmpty ? "" : ": " + divisors.joined(separator: ", ")))
        }
        return (Shape.saturatingProduct(h / size, w / size), Shape.saturatingProduct(Shape.saturatingProduct(size, size), c))
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        [try patchGrid(inputShape).patches, dimension]
    }

    /// size·size·C·dimension + dimension.
    public func weightCount(inputShape: [Int]) throws -> Int {
        let grid = try patchGrid(inputShape)
        return try projection.weightCount(inputShape: [grid.patches, grid.values])
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        guard let grid = try? patchGrid(inputShape) else { return }
        projection.build(inputShape: [grid.patches, grid.values], rng: &rng)
        projection.isTrainable = trainable
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        try projection(Tensor.patches(x, size: size), context)
    }

    public func clone() -> Layer { PatchEmbedding(copying: self) }

    /// The patches (as many values as the image) and the projection's report.
    public func memory(inputShape: [Int], batch: Int) throws -> LayerMemory {
        let grid = try patchGrid(inputShape)
        var report = try projection.memory(inputShape: [grid.patches, grid.values], batch: batch)
        report.scratch = Shape.saturatingSum(report.scratch, LayerMemory.bytes(values: Shape.count(inputShape), batch: batch))
        return report
    }
}
