import Foundation
import NeuralNet
import Notebook
import TensorRuntime
import Testing

/// Issue 16 item 5: inspection lines typed while training runs are interjected: they run at the next epoch
/// end, on the worker, with their own output, and leave training exactly as it would have been.
@Suite struct SessionRunnerInterjectTests {
    /// A small CNN with dropout (the trainer's random stream matters) on 600 shapes: 75 batches an epoch.
    static let setup = """
        seed 3
        load shapes count=600 classes=3 size=16
        model
        conv2d 4 3 relu
        flatten
        dropout 0.3
        dense 3 softmax
        compile optimizer=adam
        batch 8
        """

    func failures(_ events: [RunEvent]) -> [String] {
        events.compactMap { if case .failure(let r) = $0 { r.rendered } else { nil } }
    }

    func finished(_ events: [RunEvent]) -> Bool {
        events.contains { if case .finished = $0 { true } else { false } }
    }

    /// The rows of the first table among `events` (`history` prints one row per finished epoch).
    func tableRows(_ events: [RunEvent]) -> Int? {
        for event in events { if case .block(.table(let table)) = event { return table.rows.count } }
        return nil
    }

    /// The epoch lines (`epoch 2 (0.3s): loss ...`) among `events`.
    func epochLines(_ events: [RunEvent]) -> Int {
        events.filter { if case .block(.text(let s, _)) = $0 { s.hasPrefix("epoch ") && s.contains("s): loss") } else { false } }.count
    }

    /// Waits (a plain blocking loop on this thread) until the runner's training has done a batch.
    func waitForTraining(_ runner: SessionRunner) {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if runner.monitor.snapshot.running, runner.monitor.snapshot.lastBatch != nil { return }
            usleep(1000)
        }
        Issue.record("training did not start")
    }

    /// What must not change: every weight, the batch losses, the optimiser's steps and the monitor's epochs.
    static func state(_ runner: SessionRunner) -> (weights: [[Float]], losses: [Double], iterations: Int, epochs: [Double]) {
        let trained = runner.perform { interpreter -> ([[Float]], [Double], Int) in
            guard let entry = interpreter.session.modelEntry, let trainer = entry.trainer else { return ([], [], -1) }
            return (entry.model.namedParameters.map { $0.parameter.tensor.array }, trainer.batchLosses, trainer.optimizer.iterations)
        }
        return (trained.0, trained.1, trained.2, runner.monitor.snapshot.epochs.map(\.loss))
    }

    @Test("An inspection line interjected during a 6-epoch train runs at an epoch end, before the train ends")
    func anInterjectionRunsBetweenEpochs() {
        let runner = SessionRunner()
        #expect(failures(runner.run(RunRequest(source: Self.setup))).isEmpty)
        let training = runner.submit(RunRequest(source: "train 6"))
        waitForTraining(runner)
        let inspection = runner.interject(RunRequest(source: "history\nsummary"))
        let answered = inspection.wait()
        let trainingSoFar = training.poll()
        #expect(failures(answered).isEmpty, "\(failures(answered))")
        #expect(!finished(trainingSoFar), "the interjection waited for the whole run")
        // `history` saw the epochs finished so far: at least one, not all six; the training stream had
        // printed exactly those epochs' lines when it ran (its own blocks are not in training's stream).
        let rows = tableRows(answered) ?? 0
        #expect((1...5).contains(rows), "history had \(rows) rows")
        #expect(epochLines(trainingSoFar) >= rows)
        #expect(!trainingSoFar.contains(.echo(source: "summary", file: nil, line: 2)))
        let rest = training.wait()
        #expect(failures(rest).isEmpty)
        #expect(epochLines(trainingSoFar + rest) == 6)
        #expect(runner.perform { $0.session.log.filter { $0.hasPrefix("train") } } == ["train 6"],
                "save session still logs the train line alone")
    }

    @Test("Interjections leave training bit-identical: weights, losses, optimiser steps, monitor history")
    func interjectionsChangeNothingOfTraining() throws {
        let plain = SessionRunner()
        #expect(failures(plain.run(RunRequest(source: Self.setup))).isEmpty)
        #expect(failures(plain.run(RunRequest(source: "train 4"))).isEmpty)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("interject-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let busy = SessionRunner()
        #expect(failures(busy.run(RunRequest(source: Self.setup))).isEmpty)
        let training = busy.submit(RunRequest(source: "train 4"))
        waitForTraining(busy)
        // Inference on the model, the data's samples, a file written, a refused model change.
        let first = busy.interject(RunRequest(source: "history\nsave weights \(file)\nevaluate on=test\nshow samples 4\npredict 2"))
        let refused = busy.interject(RunRequest(source: "dense 4"))
        let firstEvents = first.wait()
        #expect(failures(firstEvents).isEmpty, "\(failures(firstEvents))")
        let refusal = failures(refused.wait())
        #expect(refusal.count == 1)
        #expect(refusal.first?.contains("'dense 4' would change the session while training runs") == true, "\(refusal)")
        #expect(failures(training.wait()).isEmpty)

        let a = Self.state(plain)
        let b = Self.state(busy)
        #expect(a.weights == b.weights, "weights differ after interjections")
        #expect(a.losses == b.losses)
        #expect(a.iterations == b.iterations)
        #expect(a.epochs == b.epochs)
        #expect(busy.perform { $0.session.modelEntry?.model.layers.count } == plain.perform { $0.session.modelEntry?.model.layers.count })

        // `save weights` mid-run wrote the weights of the epoch just ended: a fresh run of that many epochs.
        let epochs = try #require(tableRows(firstEvents))
        #expect(epochs < 4, "the interjection ran mid-run")
        let reference = SessionRunner()
        #expect(failures(reference.run(RunRequest(source: Self.setup + "\ntrain \(epochs)"))).isEmpty)
        let trained = Self.state(reference).weights
        #expect(failures(reference.run(RunRequest(source: "load weights \(file)"))).isEmpty)
        #expect(Self.state(reference).weights == trained, "the saved weights are epoch \(epochs)'s")
    }

    @Test("With the worker idle an interjection runs at once; queued requests after it wait")
    func anIdleInterjectionRunsAtOnce() {
        let runner = SessionRunner()
        let events = runner.interject(RunRequest(source: "seed 4\nhelp dense")).wait()
        #expect(failures(events).isEmpty, "not training: any line runs")
        #expect(runner.perform { $0.session.seed } == 4)
    }
}
