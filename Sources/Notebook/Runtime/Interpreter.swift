import Foundation
import TensorRuntime
import Datasets
import NeuralNet

/// Runs statements against a `Session`: the context every command entry receives (the session, the
/// monitor, the output stream). Each command returns output blocks; long commands also stream
/// progress through `emit` as they go. A command that fails throws a `NotebookError` and leaves the
/// session as it was (training stopped by a NaN loss keeps the updates of the batches before it).
public final class Interpreter {
    public internal(set) var session: Session
    /// Live output while a command runs (progress bars, one line per finished epoch).
    public var emit: (OutputBlock) -> Void = { _ in }
    /// When set, `step` and `train` run at most this many epochs (for quick runs of prepared sessions).
    public var epochsMax: Int?
    /// When set, data sets load at most this many training images (and a fifth as many test images).
    public var subsetMax: Int?
    /// A front end draws the watched heat map between epochs (`SessionRunner.Options.livePanel`); without
    /// one, `watch attention every=N` computes the map at epoch ends only, where it is printed.
    public var livePanel = false
    /// Set by `quit`.
    public internal(set) var quitRequested = false
    /// The `expect` lines run so far that held and failed (a run's outcome reports the ones of its lines).
    public internal(set) var expectations = ExpectationTally()
    /// Called on this (the worker) thread at each epoch end of `train` and `step`, with the trainer's epoch
    /// finished and nothing of it in flight: the session runner runs the inspection lines typed meanwhile
    /// (`SessionRunner.interject`). Whatever it does must leave training as it was.
    public var betweenEpochs: (Interpreter) -> Void = { _ in }
    /// True while `train` or `step` runs: lines run between epochs may then only inspect.
    public internal(set) var isTraining = false
    /// What `save session` records for the command now running, when that differs from its source:
    /// a stopped `train` or `step` logs the epochs and batches it actually ran (see `replayLines`).
    var replayedAs: [String]?
    /// Files being run by `run`, innermost last (to refuse cycles).
    var runStack: [String] = []
    /// Where training, evaluation and loading publish progress; every trainer of the session reports here.
    public let monitor: TrainingMonitor
    /// The one stop request: every trainer of the session reads it (the session runner sets and clears it).
    public let stop: StopFlag
    /// Where `watch attention` publishes its heat map for the live panel.
    public let watched: WatchedAttention
    /// The notebook's cells as sources, for `save notebook`.
    public let notebook: NotebookCells

    public init(session: Session = Session(), monitor: TrainingMonitor = TrainingMonitor(), stop: StopFlag = StopFlag(),
                watched: WatchedAttention = WatchedAttention(), notebook: NotebookCells = NotebookCells()) {
        self.session = session
        self.monitor = monitor
        self.stop = stop
        self.watched = watched
        self.notebook = notebook
    }

    /// Parses and executes one line. Blank and comment lines change nothing but are noted (``note(_:)``).
    public func execute(line: String, lineNumber: Int = 1) throws -> [OutputBlock] {
        switch Parser.parseLine(line, lineNumber: lineNumber) {
        case .failure(let d):
            forgetComments()
            throw d
        case .success(nil):
            note(line)
            return []
        case .success(let s?): return try execute(s)
        }
    }

    /// Notes a line that holds no command: a comment (`# ...`) becomes prose of the transcript (`save
    /// transcript`) and is written by `save session` above the next command when that one is kept; a
    /// blank line between comments separates their paragraphs. Other lines are ignored.
    public func note(_ line: String) {
        session.note(line)
    }

    /// Drops the comments noted since the last command (a line that did not parse: they explained it,
    /// so `save session` must not write them above the next one). The transcript keeps them.
    public func forgetComments() {
        session.pendingComments = []
    }

    /// Executes one parsed statement.
    /// Every command's blocks (streamed and returned) are kept in `session.cells` for `save transcript`;
    /// the comments noted since the last command go with its line into `save session` when it is kept.
    public func execute(_ s: Statement) throws(NotebookError) -> [OutputBlock] {
        var streamed: [OutputBlock] = []
        let outer = emit
        emit = { block in
            // Transient blocks (progress, a stream before its end) are not kept in the transcript.
            switch block {
            case .progress: break
            case .stream(let s) where !s.done: break
            default: streamed.append(block)
            }
            outer(block)
        }
        defer { emit = outer }
        let comments = session.takeComments()
        do {
            replayedAs = nil
            let blocks = try dispatch(s)
            if s.effect.isReplayed {
                let lines = replayedAs ?? [s.source]
                session.replay += lines.enumerated().map { ReplayLine(line: $1, comments: $0 == 0 ? comments : []) }
            }
            replayedAs = nil
            session.record(TranscriptCell(source: s.source, blocks: streamed + blocks))
            return blocks
        } catch {
            let failure = NotebookError(error, at: s.verbRange)
            session.record(TranscriptCell(source: s.source, blocks: streamed + [.text(failure.rendered(), style: .error)]))
            throw failure
        }
    }

