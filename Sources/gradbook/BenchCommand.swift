import ArgumentParser
import Bench
import TensorRuntime

/// `gradbook bench`: the options of a `Benchmark`, checked for range; the Bench module measures and prints.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure kernels and training epochs of real models (not a test).",
        discussion: "Models: \(BenchModel.summary). docs/performance.md explains every figure.")

    /// The defaults of every option.
    private static let defaults = Benchmark()

    @Flag(help: "Print one JSON object instead of text.") var json = defaults.json
    @Flag(help: "Train on a 10k-image subset so the whole run stays short.") var quick = defaults.quick
    @Option(help: "Fashion-MNIST directory.") var data: String = defaults.data
    @Option(help: "Training epochs per model (0 skips training: kernels only).") var epochs: Int = defaults.epochs
    @Option(help: "Pictures of the generated 150x150 folder for the image pipeline (0 skips it).") var images: Int = defaults.images
    @Option(help: "Models to train, comma-separated: cnn, cnn4, mlp, vit, gpt, lstm; MODEL@BATCH for one batch size.")
    var models: String = defaults.models
    @Option(help: "Train on the first N training images per epoch; seconds per epoch are scaled to the whole set.")
    var imagesPerEpoch: Int?
    @Option(help: "Steps measured by each model's profile (0 skips the profiles).") var profileSteps: Int = defaults.profileSteps
    @Option(help: "Peer figures (JSON from scripts/peers/compare-json.py) to print ratios against.") var compare: String?
    @Option(help: "Matrix products of the model runs: portable (CKernels, the same bits on any CPU) or openblas.")
    var gemm: String = "portable"
    @Flag(inversion: .prefixedNo, help: "Time the models' matrix products per shape, portable against OpenBLAS.")
    var gemmShapes = defaults.gemmShapes

    func validate() throws {
        guard epochs >= 0 else { throw ValidationError("--epochs must be 0 or more, got \(epochs)") }
        guard images >= 0 else { throw ValidationError("--images must be 0 or more, got \(images)") }
        guard (0...100).contains(profileSteps) else { throw ValidationError("--profile-steps must be in 0...100, got \(profileSteps)") }
        if let imagesPerEpoch, imagesPerEpoch < 1 { throw ValidationError("--images-per-epoch must be at least 1, got \(imagesPerEpoch)") }
        guard ["portable", "openblas"].contains(gemm) else { throw ValidationError("--gemm must be portable or openblas, got '\(gemm)'") }
    }

    func run() throws {
        var bench = Benchmark()
        bench.json = json
        bench.quick = quick
        bench.data = data
        bench.epochs = epochs
        bench.images = images
        bench.models = models
        bench.imagesPerEpoch = imagesPerEpoch
        bench.profileSteps = profileSteps
        bench.compare = compare
        bench.gemm = gemm == "openblas" ? .openBLAS : .portable
        bench.gemmShapes = gemmShapes
        try bench.run()
    }
}
