import Datasets
import NeuralNet

/// A loaded data set with its splits. `validation` exists after `split`.
public struct DataEntry {
    public var name: String
    public var train: ImageDataset
    public var validation: ImageDataset?
    public var test: ImageDataset?
    /// Token sequences (`load sequences`); the image splits are then empty.
    public var sequences: SequenceSplits?
    /// The examples training validates on after each epoch: the split-off part, else the test set.
    public var epochValidation: ImageDataset? { validation ?? test }
    /// Class names: the image classes, or the tokens of a sequence set (`0`, `1`...).
    public var classNames: [String] { sequences?.tokenNames ?? train.classNames }

    public init(name: String, train: ImageDataset, validation: ImageDataset? = nil, test: ImageDataset? = nil) {
        self.name = name
        self.train = train
        self.validation = validation
        self.test = test
    }

    /// A sequence data set.
    public init(name: String, sequences: SequenceSplits) {
        self.init(name: name, train: .empty(name: name))
        self.sequences = sequences
    }

    /// What the trainer trains on.
    public var trainingSet: any TrainingData { sequences?.train ?? train }
    /// What training validates on after each epoch.
    public var validationSet: (any TrainingData)? { sequences.map { $0.test } ?? epochValidation }
    /// The shape of one example without the batch axis.
    public var sampleShape: [Int] { sequences.map { [$0.train.length] } ?? train.sampleShape }
}

/// A model with its compiled training setup (nil until `compile`).
public final class ModelEntry {
    public let name: String
    public let model: NeuralNet.Sequential
    public var trainer: Trainer?
    /// The data set the model was made for (the current one at `model`), used when no other is current.
    public init(name: String, model: NeuralNet.Sequential) { self.name = name; self.model = model }
}

/// Everything a session holds: named data sets and models, the current ones, settings, and the log of
/// state-changing lines that `save session` writes out.
public final class Session {
    public var seed: UInt64 = 42
    public var batchSize = 32
    public var shuffle = true
    /// Augmentation set by `augment` before a model was compiled; `compile` hands it to the trainer.
    public var augmentation: Augmentation?
    public internal(set) var datasets: [String: DataEntry] = [:]
    public internal(set) var models: [String: ModelEntry] = [:]
    public internal(set) var currentData: String?
    public internal(set) var currentModel: String?
    /// The attention heat map `watch attention` keeps in the live panel; nil after `watch off`.
    public internal(set) var watch: AttentionWatch?
    /// Lines that rebuild this state when replayed, in order.
    public internal(set) var log: [String] = []
    /// Every command run, with its output, for `save transcript` (the oldest dropped past `maximumCells`).
    public internal(set) var cells: [TranscriptCell] = []
    public static let maximumCells = 10_000
    var modelsMade = 0

    public init() {}

    public var data: DataEntry? { currentData.flatMap { datasets[$0] } }
    public var modelEntry: ModelEntry? { currentModel.flatMap { models[$0] } }
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
