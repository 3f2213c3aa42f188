/// `save transcript FILE.md|FILE.html|FILE.ipynb`: every command run so far with its output and the comments
/// between them as prose: Markdown text, a self-contained HTML page or a Jupyter notebook.
public struct SaveTranscript: CommandEntry {
    public static let spec = CommandSpec(
        "save transcript", .persistence, "write every command run so far with its output and the comments as prose, to hand out (Markdown, HTML or Jupyter)",
        positionals: [ParameterSpec("path", .path, "the file to write: .md, .html or .ipynb", required: true, placeholder: "FILE.md|FILE.html|FILE.ipynb")],
        example: "save transcript lesson-1.html",
        details: "The comment lines of the session (lines starting with #, in a file or typed) come out as prose, in order, each before the "
            + "command it precedes; a comment line starting with ## is a section title. The file's extension picks the format. "
            + ".md: Markdown, each command and its output as a text block as it renders at 80 columns without colour. "
            + ".html: one self-contained page (its style inside it, no link to any other file or address): the output as coloured "
            + "text, charts, images, heat maps and picture grids as PNG pictures inside the page (data: URIs, drawn as export draws them). "
            + ".ipynb: a Jupyter notebook (nbformat 4.5): comments become markdown cells, commands code cells whose outputs are text "
            + "and PNG pictures; there is no Jupyter kernel for Gradbook, so it shows the session and does not run it. "
            + "Failed commands appear with their error. The file is replaced atomically.")
    public static let effect = CommandEffect.writesFiles

    public var path: Located<String>

    public init(_ a: Arguments) throws(Diagnostic) {
        path = try a.required("path")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.saveTranscript(path)
    }
}
