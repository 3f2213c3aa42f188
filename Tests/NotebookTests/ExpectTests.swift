// `expect`: the parse (quantities, comparisons, bounds, on=), located errors with hints, what each
// quantity measures, the ✓/✗ line, the counts a run reports, and `gradbook run`'s summary and exit status.

import Foundation
import Testing
@testable import Notebook

/// Two classes of shapes, held out a quarter, a dense model of 12,594 weights trained two epochs.
private let trained = [
    "seed 1", "load shapes count=400 classes=2 noise=0.1", "split validation=0.25",
    "model", "flatten", "dense 16 relu", "dense 2 softmax",
    "compile optimizer=adam lr=3e-3 metrics=accuracy", "train 2",
]

@Suite struct ExpectTests {
    @Test func parsesQuantityComparisonBoundAndSplit() throws {
        let s = try #require(try Parser.parseLine("expect accuracy >= 0.85 on=validation").get())
        let e = try #require(s.command as? Expect)
        #expect(e.quantity.value == .metric(.accuracy))
        #expect(e.comparison.value == .greaterOrEqual)
        #expect(e.bound.value == 0.85 && e.bound.text == "0.85")
        #expect(e.on?.value == .validation)
        for (line, quantity, comparison) in [("expect params < 50000", ExpectedQuantity.params, Comparison.less),
                                             ("expect val_acc > 0.5", .validationMetric(.accuracy), .greater),
                                             ("expect perplexity <= 12", .metric(.perplexity), .lessOrEqual),
                                             ("expect epochs == 3", .epochs, .equal),
                                             ("expect VAL_LOSS<0.3", .validationLoss, .less)] {
            let parsed = try #require(try Parser.parseLine(line).get()?.command as? Expect, "\(line)")
            #expect(parsed.quantity.value == quantity && parsed.comparison.value == comparison, "\(line)")
            #expect(parsed.on == nil)
        }
    }

    @Test(arguments: [
        ("expect accuracyy >= 0.9", "<input>:1:8: error: unknown quantity 'accuracyy' - did you mean 'accuracy'?"),
        ("expect accuracy 0.9", "<input>:1:17: error: expected a comparison (<, <=, >, >=, ==) after 'accuracy', found '0.9' - e.g. expect accuracy >= 0.9"),
        ("expect accuracy = 0.9", "<input>:1:17: error: expected a comparison (<, <=, >, >=, ==) after 'accuracy', found '=' - e.g. expect accuracy == 0.9"),
        ("expect accuracy >=", "<input>:1:19: error: expect needs F (e.g. expect accuracy >= 0.85 on=validation)"),
        ("expect", "<input>:1:7: error: expect needs QUANTITY (e.g. expect accuracy >= 0.85 on=validation)"),
        ("expect params < big", "<input>:1:17: error: expected a number for 'bound', found 'big'"),
        ("expect params < 1e13", "<input>:1:17: error: bound 1e13 for expect must be in [-1000000000000, 1000000000000]"),
        ("expect params < 5 on=test", "<input>:1:19: error: option 'on' only applies with loss or a metric (accuracy, perplexity, ...)"),
        ("expect val_accuracy > 0.5 on=validation", "<input>:1:27: error: option 'on' only applies with loss or a metric; for a split's figure write accuracy"),
        ("expect loss < 0.3 on=valid", "<input>:1:22: error: unknown data split 'valid' - did you mean 'validation'?"),
        ("expect loss < 0.3 0.4", "<input>:1:19: error: too many arguments for expect: unexpected '0.4' - usage: expect QUANTITY <|<=|>|>=|== F [on=test|validation|train]"),
        ("dense 10 > 3", "<input>:1:10: error: unexpected '>' - only expect compares, e.g. expect accuracy >= 0.9"),
    ])
    func badLinesAreLocatedWithAHint(_ line: String, _ message: String) {
        switch Parser.parseLine(line) {
        case .failure(let d): #expect(d.rendered() == message)
        case .success: Issue.record("`\(line)` parsed")
        }
    }

    @Test func measuresAndMarksHeldAndFailed() throws {
        let interpreter = Interpreter()
        runLines(interpreter, trained)
        let t = try #require(interpreter.session.modelEntry?.trainer)
        let last = try #require(t.history.last)
        let lines = [
            "expect params == 12594", "expect trainable < 100", "expect epochs == 2", "expect loss < 100",
            "expect acc > 0.5", "expect val_accuracy > 0.5", "expect accuracy > 0.5 on=validation", "expect zeros == 0",
            "expect flops == 25188",
        ]
        var shown: [String] = []
        for line in lines { shown += texts(try interpreter.execute(line: line)) }
        #expect(shown[0] == "✓ expect params == 12594: 12,594")
        #expect(shown[1] == "✗ expect trainable < 100: 12,594 - not met")
        #expect(shown[2] == "✓ expect epochs == 2: 2")
        #expect(shown[3] == "✓ expect loss < 100: \(format(last.loss)) (epoch 2, training)")
        #expect(shown[5] == "✓ expect val_accuracy > 0.5: \(format(last.validationMetrics["accuracy"] ?? 0)) (epoch 2)")
        #expect(shown[6].hasPrefix("✓ expect accuracy > 0.5 on validation: ") && shown[6].hasSuffix(" (100 images)"))
        // A dense layer's forward work: a multiply and an add per weight, one add per bias, one operation per activation:
        // 2·784·16 + 16 + 16 (relu) + 2·16·2 + 2 + 2 (softmax) = 25,188.
        #expect(shown[8] == "✓ expect flops == 25188: 25,188 (per example)")
        #expect(interpreter.expectations == ExpectationTally(held: 8, failed: 1))
        // The failed one is drawn red, the held ones green; ASCII writes PASS and FAIL.
        let blocks = try interpreter.execute(line: "expect trainable < 100")
        #expect(blocks == [.text("✗ expect trainable < 100: 12,594 - not met", style: .error)])
        let ascii = BlockRenderer(options: .ascii, width: 80)
        #expect(ascii.render(.text(shown[0], style: .success)) == "PASS expect params == 12594: 12,594")
        #expect(ascii.render(.text(shown[1], style: .error)) == "FAIL expect trainable < 100: 12,594 - not met")
    }

