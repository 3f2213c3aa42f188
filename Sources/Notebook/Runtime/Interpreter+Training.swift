import Foundation
import TensorRuntime
import Datasets
import NeuralNet

extension Interpreter {
    func compile(_ spec: CompileSpec, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        guard !m.model.layers.isEmpty else { throw NotebookError("model '\(m.name)' has no layers", at: range, hint: "add layers first, e.g. `dense 10 softmax`") }
        if let d = session.data, d.train.sampleShape != m.model.inputShape {
            throw NotebookError("model '\(m.name)' takes \(ModelSummary.describe(m.model.inputShape)) but '\(d.name)' has images of \(ModelSummary.describe(d.train.sampleShape))",
                                at: range, hint: "start a model for this data with `model`, or `use` the data set it was made for")
        }
        let loss = NeuralNet.Loss(rawValue: spec.loss.value.rawValue)!
        let outputs = m.model.outputShape
        guard outputs.count == 1 else {
            throw NotebookError("the model's output \(ModelSummary.describe(outputs)) is not a vector of class scores", at: range,
                                hint: "end the model with `flatten` and `dense CLASSES softmax`")
        }
        if let classes = session.data?.classNames.count, loss != .binary_crossentropy || outputs[0] != 1, loss != .mse, loss != .mae, outputs[0] != classes {
            throw NotebookError("the model has \(outputs[0]) outputs but '\(session.data!.name)' has \(classes) classes", at: spec.loss.range,
                                hint: "make the last layer `dense \(classes) softmax`")
        }
        let optimizer = OptimizerConfig(kind: OptimizerKind(rawValue: spec.optimizer.value.rawValue)!,
                                        learningRate: spec.learningRate.isDefault ? nil : Float(spec.learningRate.value),
                                        momentum: Float(spec.momentum.value), nesterov: spec.nesterov.value,
                                        weightDecay: spec.weightDecay.isDefault ? nil : Float(spec.weightDecay.value))
        var metrics: [NeuralNet.Metric] = []
        for metric in spec.metrics {
            guard let mm = NeuralNet.Metric(name: metric.value.rawValue) else { throw NotebookError("unknown metric '\(metric.text)'", at: metric.range) }
            metrics.append(mm)
        }
        let schedule: NeuralNet.Schedule?
        switch spec.schedule.value {
        case .none: schedule = nil
        case .step: schedule = .step(stepSize: spec.stepSize?.value ?? 10, gamma: Float(spec.gamma?.value ?? 0.1))
        case .cosine: schedule = .cosine(epochs: max(epochsMax ?? 10, 1), minFactor: 0)
        case .plateau: schedule = .plateau(patience: spec.patience?.value ?? 3, factor: Float(spec.factor?.value ?? 0.1), minLearningRate: 0)
        }
        let trainer = Trainer(model: m.model, loss: loss, optimizer: optimizer, metrics: metrics, batchSize: session.batchSize,
                              schedule: schedule, seed: session.seed)
        trainer.shuffle = session.shuffle
        m.trainer = trainer
        let lr = optimizer.effectiveLearningRate
        return [.text("compiled '\(m.name)': \(optimizer.kind.rawValue) lr=\(format(Double(lr))), \(loss.rawValue), batch \(session.batchSize)", style: .success)]
    }

