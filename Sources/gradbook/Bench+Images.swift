import Foundation
import TensorRuntime
import NeuralNet
import Datasets
import Notebook

extension Bench {
    /// The seed's data pipeline on a generated folder (`make-dataset shapes-rgb`: 150x150 PNG and JPEG
    /// files in a temporary folder): the load (listing and checking every file), then one epoch of
    /// batches of 32 with the seed's augmentation (rescale 1/255, shear 0.2, zoom 0.2, horizontal flip)
    /// decoding every picture from its file (no cache), and the same epoch from a full cache.
    func imagePipeline(count: Int) throws -> (count: Int, load: Double, epoch: Double, cached: Double) {
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
        return (count, cold.load, cold.epoch, warm.epoch)
    }
}