    @Test func zerosCountsPrunedKernels() throws {
        let interpreter = Interpreter()
        runLines(interpreter, trained + ["prune dense_1 50%"])
        let line = try #require(texts(try interpreter.execute(line: "expect zeros >= 0.45")).first)
        // 6,272 of the 12,544 first-layer kernel values, of 12,576 kernel values in all (biases are not counted).
        #expect(line == "✓ expect zeros >= 0.45: \(format(6272.0 / 12576.0))")
    }

    @Test func whatCannotBeMeasuredIsALocatedError() {
        let interpreter = Interpreter()
        #expect(failure(interpreter, "expect params < 10") == "<input>:1:1: error: no model yet - start one with `model`, then add layers such as `dense 10 softmax`")
        runLines(interpreter, Array(trained.prefix(7)) + ["compile optimizer=adam"])
        #expect(failure(interpreter, "expect loss < 1") == "<input>:1:8: error: model 'model' has not finished an epoch, so it has no loss yet - train it first (`train 1`), or measure a split now with on=validation")
        runLines(interpreter, ["train 1"])
        #expect(failure(interpreter, "expect perplexity < 3") == "<input>:1:8: error: model 'model' does not measure perplexity - compile it with metrics=accuracy,perplexity (now: accuracy)")
        #expect(failure(interpreter, "expect top5 > 0.5 on=test")?.contains("does not measure top5") == true)
        runLines(interpreter, ["load shapes count=100 classes=2", "compile optimizer=adam metrics=accuracy", "train 1"])
        #expect(failure(interpreter, "expect val_accuracy > 0.5") == "<input>:1:8: error: model 'model' trained without a validation pass, so there is no val_accuracy - make one with `split validation=0.1`, or evaluate a split with on=")
        #expect(interpreter.expectations.total == 0, "an expectation that cannot be measured counts neither way")
    }

    @Test func aRunReportsItsExpectationsAndFailedOnesAreNoErrors() {
        let runner = SessionRunner()
        let source = (trained + ["expect accuracy > 0.5", "expect params < 10", "expect epochs == 2", "summary"]).joined(separator: "\n")
        let events = runner.run(RunRequest(source: source))
        guard case .finished(let outcome)? = events.last else { Issue.record("no outcome"); return }
        #expect(outcome.failures == 0)
        #expect(outcome.expectations == ExpectationTally(held: 2, failed: 1))
        #expect(outcome.expectations.summary == "2 of 3 expectations held")
        #expect(events.contains { if case .echo(let s, _, _) = $0 { s == "summary" } else { false } }, "the lines after a failed expectation run")
        // The next request counts its own.
        guard case .finished(let next)? = runner.run(RunRequest(source: "expect epochs > 1")).last else { return }
        #expect(next.expectations == ExpectationTally(held: 1, failed: 0))
        #expect(ExpectationTally(held: 1).summary == "1 of 1 expectation held")
    }

    @Test(.enabled(if: CommandLineTests.executable != nil, "the gradbook executable is not built"))
    func aHeadlessRunEndsWithTheCountAndExitsWith2WhenOneFailed() throws {
        let cli = CommandLineTests()
        let input = (trained + ["expect accuracy > 0.5", "expect params < 10"]).joined(separator: "\n") + "\n"
        let (status, out) = try cli.gradbook(["run", "--ascii", "-"], input: input)
        #expect(status == 2, "\(out.suffix(300))")
        #expect(out.contains("FAIL expect params < 10: 12,594 - not met"))
        #expect(out.contains("1 of 2 expectations held"))
        let (held, heldOut) = try cli.gradbook(["run", "-"], input: (trained + ["expect accuracy > 0.5"]).joined(separator: "\n") + "\n")
        #expect(held == 0, "\(heldOut.suffix(300))")
        #expect(heldOut.hasSuffix("1 of 1 expectation held\n"))
        let (plain, plainOut) = try cli.gradbook(["run", "-"], input: "seed 1\n")
        #expect(plain == 0 && !plainOut.contains("expectation"), "no count without expect lines")
    }
}
