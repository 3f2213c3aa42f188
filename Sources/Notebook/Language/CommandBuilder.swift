import NeuralNet

// Builds typed `Command` values from checked catalog arguments.

enum CommandBuilder {
    static func build(_ spec: CommandSpec, _ a: Arguments) throws(Diagnostic) -> Command {
        switch spec.id {
        // Environment
        case .seed:
            return .seed(try a.required(a.int("seed"), "seed"))
        case .threads:
            return .threads(try a.required(a.int("count"), "count"))
        case .quit:
            return .quit

        // Data
        case .loadFashionMNIST:
            return .load(.fashionMNIST(dir: a.text("dir"), subset: a.int("subset")))
        case .loadIDX:
            return .load(.idx(dir: try a.required(a.text("dir"), "dir"), subset: a.int("subset")))
        case .loadShapes:
            return .load(.shapes(ShapesSpec(count: try a.required(a.int("count"), "count"),
                                            classes: try a.required(a.int("classes"), "classes"),
                                            size: try a.required(a.int("size"), "size"),
                                            noise: try a.required(a.number("noise"), "noise"),
                                            seed: a.int("seed"))))
        case .loadImages, .makeFashionPNG, .makeShapesRGB, .augment, .showAugment:
            return try images(spec, a)
        case .loadSequences, .showAttention, .watchAttention, .watchOff:
            return try attention(spec, a)
        case .split:
            return .split(validation: try a.required(a.number("validation"), "validation"))
        case .batch:
            return .batch(size: try a.required(a.int("size"), "size"))
        case .shuffle:
            return .shuffle(try a.required(a.bool("enabled"), "enabled"))
        case .info:
            return .info(name: a.text("name"))
        case .showSamples:
            return .showSamples(ShowSamplesSpec(count: try a.required(a.int("count"), "count"),
                                                from: try a.required(a.word("from", as: DataSplit.self), "from")))
        case .use:
            return .use(name: try a.required(a.text("name"), "name"))

        // Model
        case .model:
            return .model(ModelSpec(input: a.shape("input"), name: a.text("name")))
        case .remove:
            return .remove(try a.required(a.layer("layer"), "layer"))
        case .freeze:
            return .freeze(try a.required(a.layer("layer"), "layer"))
        case .unfreeze:
            return .unfreeze(try a.required(a.layer("layer"), "layer"))
        case .summary:
            return .summary

        // Training
        case .compile:
            return .compile(try compile(a))
        case .set:
            guard !a.values.isEmpty else {
                throw Diagnostic(.needsOption(command: spec.name, example: spec.example), at: SourceRange(at: a.anchor.end))
            }
            return .set(SetSpec(learningRate: a.number("lr"), momentum: a.number("momentum"),
                                optimizer: a.word("optimizer", as: OptimizerKind.self),
                                weightDecay: a.number("weight_decay"), batch: a.int("batch")))
        case .train:
            return .train(TrainSpec(epochs: try a.required(a.int("epochs"), "epochs"),
                                    earlyStop: a.int("early_stop"),
                                    monitor: try a.required(a.word("monitor", as: Monitor.self), "monitor"),
                                    checkpoint: a.text("checkpoint")))
        case .evaluate:
            return .evaluate(on: try a.required(a.word("on", as: DataSplit.self), "on"))
        case .predict:
            let file = a.text("index")
            return .predict(PredictSpec(index: file == nil ? try a.required(a.int("index"), "index") : nil, file: file,
                                        from: try a.required(a.word("from", as: DataSplit.self), "from"),
                                        top: try a.required(a.int("top"), "top")))
        case .confusion:
            return .confusion(on: try a.required(a.word("on", as: DataSplit.self), "on"))
        case .history:
            return .history

        // Inspection
        case .stats:
            return .stats(StatsSpec(kind: try a.required(a.word("kind", as: StatsKind.self), "kind"), layer: a.layer("layer")))
        case .showWeights:
            return .showWeights(layer: try a.required(a.layer("layer"), "layer"), units: try a.required(a.int("units"), "units"))
        case .showFilters:
            return .showFilters(layer: try a.required(a.layer("layer"), "layer"))
        case .showErrors:
            return .showErrors(ShowErrorsSpec(count: try a.required(a.int("count"), "count"),
                                              from: try a.required(a.word("from", as: DataSplit.self), "from")))
        case .showSaliency, .showGradCAM:
            return try interpret(spec, a)
        case .export:
            return .export(ExportSpec(what: try a.required(a.word("what", as: ExportKind.self), "what"),
                                      file: try a.required(a.text("file"), "file"), scale: a.int("scale"),
                                      width: try a.required(a.int("width"), "width"),
                                      height: try a.required(a.int("height"), "height")))
        case .showActivations:
            return .showActivations(ShowActivationsSpec(layer: try a.required(a.layer("layer"), "layer"),
                                                        sample: try a.required(a.int("sample"), "sample")))
        case .chart:
            let models = (a.values["models"] ?? []).compactMap { v -> Located<String>? in
                guard case .text(let name) = v.value else { return nil }
                return v.map { _ in name }
            }
            return .chart(ChartSpec(metric: try a.required(a.word("metric", as: ChartMetric.self), "metric"),
                                    smooth: try a.required(a.number("smooth"), "smooth"),
                                    models: models, log: a.bool("log")))

        case .profile:
            return .profile(ProfileSpec(batch: a.int("batch"), steps: try a.required(a.int("steps"), "steps")))

        // Persistence
        case .saveWeights:
            return .saveWeights(path: try a.required(a.text("path"), "path"))
        case .loadWeights:
            return .loadWeights(path: try a.required(a.text("path"), "path"))
        case .saveSession:
            return .saveSession(path: try a.required(a.text("path"), "path"))
        case .saveTranscript:
            return .saveTranscript(path: try a.required(a.text("path"), "path"))
        case .run:
            return .run(path: try a.required(a.text("path"), "path"))

        // Parsed by their own grammar methods.
        case .help, .step, .insert, .replace, .layer:
            throw Diagnostic(.unexpectedToken(spec.name), at: a.anchor)
        }
    }

