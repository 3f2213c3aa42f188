import Foundation
import TensorRuntime
import Datasets
import NeuralNet

/// Runs statements against a `Session`. Each command returns output blocks; long commands also stream
/// progress through `emit` as they go. A command that fails throws a `NotebookError` and leaves the
/// session as it was (training stopped by a NaN loss keeps the updates of the batches before it).
public final class Interpreter {
    public let session: Session
    /// Live output while a command runs (progress bars, one line per finished epoch).
    public var emit: (OutputBlock) -> Void = { _ in }
    /// When set, `step` and `train` run at most this many epochs (for quick runs of prepared sessions).
    public var epochsMax: Int?
    /// When set, data sets load at most this many training images (and a fifth as many test images).
    public var subsetMax: Int?
    /// Set by `quit`.
    public private(set) var quitRequested = false
    /// Files being run by `run`, innermost last (to refuse cycles).
    var runStack: [String] = []
    /// Where training, evaluation and loading publish progress; every trainer of the session reports here.
    public let monitor: TrainingMonitor
    /// The one stop request: every trainer of the session reads it (the session runner sets and clears it).
    public let stop: StopFlag
    /// Where `watch attention` publishes its heat map for the live panel.
    public let watched: WatchedAttention

    public init(session: Session = Session(), monitor: TrainingMonitor = TrainingMonitor(), stop: StopFlag = StopFlag(),
                watched: WatchedAttention = WatchedAttention()) {
        self.session = session
        self.monitor = monitor
        self.stop = stop
        self.watched = watched
    }

    /// Parses and executes one line. Blank and comment lines do nothing.
    public func execute(line: String, lineNumber: Int = 1) throws -> [OutputBlock] {
        switch Parser.parseLine(line, lineNumber: lineNumber) {
        case .failure(let d): throw d
        case .success(nil): return []
        case .success(let s?): return try execute(s)
        }
    }

    /// Executes one parsed statement.
    /// Every command's blocks (streamed and returned) are kept in `session.cells` for `save transcript`.
    public func execute(_ s: Statement) throws(NotebookError) -> [OutputBlock] {
        var streamed: [OutputBlock] = []
        let outer = emit
        emit = { block in
            if case .progress = block {} else { streamed.append(block) }
            outer(block)
        }
        defer { emit = outer }
        do {
            let blocks = try dispatch(s)
            if Interpreter.isLogged(s.command) { session.log.append(s.source) }
            session.record(TranscriptCell(source: s.source, blocks: streamed + blocks))
            return blocks
        } catch {
            let failure = NotebookError(error, at: s.verbRange)
            session.record(TranscriptCell(source: s.source, blocks: streamed + [.text(failure.rendered(), style: .error)]))
            throw failure
        }
    }

