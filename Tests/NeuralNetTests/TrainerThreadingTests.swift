import Foundation
import Dispatch
import Synchronization
import Testing
import TensorRuntime
import Datasets
import NeuralNet

// A trainer on a background thread while this thread watches the monitor and then stops it. The name
// contains "TrainerThreading" so `swift test --sanitize=thread --filter TrainerThreading` runs exactly this.

/// Hands the (non-Sendable) trainer to the one worker thread; this thread touches it again only after
/// the worker signalled `done` (a happens-before edge).
private final class WorkerBox: @unchecked Sendable {
    let trainer: Trainer, data: ArrayData
    var results: [EpochRecord?] = []
    var error: (any Error)?
    let done = DispatchSemaphore(value: 0)
    init(trainer: Trainer, data: ArrayData) { self.trainer = trainer; self.data = data }
}

@Suite("TrainerThreading")
struct TrainerThreadingTests {
    @Test("TrainerThreading: train on a Thread, poll snapshot and drain, requestStop; stops at a batch boundary")
    func trainerThreadingStop() throws {
        let data = try smallShapes(count: 480)                 // 30 batches of 16 per epoch
        let monitor = TrainingMonitor()
        let trainer = Trainer(model: try tinyCNN(dropout: 0.2), loss: .sparse_categorical_crossentropy,
                              optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01), batchSize: 16, seed: 42, monitor: monitor)
        let box = WorkerBox(trainer: trainer, data: data)
        let thread = Thread {
            do { for _ in 0..<20 { let r = try box.trainer.trainEpoch(on: box.data, validation: nil); box.results.append(r); if r == nil { break } } }
            catch { box.error = error }
            box.done.signal()
        }
        thread.start()

        var events: [TrainingEvent] = []
        var lastVersion = -1, polls = 0
        // Watch until some batches are in, then ask for a stop.
        while true {
            let snap = monitor.snapshot
            #expect(snap.version >= lastVersion, "the version never goes back")
            lastVersion = snap.version
            events += monitor.drain()
            polls += 1
            if snap.batchLosses.count >= 5 { break }
            usleep(500)
        }
        monitor.requestStop()
        #expect(box.done.wait(timeout: .now() + 60) == .success, "the trainer stopped")
        events += monitor.drain()

        #expect(box.error == nil)
        #expect(box.results.last == .some(nil), "the last call reports the stop")
        let completed = trainer.batchLosses.count
        #expect(completed >= 5 && completed < 20 * 30)
        let batchEvents = events.compactMap { if case .batchEnd(let b) = $0 { b.loss } else { nil } }
        #expect(batchEvents == trainer.batchLosses, "every batch was published once, in order")
        guard case .stopped(let message)? = events.last else { Issue.record("no stopped event: \(String(describing: events.last))"); return }
        #expect(message.contains("stopped after \(completed % 30) of 30 batches"))
        #expect(!monitor.stopRequested && !monitor.snapshot.running)
        #expect(monitor.snapshot.batchLosses == trainer.batchLosses)

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

    @Test("TrainerThreading: many readers and one publisher agree on the event stream")
    func trainerThreadingMonitorReaders() throws {
        let monitor = TrainingMonitor()
        let drained = Mutex<[TrainingEvent]>([])
        let group = DispatchGroup()
        let publisherDone = Atomic<Bool>(false)
        DispatchQueue.global().async(group: group) {
            for i in 0..<2000 {
                monitor.publish(.stopped(String(i)))
                if i % 100 == 0 { monitor.setRunning(i % 200 == 0) }
            }
            publisherDone.store(true, ordering: .releasing)
        }
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                while !publisherDone.load(ordering: .acquiring) {
                    let batch = monitor.drain()
                    drained.withLock { $0 += batch }
                    _ = monitor.snapshot.version
                }
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        drained.withLock { $0 += monitor.drain() }
        let numbers = drained.withLock { $0.compactMap { if case .stopped(let s) = $0 { Int(s) } else { nil } } }
        #expect(numbers.sorted() == Array(0..<2000), "no event lost or duplicated")
        #expect(monitor.snapshot.version == 2000 + 20)
    }
}
