import Testing
@testable import NeuralNet

/// The monitor's batch losses: bounded however long training runs, and still the whole run's curve.
@Suite struct MonitorLossCurveTests {
    @Test("Below its capacity the curve is every loss, one point per batch")
    func keepsEveryLossWhileItFits() {
        var curve = LossCurve(capacity: 8)
        for loss in [3.0, 2.0, 1.5] { curve.append(loss) }
        #expect(curve.values == [3, 2, 1.5] && curve.stride == 1 && curve.count == 3)
        #expect((0..<3).map(curve.batchPosition) == [0, 1, 2])
    }

    @Test("Past its capacity every point is the mean of exactly the batches it covers", arguments: [2, 8, 10])
    func pointsAreMeansOfTheirBatches(capacity: Int) {
        var curve = LossCurve(capacity: capacity)
        var losses: [Double] = []
        for i in 0..<1000 {
            let loss = Double((i * 7919) % 101) / 10
            losses.append(loss)
            curve.append(loss)
            #expect(curve.values.count <= capacity, "after \(i + 1) batches")
        }
        #expect(curve.count == 1000)
        #expect(curve.stride > 1 && curve.stride & (curve.stride - 1) == 0, "a power of two: \(curve.stride)")
        #expect(curve.values.count == (1000 + curve.stride - 1) / curve.stride)
        for (i, value) in curve.values.enumerated() {
            let covered = losses[i * curve.stride ..< min((i + 1) * curve.stride, 1000)]
            #expect(abs(value - covered.reduce(0, +) / Double(covered.count)) < 1e-9, "point \(i)")
            #expect(curve.batchPosition(i) == Double(i * curve.stride + (i * curve.stride + covered.count - 1)) / 2)
        }
    }

    @Test("An odd capacity is rounded up so that points merge in pairs")
    func capacityIsEven() {
        #expect(LossCurve(capacity: 5).capacity == 6)
        #expect(LossCurve(capacity: 0).capacity == 2)
    }

    @Test("A monitor's snapshot stays bounded over a long run")
    func snapshotStaysBounded() {
        let monitor = TrainingMonitor()
        for batch in 1...50_000 {
            monitor.publish(.batchEnd(BatchReport(epoch: 1, batch: batch, batches: 50_000, loss: 1, runningLoss: 1,
                                                  runningMetrics: [:], samplesPerSecond: 1)))
        }
        let losses = monitor.snapshot.batchLosses
        #expect(losses.count == 50_000)
        #expect(losses.values.count <= LossCurve.defaultCapacity && losses.values.count > LossCurve.defaultCapacity / 2)
        #expect(losses.values.allSatisfy { $0 == 1 })
    }
}