    /// Checks and runs one statement through its command entry: the binding, the model-data fit of commands
    /// that run the model and the memory of the examples they run at once, the entry's own check (all before anything changes), then its run.
    private func dispatch(_ s: Statement) throws -> [OutputBlock] {
        let entry = type(of: s.command)
        if let binding = s.binding, !entry.canBind {
            throw NotebookError("only `model` and `load` produce something to name", at: binding.range)
        }
        if entry.runsModel {
            try ModelFit.checkRun(s.command, session, at: s.verbRange)
        }
        try s.command.check(session, at: s.verbRange)
        return try s.command.run(self, s)
    }

    // MARK: - Current things

    func requireData(at range: SourceRange) throws -> DataEntry {
        guard let d = session.data else {
            throw NotebookError("no data set is loaded", at: range, hint: "load one first, e.g. `load shapes` or `load fashion-mnist`")
        }
        return d
    }

    func requireModel(at range: SourceRange) throws -> ModelEntry {
        guard let m = session.modelEntry else { throw Interpreter.noModel(at: range) }
        return m
    }

    func requireTrainer(at range: SourceRange) throws -> (ModelEntry, Trainer) {
        let m = try requireModel(at: range)
        guard let t = m.trainer else {
            throw NotebookError("model '\(m.name)' is not compiled", at: range, hint: "run `compile` first, e.g. `compile optimizer=adam lr=1e-3`")
        }
        guard !m.model.layers.isEmpty else { throw NotebookError("model '\(m.name)' has no layers", at: range, hint: "add layers, e.g. `dense 10 softmax`") }
        return (m, t)
    }

    /// The 0-based index of a layer given by 1-based position or name.
    func layerIndex(_ ref: Located<LayerRef>, in model: NeuralNet.Sequential, allowEnd: Bool = false) throws -> Int {
        switch ref.value {
        case .index(let i):
            let upper = model.layers.count + (allowEnd ? 1 : 0)
            guard i >= 1 && i <= upper else {
                throw NotebookError("layer \(i) does not exist: the model has \(model.layers.count) layer\(model.layers.count == 1 ? "" : "s")",
                                    at: ref.range, hint: model.layers.isEmpty ? "add layers first" : "use 1...\(upper) or a name such as '\(model.layers[0].name)'")
            }
            return i - 1
        case .name(let n):
            guard let i = model.layers.firstIndex(where: { $0.name == n }) else {
                let names = model.layers.map(\.name)
                let near = Suggestions.best(for: n, among: names).map { "did you mean '\($0)'?" }
                throw NotebookError("no layer named '\(n)'", at: ref.range,
                                    hint: near ?? (names.isEmpty ? "the model has no layers yet" : "layers are " + names.joined(separator: ", ")))
            }
            return i
        }
    }

    /// The examples of the split a command's `from=` or `on=` names, whatever kind of data is loaded: the
    /// one split function every command that reads a split goes through.
    func examples(_ entry: DataEntry, _ split: Located<DataSplit>) throws -> any TrainingData {
        guard let examples = entry.source.examples(split.value) else {
            throw NotebookError("data set '\(entry.name)' has no \(split.value.rawValue) split", at: split.range,
                                hint: entry.source.hint(forMissing: split.value))
        }
        return examples
    }

    /// The pictures of a data set, for commands that work on images only; others are told by name.
    func images(_ entry: DataEntry, for command: String, at range: SourceRange) throws -> ImageSplits {
        guard let images = entry.images else {
            throw NotebookError("\(command) works on images; '\(entry.name)' holds \(entry.source.kind)", at: range,
                                hint: "load pictures first, e.g. `load fashion-mnist` or `load images DIR`")
        }
        return images
    }

    /// The pictures of a split, for commands that work on images only.
    func imageSplit(_ entry: DataEntry, _ split: Located<DataSplit>, for command: String, at range: SourceRange) throws -> ImageDataset {
        let images = try images(entry, for: command, at: range)
        guard let set = images.images(split.value) else {
            throw NotebookError("data set '\(entry.name)' has no \(split.value.rawValue) split", at: split.range,
                                hint: images.hint(forMissing: split.value))
        }
        return set
    }

    /// The error for a command that needs a model when there is none.
    static func noModel(at range: SourceRange) -> NotebookError {
        NotebookError("no model yet", at: range, hint: "start one with `model`, then add layers such as `dense 10 softmax`")
    }
}
