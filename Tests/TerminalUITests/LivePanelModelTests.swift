import Testing
import Canvas
@testable import NeuralNet
@testable import TerminalUI

/// Issue 16, item 3: the live panel shows the model being trained, with its own history only.
@Suite struct LivePanelModelTests {
    static func train(_ monitor: TrainingMonitor, model: String, epochs: Int, batches: Int = 4) {
        monitor.publish(.running(true), model: model)
        for epoch in 1...epochs {
            for batch in 1...batches {
                monitor.publish(.batchEnd(BatchReport(epoch: epoch, batch: batch, batches: batches, loss: 2.0 / Double(epoch + batch), runningLoss: 1,
                                                      runningMetrics: [:], samplesPerSecond: 1)), model: model)
            }
            monitor.publish(.epochEnd(EpochRecord(epoch: epoch, loss: 1, metrics: [:], validationLoss: nil, validationMetrics: [:],
                                                  seconds: 0, learningRate: 0.001, samples: batches)), model: model)
        }
        monitor.publish(.running(false), model: model)
    }

    @Test func anotherModelsTrainingShowsOnlyItsOwnHistory() {
        let monitor = TrainingMonitor()
        Self.train(monitor, model: "cnn", epochs: 35)
        Self.train(monitor, model: "big", epochs: 2)
        var snapshot = monitor.snapshot
        #expect(snapshot.model == "big")
        #expect(snapshot.epochs.map(\.epoch) == [1, 2])
        #expect(snapshot.batchLosses.count == 8)
        let panel = LivePanel(snapshot: snapshot, eta: nil, logScale: false, options: .ascii)
        #expect(panel.grid(width: 80, height: 16).lines()[0] == "last training 'big'  epoch 2  batch 4/4")

        // Back to cnn: its own 35 epochs, and one more.
        Self.train(monitor, model: "cnn", epochs: 1)
        snapshot = monitor.snapshot
        #expect(snapshot.model == "cnn")
        #expect(snapshot.epochs.count == 36)
        #expect(snapshot.batchLosses.count == 144)
    }

    @Test func compilingAgainForgetsTheModelsHistory() {
        let monitor = TrainingMonitor()
        Self.train(monitor, model: "a", epochs: 3)
        Self.train(monitor, model: "b", epochs: 1)
        monitor.forget(model: "a")
        Self.train(monitor, model: "a", epochs: 1)
        #expect(monitor.snapshot.epochs.count == 1)
        monitor.forget(model: "a")
        #expect(monitor.snapshot.epochs.isEmpty && monitor.snapshot.lastBatch == nil)
    }
}
