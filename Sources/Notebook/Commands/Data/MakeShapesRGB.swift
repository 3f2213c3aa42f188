import Datasets

/// `make-dataset shapes-rgb DIR [count=N] [classes=N] [size=N] [overwrite=on|off]`: generated coloured
/// shapes written as PNG and JPEG folders.
public struct MakeShapesRGB: CommandEntry {
    public static let spec = CommandSpec(
        "make-dataset shapes-rgb", .data, "write generated coloured shapes as a folder tree of PNG and JPEG files",
        positionals: [ParameterSpec("dir", .path, "the folder to create", required: true, placeholder: "DIR")],
        options: [
            ParameterSpec("count", .integer, "training pictures (validation gets a fifth as many); count x size x size x 3 bytes at most 256 MiB (1365 at size 256)", default: "400", range: .between(2, 20_000)),
            ParameterSpec("classes", .integer, "number of shape classes", default: "2", range: .between(2, Shapes.classRange.upperBound)),
            ParameterSpec("size", .integer, "picture side in pixels", default: "150", range: .between(ColorShapes.sizeRange.lowerBound, ColorShapes.sizeRange.upperBound)),
            ParameterSpec("overwrite", .boolean, "replace train/ and validation/ of an existing folder", default: "off"),
        ],
        example: "make-dataset shapes-rgb out/shapes count=200 size=64")
    public static let effect = CommandEffect.changesSession

    public var dir: Located<String>
    public var count: Located<Int>
    public var classes: Located<Int>?
    public var size: Located<Int>?
    public var overwrite: Located<Bool>

    public init(_ a: Arguments) throws(Diagnostic) {
        dir = try a.required("dir")
        count = try a.required("count")
        classes = a.optional("classes")
        size = a.optional("size")
        overwrite = try a.required("overwrite")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.makeShapesRGB(self, at: statement.verbRange)
    }
}
