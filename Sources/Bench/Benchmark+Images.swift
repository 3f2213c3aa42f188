import Foundation
import TensorRuntime
import NeuralNet
import Datasets
import Notebook

extension Benchmark {
    /// The seed's data pipeline on a generated folder (`make-dataset shapes-rgb`: 150x150 PNG and JPEG
    /// files in a temporary folder): the load (listing and checking every file), then one epoch of
    /// batches of 32 with the seed's augmentation (rescale 1/255, shear 0.2, zoom 0.2, horizontal flip)
    /// decoding every picture from its file (no cache), and the same epoch from a full cache.
    /// Then the seed's cats-vs-dogs CNN trains one epoch on the uncached folder, with the trainer's batch
    /// prefetch on and off: the epoch's seconds and how long it waited for data.
    func imagePipeline(count: Int) throws -> ImagePipelineFigures {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pictures = try ColorShapes.make(count: count, classes: 2, size: 150, seed: 7)
        let held = try ColorShapes.make(count: 2, classes: 2, size: 150, seed: 8)
        _ = try DatasetWriter.write([("train", pictures), ("validation", held)], to: dir, format: .mixed, overwrite: false)
        var seed = Augmentation()
        seed.shear = 0.2
        seed.zoom = 0.2
        seed.horizontalFlip = true
        func epoch(cacheBytes: Int) throws -> (load: Double, epoch: Double) {
            let (load, result) = try timedThrowsValue {
                try ImageFolder.load(directory: dir + "/train", width: 150, height: 150, channels: 3, cacheBytes: cacheBytes)
            }
            let loader = try BatchLoader(data: result.train, transforms: [AugmentTransform(seed)])
            let order = SeededGenerator.epochPermutation(count: result.train.count, seed: 1, epoch: 0)
            let seconds = try timedThrows {
                for start in stride(from: 0, to: order.count, by: 32) {
                    _ = try loader.batch(order[start..<min(start + 32, order.count)], epochSeed: 1)
                }
            }
            return (load, seconds)
        }
        let cold = try epoch(cacheBytes: 0)
        let warm = try epoch(cacheBytes: 1 << 30)
        let folder = try ImageFolder.load(directory: dir + "/train", width: 150, height: 150, channels: 3, cacheBytes: 0)
        func train(prefetch: Bool) throws -> (seconds: Double, wait: Double) {
            let trainer = Trainer(model: try Self.seedCatsDogs(), loss: .binary_crossentropy,
                                  optimizer: OptimizerConfig(kind: .adam, learningRate: 1e-3), batchSize: 32, seed: 1)
            trainer.transforms = [AugmentTransform(seed)]
            trainer.prefetch = prefetch
            try trainer.trainEpoch(on: folder.train, validation: nil)
            return (trainer.history.last?.seconds ?? 0, trainer.lastEpochDataWaitSeconds)
        }
        let prefetched = try train(prefetch: true)
        let inPlace = try train(prefetch: false)
        return ImagePipelineFigures(count: count, load: cold.load, epoch: cold.epoch, cached: warm.epoch,
                                    trainSeconds: prefetched.seconds, trainWait: prefetched.wait,
                                    trainSecondsInPlace: inPlace.seconds, trainWaitInPlace: inPlace.wait)
    }

    /// The seed's Keras example: four conv layers 32/64/128/128 with 2x2 pooling, dense 512, dense 1 sigmoid, on 150x150x3.
    static func seedCatsDogs() throws -> Sequential {
        let m = try Sequential(inputShape: [150, 150, 3], seed: 42)
        for filters in [32, 64, 128, 128] {
            try m.add(Conv2D(filters: filters, kernelSize: 3, activation: .relu))
            try m.add(Pooling2D(.max, size: 2))
        }
        try m.add(Flatten())
        try m.add(Dense(units: 512, activation: .relu))
        try m.add(Dense(units: 1, activation: .sigmoid))
        return m
    }
}

/// What `imagePipeline` measured (seconds; `count` pictures).
struct ImagePipelineFigures {
    let count: Int, load: Double, epoch: Double, cached: Double
    let trainSeconds: Double, trainWait: Double, trainSecondsInPlace: Double, trainWaitInPlace: Double
}
