import Testing
import Canvas
@testable import NeuralNet
@testable import TerminalUI

/// The live loss chart over a downsampled curve: the x axis still counts batches.
@Suite struct LivePanelLossCurveTests {
    /// A run of `epochs` epochs of `batches` batches each, loss 1 / batch number.
    static func run(epochs: Int, batches: Int) -> TrainingMonitor.Snapshot {
        let monitor = TrainingMonitor()
        monitor.publish(.running(true))
        for epoch in 1...epochs {
            for batch in 1...batches {
                let loss = 1 / Double((epoch - 1) * batches + batch)
                monitor.publish(.batchEnd(BatchReport(epoch: epoch, batch: batch, batches: batches, loss: loss, runningLoss: loss,
                                                      runningMetrics: [:], samplesPerSecond: 1)))
            }
            monitor.publish(.epochEnd(EpochRecord(epoch: epoch, loss: 0.5, metrics: [:], validationLoss: nil, validationMetrics: [:],
                                                  seconds: 1, learningRate: 0.001, samples: batches)))
        }
        return monitor.snapshot
    }

    @Test("A long run draws at most the curve's points, spanning every batch, with the epoch ends in place")
    func longRunSpansEveryBatch() throws {
        let snapshot = Self.run(epochs: 3, batches: 1875)       // Fashion-MNIST in batches of 32
        let panel = LivePanel(snapshot: snapshot, eta: nil, logScale: false, options: .ascii)
        let series = panel.lossSeries
        let batch = try #require(series.first { $0.name == "batch" })
        let smoothed = try #require(series.first { $0.name == "smoothed" })
        #expect(batch.points.count <= LossCurve.defaultCapacity)
        #expect(batch.points.count == smoothed.points.count)
        #expect((batch.points.first?.x ?? 0) < 4 && (batch.points.last?.x ?? 0) > 5625 - 8, "x counts batches 0..<5625")
        // The first point is the mean of the first batches, 1/1, 1/2, ...: less than the first loss.
        #expect((batch.points.first?.y ?? 1) < 1)
        let train = try #require(series.first { $0.name == "train" })
        #expect(train.points.map(\.x) == [1874, 3749, 5624])
        #expect(!panel.grid(width: 100, height: 20).lines().isEmpty)
    }

    @Test("A short run draws one point per batch at its batch number")
    func shortRunIsEveryBatch() throws {
        let panel = LivePanel(snapshot: Self.run(epochs: 1, batches: 10), eta: nil, logScale: false, options: .ascii)
        let batch = try #require(panel.lossSeries.first { $0.name == "batch" })
        #expect(batch.points.map(\.x) == (0..<10).map(Double.init))
        #expect(batch.points.map(\.y) == (1...10).map { 1 / Double($0) })
    }
}
