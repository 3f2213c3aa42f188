/// The one protocol every error a user can cause adopts, in every module: what went wrong and, when
/// there is something to suggest, what to do about it. The Notebook adds where (file, line, column)
/// and renders all of them the same way (`NotebookError`); nothing searches message text for a hint.
public protocol ReportableError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, one sentence, without the hint.
    var message: String { get }
    /// What to do about it, or nil when nothing useful can be suggested.
    var hint: String? { get }
}

extension ReportableError {
    /// `message - hint`, the form used where no location is known.
    public var description: String {
        guard let hint else { return message }
        return "\(message) - \(hint)"
    }
}
