import Foundation
import NeuralNet

/// A model `gradbook bench` trains: an image model built with the same `Sequential` API the language's
/// layer lines use, or a language model made by the language's own lines (`text`), so its figures are the
/// notebook's. `name` is also the model's name in the peer scripts and in `--compare` files (`cnn`, `mlp`,
/// `vit`; `cnn4` for the four-convolution model; `gpt` and `lstm` for `shared/peers/torch_lm.py`'s).
public struct BenchModel {
    let name: String
    /// One line for the report.
    let title: String
    /// Batch sizes measured by default.
    let batches: [Int]
    /// An image model on Fashion-MNIST (nil for a language model).
    let images: (() throws -> Sequential)?
    /// A language model: the notebook lines that load its corpus and build and compile it (`batch N` is
    /// added), as `scripts/peers/lm-gpt.grad` has them.
    let text: [String]?

    init(name: String, title: String, batches: [Int], build: @escaping () throws -> Sequential) {
        self.name = name
        self.title = title
        self.batches = batches
        self.images = build
        self.text = nil
    }

    init(name: String, title: String, batches: [Int], text: [String]) {
        self.name = name
        self.title = title
        self.batches = batches
        self.images = nil
        self.text = text
    }

    /// `cnn (seed CNN (225,034 weights), batch 32 and 128); ...`: every model for `gradbook bench --help`.
    public static var summary: String {
        all.map { "\($0.name) (\($0.title), batch \($0.batches.map(String.init).joined(separator: " and ")))" }
            .joined(separator: "; ")
    }

    /// Every model, in report order: the image models, then the language models.
    static var all: [BenchModel] { imageModels + TextBench.models }

    /// The Fashion-MNIST models.
    static var imageModels: [BenchModel] { [
        BenchModel(name: "cnn", title: "seed CNN (225,034 weights)", batches: [32, 128]) {
            try Sequential.seedCNN(seed: 42)
        },
        BenchModel(name: "cnn4", title: "4-conv CNN with batch norm and dropout (477,802 weights)", batches: [128]) {
            try fourConv()
        },
        BenchModel(name: "mlp", title: "MLP 784-256-128-10 (235,146 weights)", batches: [128]) {
            try mlp()
        },
        BenchModel(name: "vit", title: "tiny ViT: 7x7 patches, d 64, 2 pre-LN blocks of 4 heads, MLP 128 (71,946 weights)", batches: [128]) {
            try vit()
        },
    ] }

    /// The model of sessions/vit-fashion.grad: patches 7 64, positional learned, transformer 4 128 (twice),
    /// layernorm, globalaveragepooling1d, dense 10 softmax.
    static func vit() throws -> Sequential {
        let m = try Sequential(inputShape: [28, 28, 1], seed: 42)
        try m.add(PatchEmbedding(size: 7, dimension: 64))
        try m.add(PositionalEncoding(.learned))
        try m.add(TransformerBlock(heads: 4, mlpUnits: 128))
        try m.add(TransformerBlock(heads: 4, mlpUnits: 128))
        try m.add(LayerNormalization())
        try m.add(GlobalAveragePooling1D())
        try m.add(Dense(units: 10, activation: .softmax))
        return m
    }

    /// conv 32 same relu, batchnorm, conv 32 relu, maxpool, dropout 0.25, conv 64 same relu, batchnorm,
    /// conv 64 relu, maxpool, dropout 0.25, flatten, dense 256 relu, dropout 0.5, dense 10 softmax.
    static func fourConv() throws -> Sequential {
        let m = try Sequential(inputShape: [28, 28, 1], seed: 42)
        for filters in [32, 64] {
            try m.add(Conv2D(filters: filters, kernelSize: 3, padding: .same, activation: .relu))
            try m.add(BatchNormalization())
            try m.add(Conv2D(filters: filters, kernelSize: 3, activation: .relu))
            try m.add(Pooling2D(.max, size: 2))
            try m.add(Dropout(rate: 0.25))
        }
        try m.add(Flatten())
        try m.add(Dense(units: 256, activation: .relu))
        try m.add(Dropout(rate: 0.5))
        try m.add(Dense(units: 10, activation: .softmax))
        return m
    }

    /// flatten, dense 256 relu, dense 128 relu, dense 10 softmax.
    static func mlp() throws -> Sequential {
        let m = try Sequential(inputShape: [28, 28, 1], seed: 42)
        try m.add(Flatten())
        try m.add(Dense(units: 256, activation: .relu))
        try m.add(Dense(units: 128, activation: .relu))
        try m.add(Dense(units: 10, activation: .softmax))
        return m
    }

    /// The runs `--models` asks for: `cnn,mlp` (each at its default batches) or `cnn@32` (one batch).
    /// Throws `ValidationError`-style text for an unknown name or a bad batch.
    static func runs(_ list: String) throws -> [(model: BenchModel, batch: Int)] {
        var runs: [(model: BenchModel, batch: Int)] = []
        for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let model = all.first(where: { $0.name == parts[0] }) else {
                throw BenchError("unknown model '\(parts[0])' in --models",
                                 hint: "choose from \(all.map(\.name).joined(separator: ", ")), e.g. --models cnn,mlp or cnn@32")
            }
            guard parts.count == 2 else {
                runs += model.batches.map { (model, $0) }
                continue
            }
            guard let batch = Int(parts[1]), batch >= 1, batch <= 65_536 else {
                throw BenchError("batch '\(parts[1])' of '\(item)' is not a whole number in 1...65536", hint: "write MODEL@BATCH, e.g. cnn@32")
            }
            runs.append((model, batch))
        }
        guard !runs.isEmpty else { throw BenchError("--models names no model", hint: "e.g. --models cnn,cnn4,mlp") }
        return runs
    }
}
