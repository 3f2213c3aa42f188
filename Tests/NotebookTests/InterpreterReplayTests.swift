// Replaying a saved session rebuilds the same model and trains it bit for bit the same; so does
// training with one thread or several.

import Foundation
import NeuralNet
import Notebook
import TensorRuntime
import Testing

/// A session touching every logged kind of edit: data, split, batch size, a CNN, compile, a whole epoch,
/// a few batches, insert, remove, freeze, a new learning rate, and another epoch.
private let script = [
    "seed 5",
    "load shapes count=160 classes=3 size=16",
    "split validation=0.2",
    "batch 16",
    "model",
    "conv2d 4 3 relu",
    "maxpool 2",
    "flatten",
    "dense 3 softmax",
    "compile optimizer=adam lr=0.01",
    "step",
    "step 3 batches",
    "insert flatten_1 dropout 0.25",
    "remove max_pooling2d_1",
    "freeze conv2d_1",
    "set lr=0.005",
    "step",
]

/// What training produced, bit for bit (timings excluded).
private struct TrainingOutcome: Equatable {
    var summary: ModelSummary
    var weights: [String: [UInt32]]
    var epochLosses: [UInt64]
    var validationLosses: [UInt64?]
    var accuracies: [UInt64?]
    var learningRates: [UInt32]
    var batchLosses: [UInt64]

    init(_ interpreter: Interpreter) throws {
        let m = try #require(interpreter.session.modelEntry)
        let t = try #require(m.trainer)
        summary = m.model.summary
        weights = Dictionary(uniqueKeysWithValues: m.model.namedParameters.map { ($0.name, $0.parameter.tensor.array.map(\.bitPattern)) })
        epochLosses = t.history.map(\.loss.bitPattern)
        validationLosses = t.history.map { $0.validationLoss?.bitPattern }
        accuracies = t.history.map { $0.validationMetrics["accuracy"]?.bitPattern }
        learningRates = t.history.map(\.learningRate.bitPattern)
        batchLosses = t.batchLosses.map(\.bitPattern)
    }
}

@Suite(.serialized) struct InterpreterReplayTests {
    @Test func theScriptTrainsWhatItSays() throws {
        let interpreter = Interpreter()
        runLines(interpreter, script)
        let outcome = try TrainingOutcome(interpreter)
        // 128 training images in batches of 16: 8 per epoch; epoch 2 = 3 batches, then 5 more.
        #expect(outcome.epochLosses.count == 2)
        #expect(outcome.batchLosses.count == 16)
        #expect(outcome.summary.rows.map(\.name) == ["conv2d_1", "dropout_1", "flatten_1", "dense_1"])
        #expect(outcome.summary.rows.map(\.trainable) == [false, true, true, true])
        #expect(outcome.summary.rows.map(\.outputShape) == [[14, 14, 4], [14, 14, 4], [784], [3]])
        #expect(outcome.learningRates == [Float(0.01).bitPattern, Float(0.005).bitPattern])
        #expect(interpreter.session.log == script, "every line of the script is replayable")
    }

