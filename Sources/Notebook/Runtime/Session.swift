import Datasets
import NeuralNet

/// A model with its compiled training setup (nil until `compile`).
public final class ModelEntry {
    public let name: String
    public let model: NeuralNet.Sequential
    public var trainer: Trainer?
    /// This model's augmentation, set by `augment` while it is current; every `compile` of it hands it on.
    public var augmentation: Augmentation?
    /// The GAN this model is the generator of (`train gan`), kept so its optimisers go on where they left off.
    public var gan: GANTrainer?
    /// The data set the model was made for (the current one at `model`), used when no other is current.
    public init(name: String, model: NeuralNet.Sequential) { self.name = name; self.model = model }
}

/// Everything a session holds: named data sets and models, the current ones, settings, and the log of
/// state-changing lines that `save session` writes out.
public final class Session {
    public var seed: UInt64 = 42
    public var batchSize = 32
    public var shuffle = true
    /// Augmentation set by `augment` while no model exists; the next `compile` hands it to that model
    /// (when it has none of its own) and clears it, so it never reaches models compiled after that.
    public var augmentation: Augmentation?
    public internal(set) var datasets: [String: DataEntry] = [:]
    public internal(set) var models: [String: ModelEntry] = [:]
    public internal(set) var currentData: String?
    public internal(set) var currentModel: String?
    /// The attention heat map `watch attention` keeps in the live panel; nil after `watch off`.
    public internal(set) var watch: AttentionWatch?
    /// The decision boundary `watch boundary` keeps in the live panel; nil after `watch off`.
    public internal(set) var boundaryWatch: BoundaryWatch?
    /// How many generated pictures `watch samples` redraws after each epoch of `train gan`; nil after `watch off`.
    public internal(set) var watchedSamples: Int?
    /// The heat maps `watch attention` drew, per model name (bounded: `AttentionFrames.capacity` each).
    public internal(set) var attentionFrames: [String: AttentionFrames] = [:]
    /// Lines that rebuild this state when replayed, in order.
    public internal(set) var log: [String] = []
    /// Every command run, with its output, for `save transcript` (the oldest dropped past `maximumCells`).
    public internal(set) var cells: [TranscriptCell] = []
    public static let maximumCells = 10_000
    var modelsMade = 0
    /// Which model state last measured each data set's test split (the warning about tuning on it).
    var testReads = TestReadLog()

    public init() {}

    public var data: DataEntry? { currentData.flatMap { datasets[$0] } }
    public var modelEntry: ModelEntry? { currentModel.flatMap { models[$0] } }
    /// The tokenizer of the current data set when it is a text (`load text`): what turns a model's ids back
    /// into text and a prompt into ids.
    public var tokenizer: Tokenizer? { data?.text?.tokenizer }
}

/// One command as it ran: its text and everything it printed (progress bars excluded).
public struct TranscriptCell: Sendable, Equatable {
    public var source: String
    public var blocks: [OutputBlock]
    public init(source: String, blocks: [OutputBlock]) {
        self.source = source
        self.blocks = blocks
    }
}

extension Session {
    func record(_ cell: TranscriptCell) {
        cells.append(cell)
        if cells.count > Session.maximumCells {
            cells.removeFirst(cells.count - Session.maximumCells)
        }
    }
}