    private func dispatch(_ s: Statement) throws -> [OutputBlock] {
        if let binding = s.binding, !s.command.isBindable {
            throw NotebookError("only `model` and `load` produce something to name", at: binding.range)
        }
        try checkModelFitsData(for: s.command, at: s.verbRange)
        switch s.command {
        case .seed(let n):
            guard n.value >= 0 else { throw NotebookError("seed must not be negative", at: n.range) }
            session.seed = UInt64(n.value)
            return [.text("seed \(n.value)", style: .note)]
        case .threads(let n):
            ThreadPool.shared.setThreadCount(n.value)
            return [.text("using \(ThreadPool.shared.threadCount) thread\(n.value == 1 ? "" : "s")", style: .note)]
        case .help(let topic):
            return [.text(Help.lines(for: topic?.value).joined(separator: "\n"))]
        case .quit:
            quitRequested = true
            return []
        case .load(let spec):
            // Loading reads and decodes whole files: a watcher sees it start and end.
            let label: String
            switch spec {
            case .fashionMNIST: label = "load fashion-mnist"
            case .idx: label = "load idx"
            case .shapes: label = "load shapes"
            case .images: label = "load images"
            case .sequences: label = "load sequences"
            }
            monitor.publish(.task(TaskProgress(label: label, done: 0, total: 1)))
            defer { monitor.publish(.task(TaskProgress(label: label, done: 1, total: 1))) }
            return try load(spec, binding: s.binding, at: s.verbRange)
        case .split(let f): return try split(f)
        case .batch(let n):
            session.batchSize = n.value
            session.modelEntry?.trainer?.batchSize = n.value
            return [.text("batch size \(n.value)", style: .note)]
        case .shuffle(let on):
            session.shuffle = on.value
            session.modelEntry?.trainer?.shuffle = on.value
            return [.text("shuffle \(on.value ? "on" : "off")", style: .note)]
        case .info(let name): return try info(name, at: s.verbRange)
        case .showSamples(let spec): return try showSamples(spec, at: s.verbRange)
        case .use(let name): return try use(name)
        case .makeDataset(let spec): return try makeDataset(spec, at: s.verbRange)
        case .augment(let spec): return try augment(spec, at: s.verbRange)
        case .showAugment(let spec): return try showAugment(spec, at: s.verbRange)
        case .model(let spec): return try makeModel(spec, binding: s.binding, at: s.verbRange)
        case .layer(let spec): return try addLayer(spec, at: s.verbRange)
        case .insert(let at, let spec): return try insertLayer(spec, at: at)
        case .remove(let ref): return try removeLayer(ref)
        case .replace(let ref, let spec): return try replaceLayer(ref, with: spec)
        case .freeze(let ref): return try setFrozen(ref, true)
        case .unfreeze(let ref): return try setFrozen(ref, false)
        case .summary: return [try summaryBlock(at: s.verbRange)]
        case .compile(let spec): return try compile(spec, at: s.verbRange)
        case .set(let spec): return try set(spec, at: s.verbRange)
        case .step(let amount): return try step(amount, at: s.verbRange)
        case .train(let spec): return try train(spec, at: s.verbRange)
        case .evaluate(let on): return try evaluate(on, at: s.verbRange)
        case .predict(let spec): return try predict(spec, at: s.verbRange)
        case .confusion(let on): return try confusion(on, at: s.verbRange)
        case .history: return try history(at: s.verbRange)
        case .stats(let spec): return try stats(spec, at: s.verbRange)
        case .showWeights(let ref, let units): return try showWeights(ref, units: units.value)
        case .showFilters(let ref): return try showFilters(ref)
        case .showErrors(let spec): return try showErrors(spec, at: s.verbRange)
        case .export(let spec): return try export(spec, at: s.verbRange)
        case .showAttention(let spec): return try showAttention(spec, at: s.verbRange)
        case .watch(let spec): return try watch(spec, at: s.verbRange)
        case .showAttribution(let spec): return try showAttribution(spec, at: s.verbRange)
        case .showActivations(let spec): return try showActivations(spec)
        case .chart(let spec): return try chart(spec, at: s.verbRange)
        case .profile(let spec): return try profile(spec, at: s.verbRange)
        case .saveWeights(let path): return try saveWeights(path, at: s.verbRange)
        case .loadWeights(let path): return try loadWeights(path, at: s.verbRange)
        case .saveSession(let path): return try saveSession(path)
        case .saveTranscript(let path): return try saveTranscript(path)
        case .run(let path): return try runFile(path)
        }
    }

    /// Commands whose lines rebuild state when a saved session is replayed.
    static func isLogged(_ c: Command) -> Bool {
        switch c {
        case .seed, .threads, .load, .split, .batch, .shuffle, .use, .model, .makeDataset, .augment, .layer, .insert, .remove, .replace,
             .freeze, .unfreeze, .compile, .set, .step, .train, .loadWeights:
            return true
        default:
            return false
        }
    }


    // MARK: - Current things

    func requireData(at range: SourceRange) throws -> DataEntry {
        guard let d = session.data else {
            throw NotebookError("no data set is loaded", at: range, hint: "load one first, e.g. `load shapes` or `load fashion-mnist`")
        }
        return d
    }

    func requireModel(at range: SourceRange) throws -> ModelEntry {
        guard let m = session.modelEntry else {
            throw NotebookError("no model yet", at: range, hint: "start one with `model`, then add layers such as `dense 10 softmax`")
        }
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

    func dataSplit(_ entry: DataEntry, _ split: Located<DataSplit>) throws -> ImageDataset {
        switch split.value {
        case .train: return entry.train
        case .test:
            guard let t = entry.test else { throw NotebookError("data set '\(entry.name)' has no test split", at: split.range, hint: "use from=train") }
            return t
        case .validation:
            guard let v = entry.validation else {
                throw NotebookError("data set '\(entry.name)' has no validation split", at: split.range, hint: "make one with `split validation=0.1`")
            }
            return v
        }
    }
}