    @Test func aSavedSessionReplaysBitForBit() throws {
        let dir = makeTemporaryDirectory("replay")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("saved.grad").path

        let original = Interpreter()
        runLines(original, script + ["save session \(path)"])
        let expected = try TrainingOutcome(original)

        let saved = try String(contentsOfFile: path, encoding: .utf8)
        let savedLines = saved.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(savedLines.first?.hasPrefix("# ") == true)
        #expect(savedLines.filter { !$0.hasPrefix("#") && !$0.isEmpty } == script)
        #expect(saved.hasSuffix("\n"))

        // Through `run PATH`.
        let viaRun = Interpreter()
        runLines(viaRun, ["run \(path)"])
        #expect(try TrainingOutcome(viaRun) == expected)
        #expect(viaRun.session.log == original.session.log, "run logs the file's lines, not itself")

        // Line by line, as typed.
        let typed = Interpreter()
        runLines(typed, savedLines)
        #expect(try TrainingOutcome(typed) == expected)

        // The replay saves the same session again.
        let again = dir.appendingPathComponent("again.grad").path
        runLines(viaRun, ["save session \(again)"])
        #expect(try String(contentsOfFile: again, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
                == saved.split(separator: "\n").filter { !$0.hasPrefix("#") })
    }

    /// Runs `line` and asks training to stop once `batches` batches of it have finished (as Ctrl-C or
    /// `SessionRunner.requestStop` do from another thread).
    private func runStopping(_ interpreter: Interpreter, _ line: String, afterBatches batches: Int) throws {
        let t = try #require(interpreter.session.modelEntry?.trainer)
        let forward = t.report
        var seen = 0
        interpreter.stop.clear()
        t.report = { event in
            forward(event)
            if case .batchEnd = event { seen += 1; if seen == batches { interpreter.stop.request() } }
        }
        defer { t.report = forward; interpreter.stop.clear() }
        _ = try interpreter.execute(line: line)
        #expect(seen == batches, "`\(line)` stopped after the batch the stop was asked at")
    }

    @Test func stoppedTrainingReplaysBitForBit() throws {
        // 8 batches per epoch. `train 3` stops 13 batches in (epoch 1 whole, 5 of epoch 2), `train 1`
        // finishes epoch 2; `step` stops after 2 batches, `step 4 batches` after 1; `train 2` goes on.
        let dir = makeTemporaryDirectory("stopped-replay")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("stopped.grad").path
        let setup = Array(script.prefix(10))
        let original = Interpreter()
        runLines(original, setup)
        try runStopping(original, "train 3 monitor=loss", afterBatches: 13)
        runLines(original, ["train 1"])
        try runStopping(original, "step", afterBatches: 2)
        try runStopping(original, "step 4 batches", afterBatches: 1)
        runLines(original, ["train 2", "save session \(path)"])
        let expected = try TrainingOutcome(original)
        #expect(expected.epochLosses.count == 4)
        #expect(expected.batchLosses.count == 32)
        let logged = ["train 1 monitor=loss", "step 5 batches", "train 1", "step 2 batches", "step batch", "train 2"]
        #expect(original.session.log == setup + logged, "the log records what ran, not what was asked")

        let replay = Interpreter()
        runLines(replay, ["run \(path)"])
        #expect(try TrainingOutcome(replay) == expected)

        // Replaying the lines as first typed trains more (the stops are lost) and differs.
        let naive = Interpreter()
        runLines(naive, setup + ["train 3 monitor=loss", "train 1", "step", "step 4 batches", "train 2"])
        #expect(try TrainingOutcome(naive) != expected)
    }

    @Test func aStopBeforeAnyBatchLogsNothing() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Array(script.prefix(10)))
        interpreter.stop.request()
        defer { interpreter.stop.clear() }
        _ = try interpreter.execute(line: "train 3")
        _ = try interpreter.execute(line: "step 2 batches")
        #expect(interpreter.session.log == Array(script.prefix(10)))
    }

    @Test func anEpochCapLogsTheEpochsThatRan() throws {
        let interpreter = Interpreter()
        interpreter.epochsMax = 1
        runLines(interpreter, Array(script.prefix(10)) + ["train 3 early_stop=2"])
        #expect(interpreter.session.log.last == "train 1 early_stop=2")
    }

    @Test func anotherSeedTrainsDifferently() throws {
        // Guards the replay test against comparing two constant outcomes.
        let a = Interpreter(), b = Interpreter()
        runLines(a, script)
        runLines(b, ["seed 6"] + script.dropFirst())
        let x = try TrainingOutcome(a), y = try TrainingOutcome(b)
        #expect(x.summary == y.summary)
        #expect(x.batchLosses != y.batchLosses)
        #expect(x.weights != y.weights)
    }

    @Test func oneThreadTrainsExactlyLikeSeveral() throws {
        let defaultCount = ThreadPool.shared.threadCount
        defer { ThreadPool.shared.setThreadCount(defaultCount) }

        var outcomes: [TrainingOutcome] = []
        for threads in [1, 4, 3] {
            let interpreter = Interpreter()
            let blocks = runLines(interpreter, ["threads \(threads)"] + script)
            #expect(texts(blocks).first == "using \(threads) thread\(threads == 1 ? "" : "s")")
            #expect(texts(blocks).dropFirst().first == "kernels: the \(InstructionSet.current) path; results are the same for any thread count and path")
            #expect(ThreadPool.shared.threadCount == threads)
            outcomes.append(try TrainingOutcome(interpreter))
        }
        ThreadPool.shared.setThreadCount(defaultCount)
        let defaultRun = Interpreter()
        runLines(defaultRun, script)
        outcomes.append(try TrainingOutcome(defaultRun))
        for outcome in outcomes.dropFirst() {
            #expect(outcome == outcomes[0])
        }
    }
}
