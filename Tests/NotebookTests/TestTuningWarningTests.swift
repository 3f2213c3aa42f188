// On data without a validation split, measuring the test split again after more training (or with another
// model) is warned about once per data set, pointing at `split validation=0.2`; with a validation split,
// or measuring the same weights twice, nothing is said.

import Testing
@testable import Notebook

private let setup = ["seed 2", "load shapes count=200 classes=2 noise=0.1", "model", "flatten", "dense 2 softmax",
                     "compile optimizer=adam lr=1e-2 metrics=accuracy"]

/// The warning lines among the blocks of `line`.
private func warnings(_ interpreter: Interpreter, _ line: String) throws -> [String] {
    try interpreter.execute(line: line).compactMap { block in
        if case .text(let text, .warning) = block, text.contains("tunes the model to the test set") { text } else { nil }
    }
}

@Suite struct TestTuningWarningTests {
    @Test func measuringTheTestSplitAgainAfterTrainingWarnsOnce() throws {
        let interpreter = Interpreter()
        runLines(interpreter, setup + ["train 1"])
        #expect(try warnings(interpreter, "evaluate on=test").isEmpty, "the first measurement is what the test split is for")
        #expect(try warnings(interpreter, "evaluate").isEmpty, "the same weights measured twice tune nothing")
        runLines(interpreter, ["train 1"])
        let said = try warnings(interpreter, "evaluate on=test")
        #expect(said == ["'shapes' has no validation split, and its test split is measured again after more training: choosing "
                         + "epochs, layers or settings by these figures tunes the model to the test set, and the last test "
                         + "figure stops being a fair estimate - hold out a validation split with `split validation=0.2`, "
                         + "compare models with on=validation, and measure on=test once at the end"])
        runLines(interpreter, ["train 1"])
        #expect(try warnings(interpreter, "evaluate on=test").isEmpty, "said once")
    }

    @Test func anotherModelOnTheSameTestSplitWarnsAndConfusionAndExpectCount() throws {
        let interpreter = Interpreter()
        runLines(interpreter, setup + ["train 1"])
        #expect(try warnings(interpreter, "confusion on=test").isEmpty)
        runLines(interpreter, ["second = model", "flatten", "dense 8 relu", "dense 2 softmax", "compile optimizer=adam metrics=accuracy", "train 1"])
        #expect(try warnings(interpreter, "expect accuracy > 0 on=test").count == 1)
    }

    @Test func aValidationSplitOrTheValidationSplitNeverWarns() throws {
        let split = Interpreter()
        runLines(split, setup + ["split validation=0.2", "train 1"])
        #expect(try warnings(split, "evaluate on=test").isEmpty)
        runLines(split, ["train 1"])
        #expect(try warnings(split, "evaluate on=test").isEmpty, "with a validation split the test figure is a choice, not the only one")
        let train = Interpreter()
        runLines(train, setup + ["train 1", "evaluate on=train", "train 1"])
        #expect(try warnings(train, "evaluate on=train").isEmpty)
    }
}
