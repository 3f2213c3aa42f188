/// `export keras FILE.py [epochs=N]`: the current model as a runnable Keras script, its weights beside it.
public struct ExportKeras: ScriptExport {
    public static let spec = CommandSpec(
        "export keras", .persistence, "write the current model, its training setup and data loading as a runnable Keras script",
        positionals: [ExportScript.file], options: [ExportScript.epochs],
        example: "export keras out/model.py",
        details: ExportScript.details(framework: "Keras", layout: "Keras's own layouts: the weights load as they are (a MultiHeadAttention's "
            + "projections reshaped to its 3-D kernels)"))
    static let framework = ExportFramework.keras

    public var file: Located<String>
    public var epochs: Located<Int>?
    init(file: Located<String>, epochs: Located<Int>?) { self.file = file; self.epochs = epochs }
}
