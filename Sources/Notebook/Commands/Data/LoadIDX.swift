import Datasets

/// `load idx DIR [subset=N]`: any MNIST-style IDX data set, made current.
public struct LoadIDX: CommandEntry {
    public static let spec = CommandSpec(
        "load idx", .data, "load any MNIST-style IDX data set from a folder and make it current",
        positionals: [ParameterSpec("dir", .path, "folder holding train/test image and label IDX files", required: true, placeholder: "DIR")],
        options: [ParameterSpec("subset", .integer, "use only the first N training images", note: "all", range: .between(1, Limits.count))],
        example: "digits = load idx data/mnist subset=5000")
    public static let effect = CommandEffect.changesSession
    public static let canBind = true

    public var dir: Located<String>
    public var subset: Located<Int>?

    public init(_ a: Arguments) throws(Diagnostic) {
        dir = try a.required("dir")
        subset = a.optional("subset")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.register(label: Self.spec.name, binding: statement.binding, at: statement.verbRange) {
            let (train, test) = try context.datasets(at: dir.range) { () throws(DatasetError) in
                try IDXDataset.load(directory: dir.value, classNames: nil, name: "idx", subset: context.cappedSubset(subset?.value),
                                    hint: "give a folder holding MNIST-format IDX files")
            }
            return (DataEntry(name: statement.binding?.value ?? "idx", train: train, test: test), nil)
        }
    }
}
