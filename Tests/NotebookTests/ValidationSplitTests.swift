// Training validates on the validation split only, never on the test split (issue 16, item 27): a picture
// set without `split` trains with no validation pass, `split` adds one, generated sequences validate on
// their own validation stream, and early stopping on val_ quantities needs a validation split.

import Datasets
import Foundation
import NeuralNet
import Notebook
import Testing

@Suite struct ValidationSplitTests {
    private func epochLines(_ blocks: [OutputBlock]) -> [String] {
        texts(blocks).flatMap { $0.split(separator: "\n").map(String.init) }.filter { $0.hasPrefix("epoch ") }
    }

    private let model = ["model", "flatten", "dense 3 softmax", "compile optimizer=adam lr=0.01 metrics=accuracy"]

    @Test func withoutSplitTrainingNeverReadsTheTestSet() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 1", "load shapes count=60 classes=3 size=12"] + model)
        #expect(interpreter.session.data?.images?.test != nil, "the data has a test split")
        #expect(interpreter.session.data?.validationSet == nil)
        let trained = try interpreter.execute(line: "train 1")
        let record = try #require(interpreter.session.modelEntry?.trainer?.history.last)
        #expect(record.validationLoss == nil, "no validation pass without a validation split")
        guard case let .table(table)? = trained.last else {
            Issue.record("expected the epoch table")
            return
        }
        #expect(!table.headers.contains("val_loss"), "\(table.headers)")
        // The test split stays readable by the commands that name it.
        #expect(failure(interpreter, "evaluate on=test") == nil)
        #expect(failure(interpreter, "evaluate on=validation")?.contains("split validation=0.1") == true)
    }

    @Test func splitAddsTheValidationPassOnHeldOutTrainingImages() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 1", "load shapes count=60 classes=3 size=12", "split validation=0.25"] + model + ["train 1"])
        let data = try #require(interpreter.session.data?.images)
        let record = try #require(interpreter.session.modelEntry?.trainer?.history.last)
        #expect(data.validation?.count == 15)
        #expect(record.validationLoss != nil)
        // The validation figures are the validation split's, not the test split's.
        let onValidation = try interpreter.execute(line: "evaluate on=validation")
        guard case let .table(v)? = onValidation.first else {
            Issue.record("expected a table")
            return
        }
        let loss = v.rows.first { $0.first == "loss" }.flatMap { Double($0[1]) }
        #expect(loss.map { abs($0 - record.validationLoss!) < 1e-3 } == true, "\(v.rows) vs \(record.validationLoss!)")
    }

    @Test func sequencesValidateOnTheirValidationStreamNotTheTestOne() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 2", "load sequences reverse length=4 vocab=5 count=32 validation=8 test=6"])
        let splits = try #require(interpreter.session.data?.sequences)
        #expect(splits.validation.count == 8)
        #expect(splits.test.count == 6)
        #expect((interpreter.session.data?.validationSet as? SequenceDataset)?.name.hasSuffix("/validation") == true)
        #expect((0..<6).contains { splits.validation.input(at: $0) != splits.test.input(at: $0) }, "two different streams")
        #expect(failure(interpreter, "show samples 2 from=validation") == nil)
    }

    @Test(arguments: ["train 2 early_stop=1", "train 2 checkpoint=/tmp/gradbook-never-written.safetensors", "train 2 early_stop=1 monitor=val_accuracy"])
    func watchingValidationWithoutASplitIsRefused(line: String) {
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 1", "load shapes count=30 classes=3 size=12"] + model)
        let message = failure(interpreter, line)
        #expect(message?.contains("has no validation split") == true, "\(message ?? "no error")")
        #expect(message?.contains("monitor=loss") == true)
        #expect(interpreter.session.modelEntry?.trainer?.epochsDone == 0, "a failed command changes nothing")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/gradbook-never-written.safetensors"))
        #expect(failure(interpreter, "train 1 early_stop=1 monitor=loss") == nil)
    }
}
