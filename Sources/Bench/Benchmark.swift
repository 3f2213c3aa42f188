import Foundation
import TensorRuntime
import NeuralNet
import Datasets
import Notebook

/// `gradbook bench`: the BLAS kernels and instruction-set path in use, the models' matrix products per shape
/// (portable GEMM against OpenBLAS), matrix-multiply throughput, convolution timings, then for each
/// model (`models`) at its batch sizes: seconds per epoch, images/s (tokens/s and validation perplexity for
/// the language models `gpt` and `lstm`), test accuracy, minor page faults per
/// epoch after warm-up, peak memory and where it goes, and a per-layer profile of one step; the notebook's
/// overhead, the image pipeline, and with `compare` the ratios to peer frameworks' figures.
///
/// The executable parses and range-checks the options (the same names as `gradbook bench`'s flags);
/// `run` checks `models` and the `compare` file before anything slow runs, then prints as it measures.
public struct Benchmark: Sendable {
    /// Print one JSON object instead of text.
    public var json = false
    /// Train on a 10k-image subset so the whole run stays short.
    public var quick = false
    /// The Fashion-MNIST directory.
    public var data: String = Benchmark.defaultDataDirectory
    /// Training epochs per model (0 skips training: kernels only).
    public var epochs = 1
    /// Pictures of the generated 150x150 folder for the image pipeline (0 skips it).
    public var images = 512
    /// Models to train, comma-separated; `MODEL@BATCH` for one batch size (`BenchModel.runs`).
    public var models = "cnn,cnn4,mlp,vit"
    /// Train on the first N training images per epoch; seconds per epoch are scaled to the whole set.
    public var imagesPerEpoch: Int?
    /// Steps measured by each model's profile (0 skips the profiles).
    public var profileSteps = 5
    /// A peer-figures file (`PeerFigures`) to print ratios against.
    public var compare: String?
    /// The matrix products of the model runs: CKernels' portable GEMM (the default) or OpenBLAS.
    public var gemm: Gemm.Backend = .portable
    /// Time the models' matrix products per shape, portable against OpenBLAS (about a minute).
    public var gemmShapes = true

    /// Fashion-MNIST's default directory (the Debian package's, or `GRADBOOK_FASHION_MNIST`).
    public static var defaultDataDirectory: String { FashionMNIST.defaultDirectory }

    /// A benchmark with the default settings; set the properties to change them.
    public init() {}

    /// Measures and prints. Throws `BenchError` for a bad `models` list and `PeerFiguresError` for a bad
    /// `compare` file (both before measuring), or the error of a measurement that failed.
    public func run() throws {
        // Options are checked before anything slow runs.
        let runs = try BenchModel.runs(models)
        let figures = try compare.map { try PeerFigures.load(path: $0) }
        var out = BenchOutput(json: json)
        let blas = BLASReport.current()
        out.lines(blas.lines)
        out.add("blas_kernel", blas.kernel)
        out.add("blas_config", blas.config)
        out.add("blas_cpu_kernel", blas.cpuKernel ?? "unknown")
        out.add("blas_forced_older", blas.forcedOlder)
        out.add("threads", ThreadPool.shared.threadCount)
        out.add("kernels_isa", InstructionSet.current.description)
        if let note = InstructionSet.note { out.lines(["note: \(note)"]) }
        out.add("gemm_backend", gemm == .portable ? "portable" : "openblas")
        let before = Gemm.backend
        Gemm.backend = gemm
        defer { Gemm.backend = before }
        if gemmShapes {
            let shapes = GemmShapes.measure()
            out.lines(GemmShapes.lines(shapes))
            out.addJSON("gemm_shapes", GemmShapes.objects(shapes))
        }
        for n in [256, 512, 1024] {
            out.add("sgemm_\(n)_1thread_gflops", round2(gemmGflops(n, pooled: false)))
            out.add("sgemm_\(n)_pool_gflops", round2(gemmGflops(n, pooled: true)))
        }
        let conv = try convTimings()
        out.add("conv1_fwd_bwd_ms_batch32", round2(conv[0]))
        out.add("conv2_fwd_bwd_ms_batch32", round2(conv[1]))
        out.add("conv1_pool_fwd_bwd_ms_batch32", round2(conv[2]))
        out.add("conv2_pool_fwd_bwd_ms_batch32", round2(conv[3]))
        var results: [ModelRun] = []
        if epochs > 0 {
            var (train, test) = runs.contains { $0.model.images != nil } ? try FashionMNIST.load(directory: data)
                : (ImageDataset.empty(name: "none"), ImageDataset.empty(name: "none"))
            let fullCount = train.count
            if quick { train = train.prefix(10_000) }
            if let imagesPerEpoch { train = train.prefix(min(imagesPerEpoch, train.count)) }
            for (model, batch) in runs {
                guard model.images != nil else {
                    let result = try measureTextRun(model, batch: batch)
                    results.append(result)
                    out.model(result, title: model.title, fullCount: result.images)
                    continue
                }
                let result = try measureRun(model, batch: batch, train: train, test: test, fullCount: fullCount)
                results.append(result)
                out.model(result, title: model.title, fullCount: fullCount)
                if model.name == "cnn" {
                    // The keys of earlier reports: the seed CNN's epoch over the images trained.
                    out.add("epoch_seconds_batch\(batch)", round2(result.measuredSeconds))
                    out.add("images_per_second_batch\(batch)", Int(result.imagesPerSecond))
                    out.add("test_accuracy_batch\(batch)", round4(result.testAccuracy))
                }
            }
            let imageRuns = runs.contains { $0.model.images != nil }
            if imageRuns { out.add("train_images", train.count) }
            // The notebook's overhead is measured on Fashion-MNIST: only when an image model ran.
            if imageRuns, let notebook = NotebookOverhead.measure(dataDirectory: data, images: quick ? 5_000 : 20_000) {
                out.add("notebook_epoch_seconds_headless", round2(notebook.headlessSeconds))
                out.add("notebook_epoch_seconds_watched", round2(notebook.watchedSeconds))
                out.add("notebook_overhead_percent", round2(notebook.overhead * 100))
                out.add("notebook_frames", notebook.frames)
                out.add("notebook_bytes_per_frame", notebook.bytes / max(notebook.frames, 1))
            }
        }
        if images > 0 {
            let pipeline = try imagePipeline(count: max(images, 2))
            out.add("image_folder_pictures", pipeline.count)
            out.add("image_load_seconds", round2(pipeline.load))
            out.add("image_pipeline_images_per_second", Int(Double(pipeline.count) / pipeline.epoch))
            out.add("image_batches_cached_images_per_second", Int(Double(pipeline.count) / pipeline.cached))
            out.add("image_train_epoch_seconds_prefetch", round2(pipeline.trainSeconds))
            out.add("image_train_data_wait_seconds_prefetch", round2(pipeline.trainWait))
            out.add("image_train_epoch_seconds_in_place", round2(pipeline.trainSecondsInPlace))
            out.add("image_train_data_wait_seconds_in_place", round2(pipeline.trainWaitInPlace))
        }
        out.add("peak_rss_mb", round2(Double(ResourceUsage.processPeakBytes()) / 1_048_576))
        if let figures, let path = compare {
            out.comparison(PeerComparison(runs: results, figures: figures), file: path)
        }
        try out.finish()
    }
}
