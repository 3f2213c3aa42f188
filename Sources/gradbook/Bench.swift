import ArgumentParser
import Foundation
import TensorRuntime
import NeuralNet
import Datasets
import Notebook


/// `gradbook bench`: matrix-multiply throughput, convolution timings, seed-CNN epochs, peak memory.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure kernels and a training epoch (not a test).")

    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @Flag(help: "Train on a 10k-image subset so the whole run stays under a minute.") var quick = false
    @Option(help: "Fashion-MNIST directory.") var data: String = FashionMNIST.defaultDirectory
    @Option(help: "Skip the training epochs (kernels only).") var epochs: Int = 1
    @Option(help: "Pictures of the generated 150x150 folder for the image pipeline (0 skips it).") var images: Int = 512

    func run() throws {
        var report: [(String, Any)] = []
        let threads = ThreadPool.shared.threadCount
        report.append(("threads", threads))
        for n in [256, 512, 1024] {
            report.append(("sgemm_\(n)_1thread_gflops", round2(gemmGflops(n, pooled: false))))
            report.append(("sgemm_\(n)_pool_gflops", round2(gemmGflops(n, pooled: true))))
        }
        let (c1, c2) = try convTimings()
        report.append(("conv1_fwd_bwd_ms_batch32", round2(c1)))
        report.append(("conv2_fwd_bwd_ms_batch32", round2(c2)))
        if epochs > 0 {
            var (train, test) = try FashionMNIST.load(directory: data)
            if quick { train = train.prefix(10_000) }
            for batch in [32, 128] {
                let r = try trainEpochs(train: train, test: test, batch: batch)
                report.append(("epoch_seconds_batch\(batch)", round2(r.seconds)))
                report.append(("images_per_second_batch\(batch)", Int(Double(train.count) / r.seconds)))
                report.append(("test_accuracy_batch\(batch)", round4(r.accuracy)))
            }
            report.append(("train_images", train.count))
            if let notebook = NotebookOverhead.measure(dataDirectory: data, images: quick ? 5_000 : 20_000) {
                report.append(("notebook_epoch_seconds_headless", round2(notebook.headlessSeconds)))
                report.append(("notebook_epoch_seconds_watched", round2(notebook.watchedSeconds)))
                report.append(("notebook_overhead_percent", round2(notebook.overhead * 100)))
                report.append(("notebook_frames", notebook.frames))
                report.append(("notebook_bytes_per_frame", notebook.bytes / max(notebook.frames, 1)))
            }
        }
        if images > 0 {
            let pipeline = try imagePipeline(count: max(images, 2))
            report.append(("image_folder_pictures", pipeline.count))
            report.append(("image_load_seconds", round2(pipeline.load)))
            report.append(("image_pipeline_images_per_second", Int(Double(pipeline.count) / pipeline.epoch)))
            report.append(("image_batches_cached_images_per_second", Int(Double(pipeline.count) / pipeline.cached)))
        }
        report.append(("peak_rss_mb", round2(peakRSSMegabytes())))
        if json {
            let object = Dictionary(uniqueKeysWithValues: report)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            let width = report.map(\.0.count).max() ?? 0
            for (k, v) in report { print(k.padding(toLength: width + 2, withPad: " ", startingAt: 0) + "\(v)") }
        }
    }

    private func gemmGflops(_ n: Int, pooled: Bool) -> Double {
        var rng = SeededGenerator(seed: UInt64(n))
        let a = Tensor.uniform([n, n], -1, 1, rng: &rng), b = Tensor.uniform([n, n], -1, 1, rng: &rng)
        let c = Tensor(zeros: [n, n])
        func once() {
            if pooled {
                Gemm.multiply(m: n, n: n, k: n, a: a.buffer.pointer, lda: n, b: b.buffer.pointer, ldb: n, c: c.buffer.pointer, ldc: n)
            } else {
                Gemm.serial(m: n, n: n, k: n, a: a.buffer.pointer, lda: n, b: b.buffer.pointer, ldb: n, c: c.buffer.pointer, ldc: n)
            }
        }
        once()
        let reps = max(3, 200_000_000 / (n * n * n))
        let times = (0..<5).map { _ in timed { for _ in 0..<reps { once() } } / Double(reps) }
        return 2 * Double(n * n * n) / median(times) / 1e9
    }

    private func convTimings() throws -> (Double, Double) {
        var rng = SeededGenerator(seed: 1)
        func measure(_ shape: [Int], _ filters: Int, inputGrad: Bool) throws -> Double {
            let x = Tensor.uniform(shape, 0, 1, rng: &rng); x.requiresGrad = inputGrad
            let w = Tensor.uniform([3, 3, shape[3], filters], -0.1, 0.1, rng: &rng); w.requiresGrad = true
            let b = Tensor(zeros: [filters], requiresGrad: true)
            func once() throws { let y = try Tensor.conv2d(x, w, b, activation: .relu); Tensor.sum(y).backward(); w.zeroGrad(); b.zeroGrad(); x.zeroGrad() }
            try once()
            var times: [Double] = []
            for _ in 0..<15 { times.append(try timedThrows { try once() }) }
            return median(times) * 1000
        }
        return (try measure([32, 28, 28, 1], 32, inputGrad: false), try measure([32, 13, 13, 32], 64, inputGrad: true))
    }

    /// The seed's data pipeline on a generated folder (`make-dataset shapes-rgb`: 150x150 PNG and JPEG
    /// files in a temporary folder): the load (listing and checking every file), then one epoch of
    /// batches of 32 with the seed's augmentation (rescale 1/255, shear 0.2, zoom 0.2, horizontal flip)
    /// decoding every picture from its file (no cache), and the same epoch from a full cache.
    private func imagePipeline(count: Int) throws -> (count: Int, load: Double, epoch: Double, cached: Double) {
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

    private func trainEpochs(train: ImageDataset, test: ImageDataset, batch: Int) throws -> (seconds: Double, accuracy: Double) {
        let model = try Sequential.seedCNN(seed: 42)
        let trainer = Trainer(model: model, loss: .sparse_categorical_crossentropy,
                              optimizer: OptimizerConfig(kind: .adam, learningRate: 1e-3), batchSize: batch, seed: 42)
        var seconds = 0.0
        for _ in 0..<epochs { seconds += try timedThrowsValue { try trainer.trainEpoch(on: train, validation: nil) }.0 }
        let acc = try trainer.evaluate(test).metrics["accuracy"] ?? 0
        return (seconds / Double(epochs), acc)
    }
}

private func timed(_ body: () -> Void) -> Double { let s = DispatchTime.now(); body(); return Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e9 }
private func timedThrows(_ body: () throws -> Void) throws -> Double { let s = DispatchTime.now(); try body(); return Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e9 }
private func timedThrowsValue<T>(_ body: () throws -> T) throws -> (Double, T) { let s = DispatchTime.now(); let v = try body(); return (Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e9, v) }
private func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
private func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
private func round4(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }
func peakRSSMegabytes() -> Double { var u = rusage(); getrusage(RUSAGE_SELF.rawValue, &u); return Double(u.ru_maxrss) / 1024 }
