// `profile`: the errors before anything runs, the table's shape (a row per layer, then loss, optimizer,
// data and other; shares that add up to 100%; 80 columns), and a session left bit for bit as it was.

import Canvas
import Foundation
import NeuralNet
import Notebook
import Testing

private let model = ["model", "conv2d 4 3 relu", "batchnorm", "maxpool 2", "flatten", "dropout 0.25", "dense 3 softmax"]
private let data = ["load shapes count=120 classes=3"]

struct ProfileFailure: Sendable, CustomTestStringConvertible {
    var prelude: [String]
    var line: String
    var expected: String
    var testDescription: String { (prelude + [line]).joined(separator: "; ") }
}

private let failures: [ProfileFailure] = [
    ProfileFailure(prelude: data, line: "profile",
                   expected: "<input>:1:1: error: no model yet - start one with `model`, then add layers such as `dense 10 softmax`"),
    ProfileFailure(prelude: data + model, line: "profile",
                   expected: "<input>:1:1: error: model 'model' is not compiled - run `compile` first, e.g. `compile optimizer=adam lr=1e-3`"),
    ProfileFailure(prelude: ["model input=12x12x1", "flatten", "dense 3 softmax", "compile"], line: "profile",
                   expected: "<input>:1:1: error: no data set is loaded - load one first, e.g. `load shapes` or `load fashion-mnist`"),
    ProfileFailure(prelude: data, line: "profile steps=0",
                   expected: "<input>:1:15: error: steps 0 for profile must be in [1, 100]"),
    ProfileFailure(prelude: data, line: "profile batch=0",
                   expected: "<input>:1:15: error: batch 0 for profile must be in [1, 1048576]"),
    ProfileFailure(prelude: data, line: "profile 3",
                   expected: "<input>:1:9: error: too many arguments for profile: unexpected '3' - usage: profile [batch=N] [steps=N]"),
]

@Suite struct InterpreterProfileTests {
    @Test(arguments: failures)
    func failuresSayWhatIsMissing(_ row: ProfileFailure) {
        let interpreter = Interpreter()
        runLines(interpreter, row.prelude)
        do {
            _ = try interpreter.execute(line: row.line, lineNumber: 1)
            Issue.record("`\(row.line)` did not fail")
        } catch {
            #expect(renderedError(error) == row.expected)
        }
    }

    @Test func theTableHasARowPerLayerAndSharesAddUpTo100Percent() throws {
        let interpreter = Interpreter()
        runLines(interpreter, data + model + ["compile"])
        let blocks = runLines(interpreter, ["profile batch=16 steps=2"])
        guard blocks.count == 1, case .table(let table) = blocks[0] else {
            Issue.record("expected one table, got \(blocks)")
            return
        }
        #expect(table.title == "profile of 'model': one step of 16 examples, median of 2")
        #expect(table.headers == ["layer", "fwd ms", "bwd ms", "share", "MFLOP", "GFLOP/s", "MB"])
        let layers = ["conv2d_1", "batch_normalization_1", "max_pooling2d_1", "flatten_1", "dropout_1", "dense_1"]
        #expect(table.rows.map { $0[0] } == layers + ["loss", "optimizer", "data", "other"])
        let shares = table.rows.compactMap { Double($0[3].dropLast()) }
        #expect(shares.count == table.rows.count)
        // Each share is rounded to 0.1%.
        let total: Double = shares.reduce(0, +)
        let rounding: Double = 0.05 * Double(shares.count) + 1e-9
        #expect(abs(total - 100) <= rounding)
        #expect(table.rows.allSatisfy { $0.count == 7 })
        #expect(table.rows[0].allSatisfy { $0 != "-" }, "a convolution has every figure")
        #expect(table.footer.count == 2)
        let text = BlockRenderer(options: .unicodeMonochrome, width: 80).render(.table(table))
        for line in text.split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
            #expect(!line.contains("…"), "nothing is cut: \(line)")
        }
    }

    @Test func profileLeavesTheSessionBitForBitAsItWas() throws {
        // 120 examples in batches of 32: 1 + 2 batches stay inside the first epoch (an epoch's record holds
        // its wall-clock seconds, which no twin can match).
        let setup = data + model + ["compile", "step batch"]
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        let before = SessionSnapshot(interpreter.session)
        runLines(interpreter, ["profile steps=2"])
        #expect(SessionSnapshot(interpreter.session) == before)
        // Hidden state (optimizer moments, the epoch in progress, random streams): a twin that never
        // profiled trains on identically.
        let twin = Interpreter()
        runLines(twin, setup)
        runLines(interpreter, ["step 2 batches"])
        runLines(twin, ["step 2 batches"])
        #expect(SessionSnapshot(interpreter.session) == SessionSnapshot(twin.session))
    }

    @Test func profileIsNotLoggedInASavedSession() throws {
        let interpreter = Interpreter()
        runLines(interpreter, data + model + ["compile", "profile steps=1"])
        let dir = makeTemporaryDirectory("profile")
        let path = dir.appendingPathComponent("s.grad").path
        runLines(interpreter, ["save session \(path)"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!lines.contains { $0.hasPrefix("profile") }, "\(text)")
        #expect(lines.contains("compile"))
    }
}

/// Issue 16 item 26: a long `profile` says up front (after its warm-up step) how long it will take.
@Suite struct ProfileEstimateTests {
    @Test func longProfilesAreAnnounced() {
        #expect(Interpreter.profileEstimate(warmUp: 0.01, steps: 100) == nil)
        #expect(Interpreter.profileEstimate(warmUp: 1.05, steps: 100)
            == "profile: one step takes about 1.1 s; measuring 100 steps will take about 105 s (fewer steps= or a smaller batch= is quicker)")
        #expect(Interpreter.profileEstimate(warmUp: 1.5, steps: 2)?.contains("about 3.0 s") == true)
    }

    @Test func theWarmUpIsReportedOnceBeforeTheMeasuredSteps() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=40 classes=2 size=8", "model", "flatten", "dense 2 softmax",
                               "compile loss=categorical_crossentropy optimizer=sgd"])
        let trainer = try #require(interpreter.session.modelEntry?.trainer)
        let data = try #require(interpreter.session.data?.trainingSet)
        var calls: [Double] = []
        _ = try Profiler.profile(trainer, on: data, batch: 8, steps: 3) { calls.append($0) }
        #expect(calls.count == 1 && calls[0] > 0)
    }
}