    func set(_ spec: SetSpec, at range: SourceRange) throws -> [OutputBlock] {
        let (_, t) = try requireTrainer(at: range)
        var changes: [String] = []
        if let b = spec.batch { t.batchSize = b.value; session.batchSize = b.value; changes.append("batch \(b.value)") }
        if spec.optimizer != nil || spec.momentum != nil || spec.weightDecay != nil {
            var config = t.optimizer.config
            if let o = spec.optimizer { config.kind = OptimizerKind(rawValue: o.value.rawValue)!; config.learningRate = nil }
            if let mo = spec.momentum { config.momentum = Float(mo.value) }
            if let wd = spec.weightDecay { config.weightDecay = Float(wd.value) }
            if let lr = spec.learningRate { config.learningRate = Float(lr.value) }
            if config.kind != t.optimizer.config.kind {
                // A new optimiser starts with fresh moments; keep the current rate unless a new one was given.
                let keep = spec.learningRate == nil && spec.optimizer == nil ? t.optimizer.learningRate : nil
                t.optimizer = NeuralNet.Optimizer(config)
                if let keep { t.optimizer.learningRate = keep }
            } else {
                t.optimizer.config = config
            }
            changes.append("optimizer \(config.kind.rawValue)")
        }
        if let lr = spec.learningRate { t.optimizer.learningRate = Float(lr.value); t.optimizer.config.learningRate = Float(lr.value); changes.append("lr \(lr.text)") }
        return [.text("set " + changes.joined(separator: ", "), style: .success)]
    }

