import TensorRuntime

/// A command that could not run: where (the offending argument, or the command), what, and a hint.
/// Rendered exactly like a parse `Diagnostic`, through `ErrorReport`: `file:line:column: error: message - hint`.
public struct NotebookError: LocatedError, Equatable {
    public var range: SourceRange
    public var message: String
    public var hint: String?

    public init(_ message: String, at range: SourceRange, hint: String? = nil) {
        self.range = range
        self.message = message
        self.hint = hint
    }

    /// An engine error at `range`, keeping its own message and hint (`ReportableError`); `hint`
    /// replaces the engine's when the notebook knows better what the user should do.
    public init(_ error: any Error, at range: SourceRange, hint: String? = nil) {
        if let located = error as? NotebookError {
            self = located
            return
        }
        let reportable = error as? any ReportableError
        self.range = range
        self.message = reportable?.message ?? String(describing: error)
        self.hint = hint ?? reportable?.hint
    }

    public var line: Int { range.start.line }
    public var column: Int { range.start.column }

    public func rendered(file: String? = nil) -> String { report(file: file).rendered }

    public var description: String { rendered() }
}
