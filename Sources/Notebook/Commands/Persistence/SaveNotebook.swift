/// `save notebook PATH`: the notebook's cells and notes, in order, as a file `gradbook open` reopens.
public struct SaveNotebook: CommandEntry {
    public static let spec = CommandSpec(
        "save notebook", .persistence, "write the notebook's cells and notes in order to a file gradbook open reopens",
        positionals: [ParameterSpec("path", .path, "the file to write (.grad)", required: true)],
        example: "save notebook lesson-1.grad",
        details: "Commands are written one a line and notes as # comment blocks, a note attached to the command below it "
            + "directly above that command, so gradbook open FILE shows the same cells, not yet run (Ctrl-N steps them). "
            + "Every cell is written, failed ones too, without outputs (save transcript keeps those); save notebook lines "
            + "are left out. Headless (gradbook run), the cells are the lines run so far, comments included.")
    public static let effect = CommandEffect.writesFiles

    public var path: Located<String>

    public init(_ a: Arguments) throws(Diagnostic) {
        path = try a.required("path")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.saveNotebook(path)
    }
}
