/// What `export keras` and `export pytorch` share: `FILE.py [epochs=N]`, writing files, running the model
/// on the examples the script checks itself against.
protocol ScriptExport: CommandEntry {
    static var framework: ExportFramework { get }
    var file: Located<String> { get }
    /// nil: the epochs the session trained (at least 1).
    var epochs: Located<Int>? { get }
    init(file: Located<String>, epochs: Located<Int>?)
}

extension ScriptExport {
    public static var effect: CommandEffect { .writesFiles }
    public static var runsModel: Bool { true }
    public func examplesAtOnce(_ session: Session) -> Int { ExportScript.checkExamples }

    public init(_ a: Arguments) throws(Diagnostic) {
        self.init(file: try a.required("file"), epochs: a.optional("epochs"))
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.exportScript(Self.framework, file: file, epochs: epochs, at: statement.verbRange)
    }
}

/// The parameters and text both commands share.
enum ExportScript {
    /// Training examples stored beside the weights with Gradbook's outputs, for the script's --check.
    static let checkExamples = 8

    static let file = ParameterSpec("file", .path, "the .py file to write; FILE.safetensors (and FILE.data.safetensors) go beside it",
                                    required: true, placeholder: "FILE")
    static let epochs = ParameterSpec("epochs", .integer, "epochs the script trains when run (its --epochs)",
                                      note: "the epochs the session trained, at least 1", range: .between(1, Limits.epochs))

    static func details(framework: String, layout: String) -> String {
        "The script builds the model layer by layer with the same names and settings, declares it in a LAYERS table "
            + "(the rows of `summary`) that it checks at start, compiles the same optimiser, loss, metrics and schedule, loads the data "
            + "(Fashion-MNIST and IDX files from where Gradbook read them, an image folder by its path; generated sets and texts are written "
            + "beside the script as FILE.data.safetensors) and trains from the session's weights, saved beside it as FILE.safetensors "
            + "with \(checkExamples) training examples and Gradbook's outputs for `python3 FILE --check`. Weights are in \(layout). "
            + "The model must be compiled; a layer the framework cannot compute the same way is refused, with what to change. "
            + "Each file is replaced atomically."
    }
}
