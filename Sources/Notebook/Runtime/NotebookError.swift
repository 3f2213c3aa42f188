/// A command that could not run: where (the offending argument, or the command), what, and a hint.
/// Rendered exactly like a parse `Diagnostic`: `file:line:column: error: message - hint`.
public struct NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
    public var range: SourceRange
    public var message: String
    public var hint: String?

    public init(_ message: String, at range: SourceRange, hint: String? = nil) {
        self.range = range; self.message = message; self.hint = hint
    }

    public var line: Int { range.start.line }
    public var column: Int { range.start.column }

    public func rendered(file: String? = nil) -> String {
        var text = "\(file ?? "<input>"):\(line):\(column): error: \(message)"
        if let hint { text += " - \(hint)" }
        return text
    }

    public var description: String { rendered() }
}