    /// Refuses a batch whose activations would not fit in half of the machine's memory (instead of
    /// letting the system kill the process). Counts each layer's output three times (value, gradient,
    /// scratch) plus the convolutions' im2col rows.
    func checkBatchFits(_ m: ModelEntry, batch: Int, at range: SourceRange) throws {
        var floats = TensorRuntime.Shape.count(m.model.inputShape)
        var shape = m.model.inputShape
        for (layer, out) in zip(m.model.layers, m.model.outputShapes) {
            let outCount = TensorRuntime.Shape.count(out)
            floats += 3 * outCount
            if let conv = layer as? Conv2D, shape.count == 3 {
                let pixels = outCount / conv.filters, patch = conv.kernelSize * conv.kernelSize * shape[2]
                floats += pixels * patch
            }
            shape = out
        }
        let bytes = Double(floats) * 4 * Double(batch)
        let physical = Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))
        guard physical <= 0 || bytes <= physical / 2 else {
            let gb = String(format: "%.1f", bytes / 1e9)
            throw NotebookError("a batch of \(batch) would need about \(gb) GB for this model's activations", at: range,
                                hint: "use a smaller batch, e.g. `batch 32`")
        }
    }

    func step(_ amount: StepAmount, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let data = try requireData(at: range)
        try checkBatchFits(m, batch: min(t.batchSize, data.train.count), at: range)
        switch amount {
        case .epoch:
            let record = try runEpoch(t, data, at: range, total: nil)
            return record.map { [epochTable([$0], t)] } ?? []
        case .batches(let n):
            let before = t.batchLosses.count
            let record = try guarded(at: range) { try t.trainBatches(n.value, on: data.train, validation: data.epochValidation) }
            let done = t.batchLosses.count - before
            let losses = t.batchLosses.suffix(done)
            let (pos, total) = t.epochPosition(dataCount: data.train.count)
            var blocks: [OutputBlock] = [.text("\(m.name): \(done) batch\(done == 1 ? "" : "es") - loss \(format(losses.last ?? .nan)) "
                                               + "(mean \(format(losses.reduce(0, +) / Double(max(done, 1))))) - epoch \(t.epochsDone + (record == nil ? 1 : 0)) at batch \(record == nil ? pos : total)/\(total)")]
            if let record { blocks.append(epochTable([record], t)) }
            return blocks
        }
    }

    func train(_ spec: TrainSpec, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let data = try requireData(at: range)
        try checkBatchFits(m, batch: min(t.batchSize, data.train.count), at: range)
        let epochs = min(spec.epochs.value, epochsMax ?? Int.max)
        if let path = spec.checkpoint?.value { try checkWritable(path, at: spec.checkpoint!.range) }
        var records: [EpochRecord] = []
        var best = Double.infinity, sinceBest = 0
        var notes: [OutputBlock] = []
        for e in 1...max(epochs, 1) {
            guard let record = try runEpoch(t, data, at: range, total: (e, epochs)) else { break }
            records.append(record)
            let score = monitored(record, spec.monitor.value)
            if let score, score < best {
                best = score; sinceBest = 0
                if let path = spec.checkpoint?.value {
                    try guarded(at: spec.checkpoint!.range) { try Checkpoint.save(m.model, to: path, metadata: ["epoch": String(t.epochsDone)]) }
                    notes.append(.text("epoch \(record.epoch): \(spec.monitor.value.rawValue) improved to \(format(score < 0 ? -score : score)); saved \(path)", style: .note))
                }
            } else {
                sinceBest += 1
                if let patience = spec.earlyStop?.value, sinceBest >= patience {
                    notes.append(.text("early stop after epoch \(record.epoch): \(spec.monitor.value.rawValue) did not improve for \(patience) epoch\(patience == 1 ? "" : "s")", style: .warning))
                    break
                }
            }
        }
        return notes + [epochTable(records, t)]
    }

    /// The monitored quantity as something to minimise (accuracies negated); nil when not measured.
    private func monitored(_ r: EpochRecord, _ m: Monitor) -> Double? {
        switch m {
        case .loss: return r.loss
        case .accuracy: return r.metrics["accuracy"].map { -$0 }
        case .valLoss: return r.validationLoss ?? r.loss
        case .valAccuracy: return (r.validationMetrics["accuracy"] ?? r.metrics["accuracy"]).map { -$0 }
        }
    }

    /// Trains one epoch, streaming progress, then emits the epoch's line.
    private func runEpoch(_ t: Trainer, _ data: DataEntry, at range: SourceRange, total: (Int, Int)?) throws -> EpochRecord? {
        let epoch = t.epochsDone + 1
        let label = total.map { "epoch \(epoch) (\($0.0)/\($0.1))" } ?? "epoch \(epoch)"
        t.onBatch = { [emit] r in
            var suffix = "loss \(format(r.runningLoss))"
            if let acc = r.runningMetrics["accuracy"] { suffix += " - accuracy \(format(acc))" }
            suffix += " - \(Int(r.samplesPerSecond)) img/s"
            emit(.progress(ProgressBlock(fraction: Double(r.batch) / Double(max(r.batches, 1)), label: "\(label) \(r.batch)/\(r.batches)", suffix: suffix)))
        }
        defer { t.onBatch = nil }
        let record = try guarded(at: range) { try t.trainEpoch(on: data.train, validation: data.epochValidation) }
        if let record { emit(.text(epochLine(record, t), style: .normal)) }
        return record
    }

    /// Runs training, turning engine errors into notebook errors at `range`.
    @discardableResult
    func guarded<T>(at range: SourceRange, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as NotebookError { throw e } catch {
            throw NotebookError(Interpreter.message(error), at: range)
        }
    }

    /// `epoch 3 (12.4s): loss 0.4123 acc 0.8512 | val_loss 0.3512 val_acc 0.8700` (fits 80 columns).
    func epochLine(_ r: EpochRecord, _ t: Trainer) -> String {
        func short(_ name: String) -> String { name == "accuracy" ? "acc" : name }
        var line = "epoch \(r.epoch) (" + String(format: "%.1fs", r.seconds) + "): loss \(format(r.loss))"
        for m in t.metrics { if let v = r.metrics[m.name] { line += " \(short(m.name)) \(format(v))" } }
        if let vl = r.validationLoss {
            line += " | val_loss \(format(vl))"
            for m in t.metrics { if let v = r.validationMetrics[m.name] { line += " val_\(short(m.name)) \(format(v))" } }
        }
        return line
    }

    func epochTable(_ records: [EpochRecord], _ t: Trainer) -> OutputBlock {
        let names = t.metrics.map(\.name)
        let hasVal = records.contains { $0.validationLoss != nil }
        var headers = ["epoch", "loss"] + names
        if hasVal { headers += ["val_loss"] + names.map { "val_" + $0 } }
        headers += ["lr", "seconds"]
        let rows = records.map { r -> [String] in
            var row = [String(r.epoch), format(r.loss)] + names.map { r.metrics[$0].map(format) ?? "-" }
            if hasVal { row += [r.validationLoss.map(format) ?? "-"] + names.map { r.validationMetrics[$0].map(format) ?? "-" } }
            return row + [format(Double(r.learningRate)), String(format: "%.1f", r.seconds)]
        }
        return .table(TableBlock(headers: headers, rows: rows))
    }

    func history(at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        guard !t.history.isEmpty else { return [.text("'\(m.name)' has not finished an epoch yet - run `step`", style: .note)] }
        return [epochTable(t.history, t)]
    }

    func evaluate(_ on: Located<DataSplit>, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let data = try dataSplit(entry, on)
        let result = try guarded(at: range) { try t.evaluate(data) }
        let rows = [["loss", format(result.loss)]] + t.metrics.map { [$0.name, format(result.metrics[$0.name] ?? .nan)] }
        return [.table(TableBlock(title: "\(m.name) on \(entry.name) \(on.value.rawValue) (\(data.count) images)", headers: ["metric", "value"], rows: rows))]
    }

    func predict(_ spec: PredictSpec, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let data = try dataSplit(entry, spec.from)
        guard spec.index.value >= 0 && spec.index.value < data.count else {
            throw NotebookError("index \(spec.index.value) is outside the \(spec.from.value.rawValue) set (0...\(data.count - 1))", at: spec.index.range)
        }
        let out = try guarded(at: range) { try t.predict(data, indices: [spec.index.value]) }
        let probs = out.array.map(Double.init)
        let order = probs.indices.sorted { probs[$0] > probs[$1] }.prefix(spec.top.value)
        let truth = Int(data.labels[spec.index.value])
        let name = { (c: Int) in c < entry.classNames.count ? entry.classNames[c] : String(c) }
        let rows = order.enumerated().map { rank, c in
            [String(rank + 1), name(c), format(probs[c]), c == truth ? "<- true class" : ""]
        }
        let verdict = order.first == truth ? "correct" : "wrong"
        return [
            .images(ImageGridBlock(title: nil, images: [ImageGridBlock.Image(pixels: data.image(at: spec.index.value), width: data.width, height: data.height,
                                                                             channels: data.channels, caption: "#\(spec.index.value) \(name(truth))")])),
            .table(TableBlock(title: "\(m.name) on \(spec.from.value.rawValue) #\(spec.index.value): \(name(order.first ?? 0)) (\(verdict); true class \(name(truth)))",
                              headers: ["rank", "class", "probability", ""], rows: rows)),
        ]
    }

    func confusion(_ on: Located<DataSplit>, at range: SourceRange) throws -> [OutputBlock] {
        let (_, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let data = try dataSplit(entry, on)
        let cm = try guarded(at: range) { try t.confusion(data, classes: entry.classNames.count) }
        let short = entry.classNames.map { String($0.prefix(8)) }
        return [.heatmap(HeatmapBlock(title: "confusion on \(on.value.rawValue): accuracy \(format(cm.accuracy)); rows true, columns predicted",
                                      values: cm.counts.map { $0.map(Double.init) }, rowLabels: short, columnLabels: short, showValues: true))]
    }

    func checkWritable(_ path: String, at range: SourceRange) throws {
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.isEmpty ? "." : dir, isDirectory: &isDir), isDir.boolValue else {
            throw NotebookError("the folder '\(dir)' does not exist", at: range, hint: "create it first or choose another path")
        }
    }
}

/// Numbers in transcripts: 4 significant decimals, exponent form for tiny or huge values.
func format(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    let a = abs(x)
    if a != 0 && (a < 1e-3 || a >= 1e6) { return String(format: "%.3e", x) }
    return String(format: "%.4f", x)
}
