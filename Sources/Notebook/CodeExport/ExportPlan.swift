// What `export keras FILE.py` and `export pytorch FILE.py` write, gathered from the session once and
// framework-neutral: the model's layers, the compiled training setup, the data and the files. The two
// script writers (`KerasScript`, `PyTorchScript`) only turn this plan into Python.

import NeuralNet

/// The frameworks a model is exported to.
enum ExportFramework: String {
    case keras, pytorch

    /// As people write it.
    var title: String { self == .keras ? "Keras" : "PyTorch" }
}

/// Everything an exported script says about the session.
struct ExportPlan {
    /// The model's name in the session.
    let modelName: String
    /// One example's shape.
    let inputShape: [Int]
    let outputShape: [Int]
    /// The top-level layers (the rows of `summary`).
    let layers: [ExportedLayer]
    let totalParameters: Int
    let trainableParameters: Int
    /// The layer whose activation a logits pass leaves out (Gradbook's `outputLayerIndex`).
    let outputLayerIndex: Int
    let training: TrainingPlan
    let data: DataPlan
    /// The script's file name (no folder) and the weights' and data's, beside it.
    let scriptName: String
    let weightsName: String
    let dataName: String?
    /// Examples checked against Gradbook's outputs (`--check`).
    let checkCount: Int

    /// Every layer, nested ones included, depth first.
    var allLayers: [ExportedLayer] { layers.flatMap(\.flattened) }

    /// The LAYERS table's rows.
    var table: [PythonValue] { layers.map(\.row) }

    /// True when some layer, nested ones included, is of a kind `test` accepts.
    func uses(_ test: (ExportedLayer.Kind) -> Bool) -> Bool { allLayers.contains { test($0.kind) } }
}

/// The compiled training setup, as `compile` (and later `set`, `batch`) left it.
struct TrainingPlan {
    let loss: Loss
    /// The loss reads logits: the model's last softmax/sigmoid (or none) is fused into it.
    let fused: Bool
    let optimizer: OptimizerConfig
    let metrics: [Metric]
    let batchSize: Int
    /// The epochs the script trains by default (`--epochs`).
    let epochs: Int
    /// Epochs the session trained before the export.
    let epochsDone: Int
    let schedule: Schedule?
    /// The weight of a VAE's KL term.
    let klWeight: Float
    let shuffle: Bool
    let seed: UInt64
    /// The session's augmentation in words, which the scripts leave out; nil without one.
    let augmentation: String?
    /// The learning rate in force at the export (a schedule may have changed it).
    let currentLearningRate: Float
}
