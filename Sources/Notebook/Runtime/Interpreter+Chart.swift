import NeuralNet

// `chart METRIC models=a,b,c`: several models on one chart per split.
extension Interpreter {
    /// One chart of the training values per epoch and, when any model validated, one of the
    /// validation values: one series (colour, dash pattern, legend entry) per model, in the
    /// order named. `smooth` smooths every series; models without a finished epoch are
    /// named in a note.
    func compareChart(_ spec: Chart) throws -> [OutputBlock] {
        let models = try chartedModels(spec.models)
        let metric = spec.metric.value
        let smooth = spec.smooth.value
        var train: [ChartBlock.Series] = []
        var validation: [ChartBlock.Series] = []
        var left: [String] = []
        for (name, m) in models {
            let history = m.trainer?.history ?? []
            let values = history.map { r in metric.recordName.map { r.metrics[$0] ?? .nan } ?? r.loss }
            guard values.contains(where: \.isFinite) else {
                left.append(name)
                continue
            }
            let checked = history.map { r in metric.recordName.map { r.validationMetrics[$0] } ?? r.validationLoss }
            train.append(ChartBlock.Series(name: name, values: smooth > 0 ? smoothed(values, smooth) : values))
            if checked.contains(where: { $0 != nil }) {
                let values = checked.map { $0 ?? .nan }
                validation.append(ChartBlock.Series(name: name, values: smooth > 0 ? smoothed(values, smooth) : values))
            }
        }
        let what = metric.rawValue
        var notes: [OutputBlock] = []
        if !left.isEmpty {
            let why = metric == .loss ? "no finished epoch yet" : "no \(what) per epoch (compile with metrics=\(what))"
            notes.append(.text("left out (\(why)): " + left.joined(separator: ", "), style: .note))
        }
        guard !train.isEmpty else {
            return notes + [.text("nothing to chart yet - train the models with `train` first", style: .note)]
        }
        let smoothing = smooth > 0 ? ", smoothed \(spec.smooth.text)" : ""
        let log = spec.log?.value ?? false
        var blocks = [OutputBlock.chart(ChartBlock(title: "training \(what) per epoch\(smoothing)", xLabel: "epoch",
                                                   series: train, logScale: log))]
        if !validation.isEmpty {
            blocks.append(.chart(ChartBlock(title: "validation \(what) per epoch\(smoothing)", xLabel: "epoch",
                                            series: validation, logScale: log)))
        }
        return blocks + notes
    }

    /// The models a `models=` list names (by their bound names), in order and without repeats;
    /// `all` (unless a model is called that) means every model, sorted by name.
    func chartedModels(_ names: [Located<String>]) throws -> [(name: String, entry: ModelEntry)] {
        let known = session.models.keys.sorted()
        var result: [(name: String, entry: ModelEntry)] = []
        func add(_ key: String) {
            guard let m = session.models[key], !result.contains(where: { $0.name == key }) else { return }
            result.append((key, m))
        }
        for name in names {
            if name.value.lowercased() == "all", session.models[name.value] == nil {
                known.forEach(add)
                continue
            }
            guard session.models[name.value] != nil else { throw unknownModel(name, known: known) }
            add(name.value)
        }
        return result
    }

    private func unknownModel(_ name: Located<String>, known: [String]) -> NotebookError {
        if session.datasets[name.value] != nil {
            return NotebookError("'\(name.value)' is a data set, not a model", at: name.range,
                                 hint: known.isEmpty ? "make a model with `model`" : "models are " + known.joined(separator: ", "))
        }
        let near = Suggestions.best(for: name.value, among: known).map { "did you mean '\($0)'?" }
        let listing = known.isEmpty ? "no model is bound yet: name one with `=`, e.g. `plain = model`"
            : "models are " + known.joined(separator: ", ") + ", or all"
        return NotebookError("no model named '\(name.value)'", at: name.range, hint: near ?? listing)
    }
}
