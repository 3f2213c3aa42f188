/// Which model state last measured each data set's test split, so that measuring it again after more
/// training, on data with no validation split, is warned about once per data set: picking epochs, layers or
/// settings by those figures tunes the model to the test set (`Interpreter.testTuningWarning`).
struct TestReadLog {
    /// Data set name -> the model state (`TestReadLog.state`) that last measured its test split.
    var lastState: [String: String] = [:]
    /// Data sets already warned about.
    var warned: Set<String> = []

    /// Records a test measurement of `data` by a model in `state`; true when this is the first time the test
    /// split is measured again by another model or after more training (and nothing was said yet).
    mutating func record(data: String, state: String) -> Bool {
        defer { lastState[data] = state }
        guard let before = lastState[data], before != state, !warned.contains(data) else { return false }
        warned.insert(data)
        return true
    }
}
