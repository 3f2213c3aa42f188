/// `export WHAT FILE.png [index=N] [scale=N] [width=N] [height=N]`: the latest chart, heat map or image grid as a
/// PNG with its title, axis numbers, legend and labels; `index=N` picks one of several drawn by one cell.
public struct Export: CommandEntry {
    public static let spec = CommandSpec(
        "export", .inspection, "write the last chart, heat map or image grid shown as a PNG file with its title, axes, legend and labels",
        positionals: [
            ParameterSpec("what", .choice(noun: "picture", words: ExportKind.words), "the latest block of this kind", required: true, placeholder: "WHAT"),
            ParameterSpec("file", .path, "the .png file to write", required: true, placeholder: "FILE"),
        ],
        options: [
            ParameterSpec("index", .integer, "which picture of that kind, counted from 1, in the latest cell that drew one",
                          note: "the last one drawn", range: .between(1, 1000)),
            ParameterSpec("scale", .integer, "pixels per image pixel or heat map cell", note: "to about 400 pixels", range: .between(1, 64)),
            ParameterSpec("width", .integer, "chart width in pixels", default: "640", range: .between(160, 4096)),
            ParameterSpec("height", .integer, "chart height in pixels", default: "400", range: .between(120, 4096)),
        ],
        example: "export last out/loss.png",
        details: "Charts are drawn with their title, axes with numbers, the x label, a legend and one colour and point shape per series; "
            + "image grids with their title and a caption under each picture; heat maps with their title, the class labels of their rows and "
            + "columns and, for a confusion matrix, the counts; images and heat maps are enlarged by scale. After a cell that drew several "
            + "pictures (`chart loss models=a,b` draws a training and a validation chart) index=N picks the N-th of them. "
            + "The file is replaced atomically.")
    public static let effect = CommandEffect.writesFiles

    public var what: Located<ExportKind>
    public var file: Located<String>
    /// Which picture of the kind in the latest cell that drew one (1-based); nil: the last one.
    public var index: Located<Int>?
    /// Pixels per image pixel or heat map cell; nil: chosen to about 400 pixels.
    public var scale: Located<Int>?
    /// Chart size in pixels.
    public var width: Located<Int>
    public var height: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        what = try a.required("what")
        file = try a.required("file")
        index = a.optional("index")
        scale = a.optional("scale")
        width = try a.required("width")
        height = try a.required("height")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.export(self, at: statement.verbRange)
    }
}
