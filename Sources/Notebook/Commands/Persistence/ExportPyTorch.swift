/// `export pytorch FILE.py [epochs=N]`: the current model as a runnable PyTorch script, its weights beside it.
public struct ExportPyTorch: ScriptExport {
    public static let spec = CommandSpec(
        "export pytorch", .persistence, "write the current model, its training setup and data loading as a runnable PyTorch script",
        positionals: [ExportScript.file], options: [ExportScript.epochs],
        example: "export pytorch out/model.py epochs=10",
        details: ExportScript.details(framework: "PyTorch", layout: "PyTorch's layouts, converted as they load: Linear (out, in) is a "
            + "kernel transposed, Conv2d (F, C, KH, KW) comes from (KH, KW, C, F), a GRU's gates z, r, h become r, z, n. The model runs on "
            + "`cuda` when there is a GPU; the header says how to spread it over several with torchrun"))
    static let framework = ExportFramework.pytorch

    public var file: Located<String>
    public var epochs: Located<Int>?
    init(file: Located<String>, epochs: Located<Int>?) { self.file = file; self.epochs = epochs }
}
