import TensorRuntime

/// A `gradbook bench` option that cannot be used, with what to do about it.
struct BenchError: ReportableError {
    let message: String
    let hint: String?

    init(_ message: String, hint: String?) {
        self.message = message
        self.hint = hint
    }
}
