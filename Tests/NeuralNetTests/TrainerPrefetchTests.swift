import Testing
import TensorRuntime
import NeuralNet
import TestSupport

/// Shapes whose example `bad` cannot be read: the failure must surface at its batch, not earlier.
private struct FailingData: TrainingData {
    let base: ArrayData
    let bad: Int
    var count: Int { base.count }
    var sampleShape: [Int] { base.sampleShape }

    func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws {
        if index == bad { throw TrainingError.noData("example \(index) is unreadable") }
        try base.loadExample(index, into: input)
    }

    func classIndex(of index: Int) throws -> Int32 { try base.classIndex(of: index) }
}

@Suite("Trainer prefetch")
struct TrainerPrefetchTests {
    private func trainer(prefetch: Bool, seed: UInt64 = 5) throws -> Trainer {
        let t = Trainer(model: try tinyCNN(dropout: 0.25), loss: .sparse_categorical_crossentropy,
                        optimizer: OptimizerConfig(kind: .adam, learningRate: 0.01), batchSize: 16, seed: seed)
        t.transforms = [FlipTransform(probability: 0.5)]
        t.prefetch = prefetch
        return t
    }

    @Test("Prefetched batches train bit-identically to batches loaded in place, whole epochs and partial calls alike")
    func prefetchIsInvisible() throws {
        let data = try smallShapes(count: 150)
        let a = try trainer(prefetch: true)
        let b = try trainer(prefetch: false)
        for t in [a, b] {
            try t.trainEpoch(on: data, validation: nil)
            try t.trainBatches(3, on: data, validation: nil)
            try t.trainBatches(2, on: data, validation: nil)
            try t.trainEpoch(on: data, validation: data)
        }
        #expect(a.batchLosses == b.batchLosses)
        #expect(a.batchLosses.count == 20)
        #expect(identical(weightSnapshot(a.model), weightSnapshot(b.model)))
        #expect(a.history.map(\.validationLoss) == b.history.map(\.validationLoss))
    }

    @Test("A batch that cannot be loaded fails at its own batch: the batches before it are trained, with or without prefetch",
          arguments: [true, false])
    func failureAtItsBatch(prefetch: Bool) throws {
        let base = try smallShapes(count: 96)
        let t = try trainer(prefetch: prefetch)
        t.shuffle = false
        let data = FailingData(base: base, bad: 50)   // batch 4 of 6 (positions 48..<64)
        let error = thrownError { try t.trainEpoch(on: data, validation: nil) }
        #expect((error as? TrainingError)?.message == "example 50 is unreadable")
        #expect(t.batchLosses.count == 3)
    }

    @Test("A stop request mid-epoch ends at a batch boundary and the next call resumes with the same batches")
    func stopAndResume() throws {
        let data = try smallShapes(count: 160)
        let stopped = try trainer(prefetch: true)
        stopped.report = { [stop = stopped.stop] event in
            if case .batchEnd(let report) = event, report.batch == 4 { stop.request() }
        }
        #expect(try stopped.trainEpoch(on: data, validation: nil) == nil)
        #expect(stopped.batchLosses.count == 4)
        stopped.stop.clear()
        try stopped.trainEpoch(on: data, validation: nil)
        let straight = try trainer(prefetch: false)
        try straight.trainEpoch(on: data, validation: nil)
        #expect(stopped.batchLosses == straight.batchLosses)
    }

    @Test("The time an epoch waited for data is measured and is part of the epoch's time")
    func waitIsMeasured() throws {
        let data = try smallShapes(count: 64)
        for prefetch in [false, true] {
            let t = try trainer(prefetch: prefetch)
            try t.trainEpoch(on: data, validation: nil)
            #expect(t.lastEpochDataWaitSeconds > 0)
            #expect(t.lastEpochDataWaitSeconds < (t.history.last?.seconds ?? 0))
        }
    }
}
