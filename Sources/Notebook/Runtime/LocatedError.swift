import TensorRuntime

/// An error that knows where in the source it happened: parse errors (`Diagnostic`) and run-time
/// errors (`NotebookError`). Every error a user sees goes through `ErrorReport.rendered`.
public protocol LocatedError: ReportableError {
    /// The offending token or argument (the command's words when nothing narrower applies).
    var range: SourceRange { get }
}

extension LocatedError {
    /// The report for this error in `file` (`<input>` when nil).
    public func report(file: String? = nil) -> ErrorReport {
        ErrorReport(file: file, line: range.start.line, column: range.start.column, message: message, hint: hint)
    }
}

extension Diagnostic: LocatedError {}

/// Where and what went wrong, ready to show: the one renderer of errors for `gradbook run` and the
/// notebook alike. `file:line:column: error: message - hint`.
public struct ErrorReport: Sendable, Equatable {
    /// The session file's name as the user gave it; nil for typed input (`<input>`).
    public var file: String?
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

    public init(file: String?, line: Int, column: Int, message: String, hint: String?) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: message - hint`.
    public var rendered: String {
        var text = "\(file ?? "<input>"):\(line):\(column): error: \(message)"
        if let hint {
            text += " - \(hint)"
        }
        return text
    }

    /// A report for any error at `range`: located and reportable errors keep their message and hint;
    /// anything else (a bug, not user input) is shown as it describes itself.
    public static func of(_ error: any Error, file: String?, fallback range: SourceRange) -> ErrorReport {
        switch error {
        case let located as any LocatedError:
            return located.report(file: file)
        case let reportable as any ReportableError:
            return ErrorReport(file: file, line: range.start.line, column: range.start.column,
                               message: reportable.message, hint: reportable.hint)
        default:
            return ErrorReport(file: file, line: range.start.line, column: range.start.column,
                               message: String(describing: error), hint: nil)
        }
    }
}
