import Datasets

/// `load shapes [count=N] [classes=N] [size=N] [noise=F] [seed=N] [target=label|input]`: generated drawn shapes, made current.
public struct LoadShapes: CommandEntry {
    public static let spec = CommandSpec(
        "load shapes", .data, "generate a small synthetic data set of drawn shapes and make it current",
        options: [
            ParameterSpec("count", .integer, "number of training images", default: "1000", range: .between(1, Limits.count)),
            ParameterSpec("classes", .integer, "number of shape classes", default: "3", range: .between(2, Shapes.classRange.upperBound)),
            ParameterSpec("size", .integer, "image side in pixels", default: "28", range: .between(Shapes.sizeRange.lowerBound, Shapes.sizeRange.upperBound)),
            ParameterSpec("noise", .number, "standard deviation of added pixel noise", default: "0.1", range: .between(0, 10)),
            ParameterSpec("seed", .integer, "generator seed", note: "the session seed", range: .atLeast(0)),
            DataTarget.parameter,
        ],
        example: "toy = load shapes count=500 classes=4 noise=0.2")
    public static let effect = CommandEffect.changesSession
    public static let canBind = true

    public var count: Located<Int>
    public var classes: Located<Int>
    public var size: Located<Int>
    public var noise: Located<Double>
    /// nil: derived from the session seed.
    public var seed: Located<Int>?
    public var target: Located<DataTarget>

    public init(_ a: Arguments) throws(Diagnostic) {
        target = try a.required("target")
        count = try a.required("count")
        classes = try a.required("classes")
        size = try a.required("size")
        noise = try a.required("noise")
        seed = a.optional("seed")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        let range = statement.verbRange
        return try context.register(label: Self.spec.name, binding: statement.binding, at: range) {
            let generator = seed.map { UInt64($0.value) } ?? context.session.seed
            let n = min(count.value, context.subsetMax ?? Int.max)
            let train = try context.datasets(at: range) { () throws(DatasetError) in
                try Shapes.make(count: n, classes: classes.value, size: size.value, noise: Float(noise.value), seed: generator)
            }
            let test = try context.datasets(at: range) { () throws(DatasetError) in
                try Shapes.make(count: max(n / 5, 1), classes: classes.value, size: size.value,
                                noise: Float(noise.value), seed: generator &+ 0x7E57)
            }
            return (DataEntry(name: statement.binding?.value ?? "shapes", train: train, test: test).withTarget(target.value), nil)
        }
    }
}
