import Datasets

/// `load fashion-mnist [dir=DIR] [subset=N] [test=N] [target=label|input]`: the Fashion-MNIST images, made current.
public struct LoadFashionMNIST: CommandEntry {
    public static let spec = CommandSpec(
        "load fashion-mnist", .data, "load the Fashion-MNIST images (28x28 grey, 10 classes) and make them current",
        options: [
            ParameterSpec("dir", .path, "folder holding the four IDX files", note: "/usr/share/datasets/fashion-mnist or $GRADBOOK_FASHION_MNIST"),
            ParameterSpec("subset", .integer, "use only the first N training images", note: "all", range: .between(1, Limits.count)),
            ParameterSpec("test", .integer, "use only the first N test images", note: "all 10,000", range: .between(1, Limits.count)),
            DataTarget.parameter,
        ],
        example: "fm = load fashion-mnist subset=10000")
    public static let effect = CommandEffect.changesSession
    public static let canBind = true

    public var dir: Located<String>?
    public var subset: Located<Int>?
    public var target: Located<DataTarget>
    public var test: Located<Int>?

    public init(_ a: Arguments) throws(Diagnostic) {
        dir = a.optional("dir")
        subset = a.optional("subset")
        target = try a.required("target")
        test = a.optional("test")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        let testCap = test?.value
        return try context.register(label: Self.spec.name, binding: statement.binding, at: statement.verbRange) {
            let (train, test) = try context.datasets(at: dir?.range ?? statement.verbRange) { () throws(DatasetError) in
                try FashionMNIST.load(directory: dir?.value ?? FashionMNIST.defaultDirectory, subset: context.cappedSubset(subset?.value),
                                      testSubset: testCap)
            }
            return (DataEntry(name: statement.binding?.value ?? "fashion-mnist", train: train, test: test).withTarget(target.value), nil)
        }
    }
}
