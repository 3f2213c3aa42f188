import Foundation
import NeuralNet
import Notebook
import TensorRuntime
import Testing

/// The session runner: one worker owns the interpreter; other threads read snapshots and ask for stops.
@Suite struct SessionRunnerTests {
    static let setup = """
        load shapes count=600 classes=3 size=16
        model
        conv2d 4 3 relu
        flatten
        dense 3 softmax
        compile
        batch 8
        """

    /// The text of every failure event.
    func failures(_ events: [RunEvent]) -> [String] {
        events.compactMap { if case .failure(let r) = $0 { r.rendered } else { nil } }
    }

    @Test func runsASourceAndReportsEveryEventInOrder() {
        let runner = SessionRunner()
        let events = runner.run(RunRequest(source: "seed 7\nbatch 16\n", file: "s.grad"))
        #expect(events.first == .echo(source: "seed 7", file: "s.grad", line: 1))
        #expect(events.contains(.echo(source: "batch 16", file: "s.grad", line: 2)))
        #expect(events.last == .finished(RunOutcome(commands: 2)))
    }

    @Test("CRLF, CR and LF all end lines; line numbers follow the editor's", arguments: ["\r\n", "\r", "\n"])
    func everyLineEndingRunsEveryCommand(separator: String) {
        let runner = SessionRunner()
        let source = ["seed 1", "", "bogus", "seed 2"].joined(separator: separator) + separator
        let events = runner.run(RunRequest(source: source, file: "x.grad", keepGoing: true))
        #expect(failures(events) == ["x.grad:3:1: error: unknown command 'bogus' - type help for the list of commands"])
        #expect(events.contains(.echo(source: "seed 2", file: "x.grad", line: 4)))
        #expect(events.last == .finished(RunOutcome(commands: 3, failures: 1)))
    }

    @Test func stopsAtTheFirstFailureUnlessToldToGoOn() {
        let runner = SessionRunner()
        let events = runner.run(RunRequest(source: "seed 1\nsplit\nseed 2"))
        #expect(failures(events).count == 1)
        #expect(failures(events).first?.hasPrefix("<input>:2:1: error: no data set is loaded - load one first") == true)
        #expect(!events.contains(.echo(source: "seed 2", file: nil, line: 3)))
    }

    @Test func performReadsStateOnTheWorker() {
        let runner = SessionRunner()
        _ = runner.run(RunRequest(source: "seed 99"))
        #expect(runner.perform { $0.session.seed } == 99)
    }

    @Test("A second thread polls snapshots while training runs, then stops it at a batch boundary")
    func snapshotsAndStopFromAnotherThread() {
        let runner = SessionRunner()
        #expect(failures(runner.run(RunRequest(source: Self.setup))).isEmpty)
        let handle = runner.submit(RunRequest(source: "train 50\nseed 5"))
        // Watch from this (another) thread until some batches are done, then ask for a stop. A plain
        // blocking loop: this thread stays ours, whatever else the test runner has going on.
        var seenVersions: Set<Int> = []
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let snapshot = runner.monitor.snapshot
            seenVersions.insert(snapshot.version)
            if let batch = snapshot.lastBatch, batch.batch >= 3 { break }
            usleep(1000)
        }
        runner.requestStop()
        let events = handle.wait()
        guard case .finished(let outcome)? = events.last else {
            Issue.record("no finished event")
            return
        }
        #expect(outcome.stopped)
        #expect(outcome.failures == 0)
        #expect(seenVersions.count > 1, "the snapshot changed while training ran")
        #expect(!events.contains(.echo(source: "seed 5", file: nil, line: 2)), "the rest of a stopped request does not run")
        let stopNote = events.contains {
            if case .block(.text(let s, _)) = $0 { s.hasPrefix("stopped at a batch boundary: epoch ") } else { false }
        }
        #expect(stopNote)
        // The completed batches are kept: training goes on mid-epoch, and a later request runs normally.
        let kept = runner.perform { $0.session.modelEntry?.trainer?.batchLosses.count ?? 0 }
        #expect(kept >= 3 && kept % 75 != 0 && kept < 50 * 75, "stopped mid-epoch after \(kept) batches")
        let after = runner.run(RunRequest(source: "step 2 batches"))
        #expect(failures(after).isEmpty)
        #expect(runner.perform { $0.session.modelEntry?.trainer?.batchLosses.count ?? 0 } == kept + 2)
    }

    @Test("A failing training command changes nothing: weights, optimiser and epoch position are restored")
    func failedTrainingIsUndone() {
        let runner = SessionRunner()
        // Batch normalisation's moving statistics change in every training forward pass: they are restored too.
        let linear = Self.setup.replacingOccurrences(of: "dense 3 softmax", with: "dense 3")
            .replacingOccurrences(of: "conv2d 4 3 relu", with: "conv2d 4 3 relu\nbatchnorm")
        #expect(failures(runner.run(RunRequest(source: linear))).isEmpty)
        // A linear output under mse with this rate and momentum diverges to an infinite loss in epoch 1.
        #expect(failures(runner.run(RunRequest(source: "compile loss=mse optimizer=sgd lr=10 momentum=0.9\nstep 3 batches"))).isEmpty)
        let before = runner.perform { interpreter in Self.state(interpreter) }
        let events = runner.run(RunRequest(source: "train 2"))
        #expect(failures(events).count == 1)
        #expect(failures(events).first?.contains("training stopped: the loss became") == true)
        #expect(failures(events).first?.contains("the model is as it was before this command - try a lower learning rate") == true)
        let after = runner.perform { interpreter in Self.state(interpreter) }
        #expect(after.weights == before.weights)
        #expect(after.losses == before.losses)
        #expect(after.iterations == before.iterations)
    }

    @Test("A checkpoint folder that does not exist fails before the first epoch")
    func unwritableCheckpointFailsBeforeTraining() {
        let runner = SessionRunner()
        #expect(failures(runner.run(RunRequest(source: Self.setup))).isEmpty)
        let events = runner.run(RunRequest(source: "train 2 checkpoint=/nonexistent-folder/x.safetensors"))
        #expect(failures(events).count == 1)
        #expect(runner.perform { $0.session.modelEntry?.trainer?.batchLosses.count ?? -1 } == 0)
    }

    /// Weights, batch losses and optimiser steps of the current model.
    static func state(_ interpreter: Interpreter) -> (weights: [[Float]], losses: [Double], iterations: Int) {
        guard let entry = interpreter.session.modelEntry, let trainer = entry.trainer else { return ([], [], -1) }
        return (entry.model.namedParameters.map { $0.parameter.tensor.array }, trainer.batchLosses, trainer.optimizer.iterations)
    }
}

