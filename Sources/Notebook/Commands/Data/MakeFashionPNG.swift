/// `make-dataset fashion-png DIR [count=N] [overwrite=on|off]`: Fashion-MNIST written as PNG folders.
public struct MakeFashionPNG: CommandEntry {
    public static let spec = CommandSpec(
        "make-dataset fashion-png", .data, "write Fashion-MNIST as a folder tree of PNG files (train/, validation/)",
        positionals: [ParameterSpec("dir", .path, "the folder to create", required: true, placeholder: "DIR")],
        options: [
            ParameterSpec("count", .integer, "training pictures (validation gets a fifth as many)", default: "2000", range: .between(2, 60_000)),
            ParameterSpec("overwrite", .boolean, "replace train/ and validation/ of an existing folder", default: "off"),
        ],
        example: "make-dataset fashion-png out/fashion count=1000")
    public static let effect = CommandEffect.changesSession

    public var dir: Located<String>
    public var count: Located<Int>
    public var overwrite: Located<Bool>

    public init(_ a: Arguments) throws(Diagnostic) {
        dir = try a.required("dir")
        count = try a.required("count")
        overwrite = try a.required("overwrite")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.makeFashionPNG(self, at: statement.verbRange)
    }
}
