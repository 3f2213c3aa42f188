/// `export WHAT FILE.png [scale=N] [width=N] [height=N]`: the latest chart, heat map or image grid as a PNG.
public struct Export: CommandEntry {
    public static let spec = CommandSpec(
        "export", .inspection, "write the last chart, heat map or image grid shown as a PNG file",
        positionals: [
            ParameterSpec("what", .choice(noun: "picture", words: ExportKind.words), "the latest block of this kind", required: true, placeholder: "WHAT"),
            ParameterSpec("file", .path, "the .png file to write", required: true, placeholder: "FILE"),
        ],
        options: [
            ParameterSpec("scale", .integer, "pixels per image pixel or heat map cell", note: "to about 400 pixels", range: .between(1, 64)),
            ParameterSpec("width", .integer, "chart width in pixels", default: "640", range: .between(160, 4096)),
            ParameterSpec("height", .integer, "chart height in pixels", default: "400", range: .between(120, 4096)),
        ],
        example: "export last out/loss.png",
        details: "Charts are drawn with axes and one colour per series; images and heat maps are enlarged by scale. The file is replaced atomically.")
    public static let effect = CommandEffect.writesFiles

    public var what: Located<ExportKind>
    public var file: Located<String>
    /// Pixels per image pixel or heat map cell; nil: chosen to about 400 pixels.
    public var scale: Located<Int>?
    /// Chart size in pixels.
    public var width: Located<Int>
    public var height: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        what = try a.required("what")
        file = try a.required("file")
        scale = a.optional("scale")
        width = try a.required("width")
        height = try a.required("height")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.export(self, at: statement.verbRange)
    }
}