/// The line splitter of `gradbook run -`.
@Suite struct LineSplitterTests {
    @Test func returnsEachLineAsSoonAsItEnds() {
        var splitter = LineSplitter()
        #expect(splitter.feed(Array("seed 1\nse".utf8)) == ["seed 1"])
        #expect(splitter.feed(Array("ed 2\r".utf8)) == ["seed 2"])
        #expect(splitter.feed(Array("\nseed 3".utf8)) == [], "the LF of a CRLF split across reads is not a blank line")
        #expect(splitter.finish() == "seed 3")
        #expect(splitter.finish() == nil)
    }

    @Test func splitsSourceOnEveryLineEnding() {
        #expect(SourceLines.split("a\r\nb\rc\nd") == ["a", "b", "c", "d"])
        #expect(SourceLines.split("a\n\nb\n") == ["a", "", "b"])
        #expect(SourceLines.split("") == [])
    }
}

/// Evaluation and loading publish progress through the monitor, and evaluation stops on request.
@Suite struct MonitorTaskTests {
    @Test func evaluateAndLoadPublishTasks() {
        let runner = SessionRunner()
        _ = runner.run(RunRequest(source: SessionRunnerTests.setup))
        // Of the setup, only the load publishes: its start and its end.
        #expect(runner.monitor.snapshot.version == 2)
        #expect(runner.monitor.snapshot.task == nil, "a finished task leaves the snapshot")
        // What the trainer reports on the worker, recorded there as it goes on to the monitor.
        let recorded = Locked<[TaskProgress]>([])
        runner.perform { interpreter in
            guard let t = interpreter.session.modelEntry?.trainer else { return }
            let forward = t.report
            t.report = { event in
                if case .task(let p) = event { recorded.withLock { $0.append(p) } }
                forward(event)
            }
        }
        _ = runner.run(RunRequest(source: "evaluate"))
        // 120 test images in batches of the training batch size, 8: 15 batches, each one published.
        #expect(recorded.withLock { $0 } == (0...15).map { TaskProgress(label: "evaluate", done: $0, total: 15) })
        #expect(runner.monitor.snapshot.version == 2 + 16, "every report reached the monitor")
        #expect(runner.monitor.snapshot.task == nil, "a finished task leaves the snapshot")
    }

    @Test("A task in progress is in the snapshot until its last report")
    func taskInProgress() {
        let monitor = TrainingMonitor()
        monitor.publish(.task(TaskProgress(label: "evaluate", done: 3, total: 15)))
        #expect(monitor.snapshot.task == TaskProgress(label: "evaluate", done: 3, total: 15))
        monitor.publish(.task(TaskProgress(label: "evaluate", done: 15, total: 15)))
        #expect(monitor.snapshot.task == nil)
    }

    @Test("A stop request ends an evaluation at a batch boundary; it changes nothing")
    func evaluateStops() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=100 classes=3 size=8", "model", "flatten", "dense 3 softmax", "compile"])
        interpreter.stop.request()
        let error = #expect(throws: NotebookError.self) { try interpreter.execute(line: "evaluate on=train", lineNumber: 6) }
        // The training split in batches of the default batch size, 32.
        #expect(error?.message == "evaluate stopped after 0 of 4 batches; nothing was changed")
        #expect(interpreter.stop.isRequested, "the stop holds until the next request clears it")
        interpreter.stop.clear()
        runLines(interpreter, ["evaluate on=train"])
    }
}

/// Notes about checkpoints and early stopping appear as they happen, between the epoch lines.
@Suite struct TrainingNotesOrderTests {
    @Test func checkpointNotesFollowTheirEpoch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-notes-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = SessionRunner()
        _ = runner.run(RunRequest(source: SessionRunnerTests.setup))
        let path = folder.appendingPathComponent("best.safetensors").path
        let events = runner.run(RunRequest(source: "train 2 monitor=loss checkpoint=\(path)"))
        let lines = events.compactMap { if case .block(.text(let s, _)) = $0 { s } else { nil } }
        let first = try #require(lines.firstIndex { $0.hasPrefix("epoch 1 (") })
        let saved = try #require(lines.firstIndex { $0.hasPrefix("epoch 1: loss improved to") })
        let second = try #require(lines.firstIndex { $0.hasPrefix("epoch 2 (") })
        #expect(first < saved && saved < second, "\(lines)")
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
