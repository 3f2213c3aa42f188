import Foundation
import TensorRuntime
import NeuralNet
import Datasets
import Notebook

extension Benchmark {
    /// Trains `model` at `batch` for `epochs` epochs on `train` (the page faults of the full batches in the
    /// second half of the last epoch are the steady-state figure), evaluates on `test`, then profiles one step.
    func measureRun(_ model: BenchModel, batch: Int, train: ImageDataset, test: ImageDataset, fullCount: Int) throws -> ModelRun {
        guard let build = model.images else { throw BenchError("\(model.name) is not an image model", hint: "use measureTextRun") }
        // Each run starts from an empty buffer cache: it reuses no block of an earlier run (blocks of other
        // sizes placed elsewhere made a following run measurably slower) and its peak counts none of them.
        Buffer.releaseCached()
        ResourceUsage.resetPeak()
        let network = try build()
        let trainer = Trainer(model: network, loss: .sparse_categorical_crossentropy,
                              optimizer: OptimizerConfig(kind: .adam, learningRate: 1e-3), batchSize: batch, seed: 42)
        let (measured, faults) = try timedEpochs(trainer, on: train, batch: batch)
        let accuracy = try trainer.evaluate(test).metrics["accuracy"] ?? 0
        let profile = profileSteps > 0 ? try Profiler.profile(trainer, on: train, batch: batch, steps: profileSteps) : nil
        let dataBytes = [train, test].reduce(0) { $0 + $1.pixels.count + $1.labels.count * MemoryLayout<Int32>.size }
        let memory = try memorySplit(network, batch: min(batch, train.count), dataBytes: dataBytes)
        return ModelRun(model: model.name, batch: batch, images: train.count, measuredSeconds: measured,
                        epochSeconds: measured * Double(fullCount) / Double(max(train.count, 1)),
                        testAccuracy: accuracy, minorFaultsPerEpoch: faults, memory: memory, profile: profile)
    }

    /// Trains `epochs` epochs of `train` at `batch` and returns the mean seconds per epoch and the minor
    /// page faults of the last epoch's steady state: its second half's full batches, scaled to the epoch.
    func timedEpochs(_ trainer: Trainer, on train: any TrainingData, batch: Int) throws -> (seconds: Double, faults: Int) {
        let batches = (train.count + batch - 1) / batch
        let firstHalf = batches / 2
        // A last batch smaller than the others has shapes of its own: in the first epoch its buffers are
        // new (a one-off, like the first batch), so the window is the second half's full batches only.
        let fullBatches = train.count / batch
        let window = max(fullBatches - firstHalf, 0)
        var seconds = 0.0
        var faults = 0
        for epoch in 1...max(epochs, 1) {
            let start = GraphProfile.now()
            if firstHalf > 0 { try trainer.trainBatches(firstHalf, on: train, validation: nil) }
            let before = ResourceUsage.minorFaults()
            if window > 0 { try trainer.trainBatches(window, on: train, validation: nil) }
            let after = ResourceUsage.minorFaults()
            // The partial last batch, if any (trainBatches at the end of an epoch would start the next).
            if batches > firstHalf + window { try trainer.trainBatches(batches - firstHalf - window, on: train, validation: nil) }
            if epoch == max(epochs, 1) && window > 0 { faults = (after - before) * batches / window }
            seconds += GraphProfile.now() - start
        }
        return (seconds / Double(max(epochs, 1)), faults)
    }

    /// Where the run's peak went: the data, the layers' reports for one batch and the buffer cache.
    func memorySplit(_ network: Sequential, batch: Int, dataBytes: Int) throws -> MemorySplit {
        let layers = try network.memory(batch: batch)
        return MemorySplit(peak: ResourceUsage.peakResidentBytes(), data: dataBytes,
                           weights: Shape.saturatingProduct(layers.weights, 4),
                           activations: layers.activations, scratch: layers.scratch, cache: Buffer.cachedBytes)
    }
}
