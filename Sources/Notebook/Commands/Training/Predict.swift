/// `predict INDEX [from=SPLIT] [top=N]` or `predict FILE [top=N]`: the model's prediction for one example
/// of the data, or for a PNG/JPEG file.
public struct Predict: CommandEntry {
    public static let spec = CommandSpec(
        "predict", .training, "show the model's prediction for one example",
        positionals: [ParameterSpec("index", .indexOrPath, "0-based example index, or a PNG/JPEG file to classify", required: true, range: .between(0, Limits.count))],
        options: [
            Catalog.splitChoice("from", "the split the example comes from", default: "test"),
            ParameterSpec("top", .integer, "how many classes to list", default: "3", range: .between(1, Limits.count)),
        ],
        example: "predict 7 top=5",
        details: "A file is decoded, resized to the model's input and converted to the data set's colour and rescale, then classified: the picture, the top classes and probability bars.")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true

    /// 0-based sample index (nil when a file is given).
    public var index: Located<Int>?
    /// A PNG or JPEG file to classify (nil when an index is given).
    public var file: Located<String>?
    public var from: Located<DataSplit>
    public var top: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        // `index` holds a whole number, or else the path the binder kept as text.
        let file: Located<String>? = a.optional("index")
        self.file = file
        if file == nil {
            let given: Located<Int> = try a.required("index")
            index = given
        } else {
            index = nil
        }
        from = try a.required("from")
        top = try a.required("top")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.predict(self, at: statement.verbRange)
    }
}
