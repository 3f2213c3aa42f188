import NeuralNet

extension Interpreter {
    /// Called by the commands that score a split (`evaluate`, `confusion`, `expect ... on=`): on data without a
    /// validation split, measuring the test split again after the model trained more, or with another model,
    /// means settings are being compared on the test set. Said once per data set, as a warning under the
    /// figures; nil otherwise.
    func testTuningWarning(_ entry: DataEntry, _ split: DataSplit) -> OutputBlock? {
        guard split == .test, entry.source.examples(.validation) == nil, let m = session.modelEntry, let t = m.trainer else { return nil }
        let state = "\(m.name) \(ObjectIdentifier(t).hashValue) \(t.batchLosses.count)"
        guard session.testReads.record(data: entry.name, state: state) else { return nil }
        return .text("'\(entry.name)' has no validation split, and its test split is measured again after more training: "
                     + "choosing epochs, layers or settings by these figures tunes the model to the test set, and the last "
                     + "test figure stops being a fair estimate - hold out a validation split with `split validation=0.2`, "
                     + "compare models with on=validation, and measure on=test once at the end", style: .warning)
    }
}
