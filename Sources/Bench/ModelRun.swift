import NeuralNet

/// One model at one batch size, trained by `gradbook bench`.
struct ModelRun {
    var model: String
    var batch: Int
    /// Images trained per epoch (the training set, or `--images-per-epoch` of it).
    var images: Int
    /// Seconds per epoch of `images` images (the mean over `--epochs`).
    var measuredSeconds: Double
    /// `measuredSeconds` scaled to the whole training set.
    var epochSeconds: Double
    var testAccuracy: Double
    /// Minor page faults per epoch in the steady state: the second half of the last epoch, scaled to a whole one.
    var minorFaultsPerEpoch: Int
    var memory: MemorySplit
    var profile: StepProfile?
    /// Tokens per example of a language model (1 for pictures): `images` are then its training windows.
    var tokensPerExample = 1
    /// A language model's validation perplexity after training (nil for image models).
    var validationPerplexity: Double?

    var imagesPerSecond: Double { Double(images) / max(measuredSeconds, 1e-9) }
    /// Tokens trained per second (a language model's throughput).
    var tokensPerSecond: Double { imagesPerSecond * Double(tokensPerExample) }
    /// `minorFaultsPerEpoch` over the batches of an epoch.
    var minorFaultsPerBatch: Double { Double(minorFaultsPerEpoch) / Double(max((images + batch - 1) / batch, 1)) }
}

/// Where a run's peak resident memory goes, in bytes. `data` (the images as bytes), `weights` (values,
/// gradients and Adam's two moments), `activations` and `scratch` (the layers' `LayerMemory` reports
/// for one batch), `cache` (free buffers the buffer cache keeps for reuse at the end of the run);
/// `other` is the rest of the peak: the runtime, code, allocator slack, the batch loader's buffers.
struct MemorySplit {
    var peak: Int
    var data: Int
    var weights: Int
    var activations: Int
    var scratch: Int
    var cache: Int
    var other: Int { max(0, peak - data - weights - activations - scratch - cache) }
}