    private static func compile(_ a: Arguments) throws(Diagnostic) -> CompileSpec {
        let schedule = try a.required(a.word("schedule", as: ScheduleKind.self), "schedule")
        // Schedule-specific keys only make sense with their schedule.
        let needs: [(key: String, schedule: ScheduleKind)] = [
            ("step_size", .step), ("gamma", .step), ("epochs", .cosine), ("patience", .plateau), ("factor", .plateau),
        ]
        for (key, required) in needs where schedule.value != required {
            if let keyRange = a.keyRanges[key] {
                throw Diagnostic(.optionNotApplicable(key: key, requirement: "schedule=\(required.rawValue)"), at: keyRange)
            }
        }
        let metrics = a.words("metrics", as: NeuralNet.Metric.self)
        // Each metric is one column of the history: a repeat is an error.
        for (i, metric) in metrics.enumerated() {
            if let first = metrics[..<i].first(where: { $0.value == metric.value }) {
                throw Diagnostic(.duplicateValue(key: "metrics", value: metric.text, first: first.location), at: metric.range)
            }
        }
        return CompileSpec(
            loss: try a.required(a.word("loss", as: NeuralNet.Loss.self), "loss"),
            optimizer: try a.required(a.word("optimizer", as: OptimizerKind.self), "optimizer"),
            learningRate: a.number("lr"),
            momentum: try a.required(a.number("momentum"), "momentum"),
            nesterov: try a.required(a.bool("nesterov"), "nesterov"),
            weightDecay: try a.required(a.number("weight_decay"), "weight_decay"),
            metrics: metrics,
            schedule: schedule,
            cosineEpochs: schedule.value == .cosine ? a.int("epochs") : nil,
            stepSize: schedule.value == .step ? a.int("step_size") : nil,
            gamma: schedule.value == .step ? a.number("gamma") : nil,
            patience: schedule.value == .plateau ? a.int("patience") : nil,
            factor: schedule.value == .plateau ? a.number("factor") : nil)
    }

    /// A layer line: the registry entry plus every parameter's checked value
    /// (defaults applied).
    static func layer(_ entry: LayerEntry, _ a: Arguments, word: Located<String>, range: SourceRange,
                      source: String) -> LayerSpec {
        var values: [(name: String, value: Located<ArgumentValue>)] = []
        for parameter in entry.parameters {
            if let value = a.value(parameter.name) { values.append((parameter.name, value)) }
        }
        return LayerSpec(entry: entry, word: word, range: range, source: source,
                         arguments: LayerArguments(layer: entry.word, values: values))
    }
}
