import Datasets
import Foundation
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
    /// Lines that rebuild this state when replayed, in order, each with the comments written above it.
    public internal(set) var replay: [ReplayLine] = []
    /// Lines that rebuild this state when replayed, in order.
    public var log: [String] { replay.map(\.line) }
    /// Every command run, with its output, and the comments between them, for `save transcript` (the
    /// oldest dropped past `maximumCells`).
    public internal(set) var cells: [TranscriptCell] = []
    /// Comment lines (and blank lines between them) seen since the last command started: `save session`
    /// writes them above that command's line when it is kept.
    var pendingComments: [String] = []
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

/// One entry of the transcript: a command as it ran, with its text and everything it printed (progress
/// bars excluded), or the comment lines written between commands (the explanation a handout keeps as prose).
public struct TranscriptCell: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case command, comment }
    public var kind: Kind
    /// The command; for a comment, its lines as written (each starting with `#`, blank lines between
    /// paragraphs kept), joined by newlines.
    public var source: String
    public var blocks: [OutputBlock]
    public init(source: String, blocks: [OutputBlock]) {
        self.kind = .command
        self.source = source
        self.blocks = blocks
    }
    /// A comment entry of `lines` (each starting with `#`, or empty between paragraphs).
    public init(comment lines: [String]) {
        self.kind = .comment
        self.source = lines.joined(separator: "\n")
        self.blocks = []
    }
    public var isCommand: Bool { kind == .command }
}

/// A line `save session` writes, with the comment lines that stood above it when it ran.
public struct ReplayLine: Sendable, Equatable {
    public var line: String
    /// Comment lines as written (each starting with `#`; empty between paragraphs).
    public var comments: [String]
    public init(line: String, comments: [String] = []) {
        self.line = line
        self.comments = comments
    }
}

extension Session {
    func record(_ cell: TranscriptCell) {
        cells.append(cell)
        if cells.count > Session.maximumCells {
            cells.removeFirst(cells.count - Session.maximumCells)
        }
    }

    /// Notes a line that is not a command: a comment joins the comment entry the transcript ends with
    /// when no command started since (or starts one); a blank line separates paragraphs of a comment
    /// and is dropped elsewhere.
    func note(_ line: String) {
        let text = line.trimmingCharacters(in: .whitespaces)
        let blank = text.isEmpty
        guard blank || text.hasPrefix("#") else { return }
        if blank {
            guard pendingComments.last?.isEmpty == false else { return }
        }
        let continues = !pendingComments.isEmpty
        pendingComments.append(text)
        if continues, let last = cells.last, last.kind == .comment {
            cells[cells.count - 1].source += "\n" + text
        } else if !blank {
            record(TranscriptCell(comment: [text]))
        }
    }

    /// The comments seen since the last command, trailing blank lines dropped; none are pending after.
    func takeComments() -> [String] {
        defer { pendingComments = [] }
        return Array(pendingComments.reversed().drop { $0.isEmpty }.reversed())
    }
}
