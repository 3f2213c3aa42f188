import Foundation
import Dispatch
import Synchronization
import Testing
import TensorRuntime
import Datasets
@testable import NeuralNet

// A trainer on a background thread while this thread watches the monitor's snapshot and then stops it. The name
// contains "TrainerThreading" so `swift test --sanitize=thread --filter TrainerThreading` runs exactly this.

/// Hands the (non-Sendable) trainer to the one worker thread; this thread touches it again only after
/// the worker signalled `done` (a happens-before edge).
private final class WorkerBox: @unchecked Sendable {
    let trainer: Trainer, data: ArrayData
    var results: [EpochRecord?] = []
    /// Every event the trainer reported, appended on the worker.
    var events: [TrainingEvent] = []
    var error: (any Error)?
    let done = DispatchSemaphore(value: 0)
    init(trainer: Trainer, data: ArrayData) { self.trainer = trainer; self.data = data }
}

@Suite("TrainerThreading")
struct TrainerThreadingTests {
    @Test("TrainerThreading: train on a Thread, poll the snapshot, request a stop; stops at a batch boundary")
    func trainerThreadingStop() throws {
        let data = try smallShapes(count: 480)                 // 30 batches of 16 per epoch
        let monitor = TrainingMonitor()
        let stop = StopFlag()
        let trainer = Trainer(model: try tinyCNN(dropout: 0.2), loss: .sparse_categorical_crossentropy,
                              optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01), batchSize: 16, seed: 42, stop: stop)
        let box = WorkerBox(trainer: trainer, data: data)
        trainer.report = { event in
            box.events.append(event)
            monitor.publish(event)
        }
        let thread = Thread {
            do { for _ in 0..<20 { let r = try box.trainer.trainEpoch(on: box.data, validation: nil); box.results.append(r); if r == nil { break } } }
            catch { box.error = error }
            box.done.signal()
        }
        thread.start()

        var lastVersion = -1, polls = 0
        // Watch until some batches are in, then ask for a stop.
        while true {
            let snap = monitor.snapshot
            #expect(snap.version >= lastVersion, "the version never goes back")
            lastVersion = snap.version
            polls += 1
            if snap.batchLosses.count >= 5 { break }
            usleep(500)
        }
        stop.request()
        #expect(box.done.wait(timeout: .now() + 60) == .success, "the trainer stopped")
        let events = box.events

        #expect(box.error == nil)
        #expect(box.results.last == .some(nil), "the last call reports the stop")
        let completed = trainer.batchLosses.count
        #expect(completed >= 5 && completed < 20 * 30)
        let batchEvents = events.compactMap { if case .batchEnd(let b) = $0 { b.loss } else { nil } }
        #expect(batchEvents == trainer.batchLosses, "every batch was reported once, in order")
        #expect(events.last == .running(false))
        guard case .stopped(let message)? = events.dropLast().last else { Issue.record("no stopped event: \(events.suffix(2))"); return }
        #expect(message.contains("stopped after \(completed % 30) of 30 batches"))
        #expect(stop.isRequested && !monitor.snapshot.running)
        #expect(monitor.snapshot.batchLosses.values == trainer.batchLosses)
        #expect(monitor.snapshot.version == events.count)

        // The stopped model equals one trained on exactly the completed batches.
        let reference = Trainer(model: try tinyCNN(dropout: 0.2), loss: .sparse_categorical_crossentropy,
                                optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01), batchSize: 16, seed: 42)
        var left = completed
        while left > 0 { let k = min(left, 30 - reference.epochPosition(dataCount: data.count).done); try reference.trainBatches(k, on: data, validation: nil); left -= k }
        // (Only the first call of each epoch matters for the dropout stream; the worker made one call per epoch too.)
        #expect(reference.batchLosses == trainer.batchLosses)
        #expect(identical(weightSnapshot(reference.model), weightSnapshot(trainer.model)))
        _ = polls
    }

    @Test("TrainerThreading: readers on other threads never see a torn snapshot while one thread publishes")
    func trainerThreadingMonitorReaders() throws {
        let monitor = TrainingMonitor()
        let torn = Atomic<Int>(0)
        let group = DispatchGroup()
        let publisherDone = Atomic<Bool>(false)
        DispatchQueue.global().async(group: group) {
            for i in 0..<2000 {
                monitor.publish(.batchEnd(BatchReport(epoch: 1, batch: i + 1, batches: 2000, loss: Double(i), runningLoss: 0,
                                                      runningMetrics: [:], samplesPerSecond: 1)))
                if i % 100 == 0 { monitor.publish(.running(i % 200 == 0)) }
            }
            publisherDone.store(true, ordering: .releasing)
        }
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                var last = 0
                while !publisherDone.load(ordering: .acquiring) {
                    let snap = monitor.snapshot
                    // Each batch and its loss land in one step; the version only grows.
                    if snap.batchLosses.count != (snap.lastBatch?.batch ?? 0) || snap.version < last { torn.add(1, ordering: .relaxed) }
                    last = snap.version
                }
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(torn.load(ordering: .relaxed) == 0)
        let snap = monitor.snapshot
        #expect(snap.version == 2000 + 20)
        // 2000 losses 0, 1, 2, ... in at most 1024 points: pairs, each the mean of its two batches.
        #expect(snap.batchLosses.count == 2000 && snap.batchLosses.stride == 2)
        #expect(snap.batchLosses.values == (0..<1000).map { Double(2 * $0) + 0.5 })
    }
}
