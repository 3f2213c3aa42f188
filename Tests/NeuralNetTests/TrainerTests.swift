import Foundation
import Testing
import TensorRuntime
import Datasets
import NeuralNet
import TestSupport

// The trainer: learning, determinism, resuming inside an epoch, stopping, NaN detection, reported events,
// evaluation without side effects.

private func trainer(_ model: Sequential, lr: Float = 0.01, batch: Int = 16, seed: UInt64 = 42) -> Trainer {
    Trainer(model: model, loss: .sparse_categorical_crossentropy, optimizer: OptimizerConfig(kind: .adam, learningRate: lr),
            metrics: [.accuracy], batchSize: batch, seed: seed)
}

/// The events a trainer reported, in order (filled on the test's own thread).
private final class EventLog {
    var events: [TrainingEvent] = []
}

@Suite("Trainer")
struct TrainerTests {
    @Test("A small CNN on 2000 synthetic shapes beats chance clearly within 2 epochs")
    func learnsShapes() throws {
        let (trainImages, validationImages) = try Shapes.make(count: 2000, classes: 4, seed: 1).split(validationFraction: 0.2, seed: 1)
        let train = ArrayData(trainImages)
        let validation = ArrayData(validationImages)
        let m = try Sequential(inputShape: [28, 28, 1], seed: 1)
        try m.add(Conv2D(filters: 8, kernelSize: 3, stride: 2, activation: .relu))
        try m.add(Pooling2D(.max, size: 2))
        try m.add(Flatten())
        try m.add(Dense(units: 32, activation: .relu))
        try m.add(Dense(units: 4, activation: .softmax))
        let t = trainer(m, lr: 0.003, batch: 32)
        var record: EpochRecord?
        for _ in 0..<2 { record = try t.trainEpoch(on: train, validation: validation) }
        let r = try #require(record)
        let accuracy = try #require(r.validationMetrics["accuracy"])
        #expect(accuracy > 0.6, "validation accuracy \(accuracy) (chance 0.25)")
        #expect(t.history.count == 2 && r.samples == train.count)
        #expect(t.history[1].loss < t.history[0].loss)
        let (loss, metrics) = try t.evaluate(validation)
        #expect(loss == r.validationLoss && metrics["accuracy"] == accuracy)
        let cm = try t.confusion(validation, classes: 4)
        #expect(abs(cm.accuracy - accuracy) < 1e-9)
        #expect(cm.counts.joined().reduce(0, +) == validation.count)
        let p = try t.predict(validation, indices: [0, 1, 2])
        #expect(p.shape == [3, 4])
        for r in 0..<3 { #expect(abs(p.array[r * 4 ..< r * 4 + 4].reduce(0, +) - 1) < 1e-5) }
    }

    @Test("The same seed gives bit-identical losses, history and weights")
    func deterministic() throws {
        let data = try smallShapes()
        func run() throws -> ([Double], [EpochRecord], [String: [Float]]) {
            let t = trainer(try tinyCNN(dropout: 0.3, batchNorm: true))
            for _ in 0..<2 { try t.trainEpoch(on: data, validation: data) }
            return (t.batchLosses, t.history, weightSnapshot(t.model))
        }
        let a = try run(), b = try run()
        #expect(a.0 == b.0 && a.0.count == 20)
        #expect(a.1.map(\.loss) == b.1.map(\.loss))
        #expect(a.1.map(\.validationLoss) == b.1.map(\.validationLoss))
        #expect(identical(a.2, b.2))
        // A different seed shuffles differently.
        let c = trainer(try tinyCNN(dropout: 0.3, batchNorm: true), seed: 43)
        try c.trainEpoch(on: data, validation: nil)
        #expect(c.batchLosses != Array(a.0.prefix(10)))
    }

    @Test("trainBatches(5) then trainEpoch completes the same epoch as one trainEpoch")
    func resumeWithinEpoch() throws {
        let data = try smallShapes()                      // 160 examples, 10 batches of 16
        let split = trainer(try tinyCNN()), whole = trainer(try tinyCNN())
        #expect(try split.trainBatches(5, on: data, validation: nil) == nil)
        #expect(split.epochPosition(dataCount: data.count) == (5, 10))
        #expect(split.history.isEmpty && split.batchLosses.count == 5)
        let record = try #require(try split.trainEpoch(on: data, validation: nil))
        #expect(record.samples == 160 && record.epoch == 1)
        #expect(split.batchLosses.count == 10)
        #expect(split.epochPosition(dataCount: data.count) == (0, 10))
        try whole.trainEpoch(on: data, validation: nil)
        #expect(split.batchLosses == whole.batchLosses)
        #expect(split.history.map(\.loss) == whole.history.map(\.loss))
        #expect(split.history.map(\.metrics) == whole.history.map(\.metrics))
        #expect(identical(weightSnapshot(split.model), weightSnapshot(whole.model)))
    }

    @Test("With dropout, splitting an epoch into calls trains exactly like one call")
    func resumeWithinEpochDropout() throws {
        let data = try smallShapes()
        let split = trainer(try tinyCNN(dropout: 0.5)), whole = trainer(try tinyCNN(dropout: 0.5))
        try split.trainBatches(5, on: data, validation: nil)
        try split.trainEpoch(on: data, validation: nil)
        try whole.trainEpoch(on: data, validation: nil)
        let firstDifference = split.batchLosses.indices.first { $0 >= whole.batchLosses.count || split.batchLosses[$0] != whole.batchLosses[$0] }
        #expect(firstDifference == nil, "batch \((firstDifference ?? 0) + 1) differs: the dropout masks depend on how the epoch was split into calls")
        let sameWeights = identical(weightSnapshot(split.model), weightSnapshot(whole.model))
        #expect(sameWeights)
    }

    @Test("A stop requested before the call trains nothing, and holds until cleared")
    func stopBeforeCall() throws {
        let data = try smallShapes(count: 64)
        let t = trainer(try tinyCNN())
        let log = EventLog()
        t.report = { log.events.append($0) }
        let before = weightSnapshot(t.model)
        t.stop.request()
        #expect(try t.trainEpoch(on: data, validation: nil) == nil)
        #expect(t.batchLosses.isEmpty && t.history.isEmpty)
        #expect(identical(weightSnapshot(t.model), before))
        #expect(log.events == [.running(true), .stopped("stopped after 0 of 4 batches of epoch 1"), .running(false)])
        #expect(t.stop.isRequested, "reading the stop does not consume it")
        #expect(try t.trainEpoch(on: data, validation: nil) == nil, "a stop not cleared stops the next call too")
        #expect(throws: TrainingError.self) { try t.evaluate(data) }
        t.stop.clear()
        #expect(try t.trainEpoch(on: data, validation: nil) != nil, "once cleared, the next call trains")
    }

    @Test("A stop requested during batch 3 stops at the boundary with exactly 3 batches applied")
    func stopFromCallback() throws {
        let data = try smallShapes()
        let t = trainer(try tinyCNN(dropout: 0.2))
        let log = EventLog()
        t.report = { [stop = t.stop] event in
            log.events.append(event)
            if case .batchEnd(let report) = event, report.batch == 3 { stop.request() }
        }
        #expect(try t.trainEpoch(on: data, validation: nil) == nil)
        #expect(t.batchLosses.count == 3)
        let reference = trainer(try tinyCNN(dropout: 0.2))
        try reference.trainBatches(3, on: data, validation: nil)
        #expect(reference.batchLosses == t.batchLosses)
        #expect(identical(weightSnapshot(t.model), weightSnapshot(reference.model)))
        #expect(log.events.suffix(2) == [.stopped("stopped after 3 of 10 batches of epoch 1"), .running(false)])
        #expect(t.epochPosition(dataCount: data.count) == (3, 10))
    }

    @Test("A huge learning rate stops training with nonFiniteLoss and a clear message")
    func nonFinite() throws {
        let m = try Sequential(inputShape: [12, 12, 1], seed: 2)
        try m.add(Flatten())
        try m.add(Dense(units: 4))
        let monitor = TrainingMonitor()
        let t = Trainer(model: m, loss: .mse, optimizer: OptimizerConfig(kind: .sgd, learningRate: 1e4), batchSize: 16,
                        report: monitor.publish)
        let data = try smallShapes()
        var caught: TrainingError?
        for _ in 0..<3 where caught == nil {
            do { try t.trainEpoch(on: data, validation: nil) } catch let e as TrainingError { caught = e }
        }
        let error = try #require(caught)
        guard case let .nonFiniteLoss(epoch, batch, value) = error else { Issue.record("got \(error)"); return }
        #expect(!value.isFinite)
        #expect(epoch == 1 && batch == t.batchLosses.count + 1, "epoch \(epoch) batch \(batch) after \(t.batchLosses.count) good batches")
        #expect(t.batchLosses.allSatisfy { $0.isFinite })
        let message = error.description
        #expect(message.contains("training stopped: the loss became") && message.contains("at epoch 1, batch \(batch)"))
        #expect(message.contains("try a lower learning rate"))
        #expect(!monitor.snapshot.running, "the monitor hears that training ended, failure or not")
    }

    @Test("Monitor: one batchEnd per batch, the epochEnd record equals history, the snapshot agrees")
    func monitorEvents() throws {
        let data = try smallShapes(count: 100)           // 7 batches of 16, the last of 4
        let t = trainer(try tinyCNN())
        let monitor = TrainingMonitor()
        let log = EventLog()
        t.report = { event in
            log.events.append(event)
            monitor.publish(event)
        }
        let record = try #require(try t.trainEpoch(on: data, validation: data))
        let events = log.events
        #expect(events.first == .running(true) && events.last == .running(false))
        let batches = events.compactMap { if case .batchEnd(let b) = $0 { b } else { nil } }
        let epochs = events.compactMap { if case .epochEnd(let e) = $0 { e } else { nil } }
        #expect(batches.count == 7)
        #expect(batches.map(\.batch) == Array(1...7) && batches.allSatisfy { $0.batches == 7 && $0.epoch == 1 })
        #expect(batches.map(\.loss) == t.batchLosses)
        let weighted = zip(t.batchLosses, [16, 16, 16, 16, 16, 16, 4]).reduce(0.0) { $0 + $1.0 * Double($1.1) } / 100
        #expect(abs((batches.last?.runningLoss ?? 0) - weighted) < 1e-9)
        #expect(abs(record.loss - weighted) < 1e-9)
        #expect(epochs == [record] && t.history == [record])
        #expect(record.validationLoss != nil && record.validationMetrics["accuracy"] != nil)
        let snap = monitor.snapshot
        #expect(snap.epochs == t.history && snap.lastBatch == batches.last)
        #expect(snap.batchLosses.values == t.batchLosses && snap.batchLosses.stride == 1 && snap.batchLosses.count == 7)
        #expect(!snap.running)
        #expect(snap.version == events.count, "one version per event")
    }

    @Test("evaluate and predict change no weight, batch-norm statistics included")
    func evaluateIsPure() throws {
        let data = try smallShapes(count: 64)
        let t = trainer(try tinyCNN(dropout: 0.3, batchNorm: true))
        try t.trainEpoch(on: data, validation: nil)
        let before = weightSnapshot(t.model)
        let a = try t.evaluate(data)
        _ = try t.predict(data, indices: Array(0..<10))
        _ = try t.confusion(data, classes: 4)
        let b = try t.evaluate(data)
        #expect(identical(weightSnapshot(t.model), before))
        #expect(a.loss == b.loss && a.metrics == b.metrics)
        #expect(t.history.count == 1 && t.batchLosses.count == 4)
    }

    @Test("Empty or mis-shaped data is a typed error")
    func badData() throws {
        let t = trainer(try tinyCNN())
        let empty = ArrayData(sampleShape: [12, 12, 1], inputs: [], labels: [])
        #expect(throws: TrainingError.self) { try t.trainEpoch(on: empty, validation: nil) }
        #expect(throws: TrainingError.self) { _ = try t.evaluate(empty) }
        let wrong = ArrayData(sampleShape: [4], inputs: [0, 0, 0, 0], labels: [0])
        let error = thrownError { try t.trainEpoch(on: wrong, validation: nil) }
        #expect(error as? TrainingError == .inputMismatch(model: [12, 12, 1], data: [4]))
        #expect("\(error!)" == "the model takes inputs of shape (12, 12, 1) but the data has (4) - make the model's input shape match the data's")
    }
}
