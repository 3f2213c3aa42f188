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
                                optimizer: a.word("optimizer", as: Optimizer.self),
                                weightDecay: a.number("weight_decay"), batch: a.int("batch")))
        case .train:
            return .train(TrainSpec(epochs: try a.required(a.int("epochs"), "epochs"),
                                    earlyStop: a.int("early_stop"),
                                    monitor: try a.required(a.word("monitor", as: Monitor.self), "monitor"),
                                    checkpoint: a.text("checkpoint")))
        case .evaluate:
            return .evaluate(on: try a.required(a.word("on", as: DataSplit.self), "on"))
        case .predict:
            return .predict(PredictSpec(index: try a.required(a.int("index"), "index"),
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
            return .showWeights(layer: try a.required(a.layer("layer"), "layer"))
        case .showFilters:
            return .showFilters(layer: try a.required(a.layer("layer"), "layer"))
        case .showActivations:
            return .showActivations(ShowActivationsSpec(layer: try a.required(a.layer("layer"), "layer"),
                                                        sample: try a.required(a.int("sample"), "sample")))
        case .chart:
            return .chart(ChartSpec(metric: try a.required(a.word("metric", as: ChartMetric.self), "metric"),
                                    smooth: try a.required(a.number("smooth"), "smooth")))

        // Persistence
        case .saveWeights:
            return .saveWeights(path: try a.required(a.text("path"), "path"))
        case .loadWeights:
            return .loadWeights(path: try a.required(a.text("path"), "path"))
        case .saveSession:
            return .saveSession(path: try a.required(a.text("path"), "path"))
        case .run:
            return .run(path: try a.required(a.text("path"), "path"))

        // Parsed by their own grammar methods.
        case .help, .step, .insert, .replace,
             .conv2d, .maxpool, .avgpool, .globalavgpool, .dense, .dropout, .flatten, .reshape,
             .batchnorm, .layernorm, .activation, .embedding:
            throw Diagnostic(.unexpectedToken(spec.name), at: a.anchor)
        }
    }

    private static func compile(_ a: Arguments) throws(Diagnostic) -> CompileSpec {
        let schedule = try a.required(a.word("schedule", as: Schedule.self), "schedule")
        // Schedule-specific keys only make sense with their schedule.
        let needs: [(key: String, schedule: Schedule)] = [
            ("step_size", .step), ("gamma", .step), ("patience", .plateau), ("factor", .plateau),
        ]
        for (key, required) in needs where schedule.value != required {
            if let keyRange = a.keyRanges[key] {
                throw Diagnostic(.optionNotApplicable(key: key, requirement: "schedule=\(required.rawValue)"), at: keyRange)
            }
        }
        return CompileSpec(
            loss: try a.required(a.word("loss", as: Loss.self), "loss"),
            optimizer: try a.required(a.word("optimizer", as: Optimizer.self), "optimizer"),
            learningRate: try a.required(a.number("lr"), "lr"),
            momentum: try a.required(a.number("momentum"), "momentum"),
            nesterov: try a.required(a.bool("nesterov"), "nesterov"),
            weightDecay: try a.required(a.number("weight_decay"), "weight_decay"),
            metrics: a.words("metrics", as: Metric.self),
            schedule: schedule,
            stepSize: schedule.value == .step ? a.int("step_size") : nil,
            gamma: schedule.value == .step ? a.number("gamma") : nil,
            patience: schedule.value == .plateau ? a.int("patience") : nil,
            factor: schedule.value == .plateau ? a.number("factor") : nil)
    }

    static func layer(_ spec: CommandSpec, _ a: Arguments, word: Located<String>, range: SourceRange,
                      source: String) throws(Diagnostic) -> LayerSpec {
        guard let kind = LayerKind(rawValue: spec.verb) else {
            throw Diagnostic(.unknownLayer(word.text, suggestion: nil), at: word.range)
        }
        var layer = LayerSpec(kind: kind, word: word, range: range, source: source)
        layer.name = a.text("name")
        switch kind {
        case .conv2d:
            layer.filters = try a.required(a.int("filters"), "filters")
            layer.kernel = try a.required(a.int("kernel"), "kernel")
            layer.activation = a.word("activation", as: Activation.self)
            layer.stride = a.int("stride")
            layer.padding = a.word("padding", as: Padding.self)
            layer.initializer = a.word("init", as: Initializer.self)
            layer.l1 = a.number("l1")
            layer.l2 = a.number("l2")
        case .maxPool, .avgPool:
            let size = try a.required(a.int("size"), "size")
            layer.poolSize = size
            // The stride defaults to the window size.
            layer.stride = a.int("stride") ?? Located(size.value, range: size.range, text: size.text, isDefault: true)
        case .globalAvgPool, .flatten:
            break
        case .dense:
            layer.units = try a.required(a.int("units"), "units")
            layer.activation = a.word("activation", as: Activation.self)
            layer.initializer = a.word("init", as: Initializer.self)
            layer.l1 = a.number("l1")
            layer.l2 = a.number("l2")
        case .dropout:
            layer.rate = try a.required(a.number("rate"), "rate")
        case .reshape:
            layer.shape = try a.required(a.shape("shape"), "shape")
        case .batchNorm:
            layer.momentum = a.number("momentum")
            layer.epsilon = a.number("epsilon")
        case .layerNorm:
            layer.epsilon = a.number("epsilon")
        case .activation:
            layer.activation = try a.required(a.word("activation", as: Activation.self), "activation")
        case .embedding:
            layer.vocabulary = try a.required(a.int("vocab"), "vocab")
            layer.dimension = try a.required(a.int("dim"), "dim")
        }
        return layer
    }
}
