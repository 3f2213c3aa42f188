import Foundation
import TensorRuntime
import Datasets
import NeuralNet

extension Interpreter {
    /// Refuses a batch of `batch` examples that would not fit in memory (`ModelFit.checkMemory`).
    func checkBatchFits(_ m: ModelEntry, batch: Int, at range: SourceRange) throws {
        try ModelFit.checkMemory(m.model, batch: batch, at: range)
    }

    func step(_ amount: StepAmount, _ statement: Statement) throws -> [OutputBlock] {
        let range = statement.verbRange
        let (m, t) = try requireTrainer(at: range)
        let data = try requireData(at: range)
        let before = t.batchLosses.count
        isTraining = true
        defer { isTraining = false }
        return try undoingOnFailure(t, at: range) {
            switch amount {
            case .epoch:
                guard let record = try runEpoch(t, data, at: range, total: nil) else {
                    replayedAs = Self.replayLines(statement, epochs: nil, batches: t.batchLosses.count - before)
                    return [stoppedNote(t, data)]
                }
                return [epochTable([record], t)]
            case .batches(let n):
                // A quick replay (`epochsMax`) runs at most that many epochs' worth of batches.
                let perEpoch = (data.trainingSet.count + t.batchSize - 1) / max(t.batchSize, 1)
                let wanted = min(n.value, epochsMax.map { max($0, 1) * max(perEpoch, 1) } ?? n.value)
                let record = try guarded(at: range) { try t.trainBatches(wanted, on: data.trainingSet, validation: data.validationSet) }
                let done = t.batchLosses.count - before
                if done < n.value && record == nil { replayedAs = Self.replayLines(statement, epochs: nil, batches: done) }
                let losses = t.batchLosses.suffix(done)
                let (pos, total) = t.epochPosition(dataCount: data.trainingSet.count)
                let where_ = "epoch \(t.epochsDone + (record == nil ? 1 : 0)) at batch \(record == nil ? pos : total)/\(total)"
                var blocks: [OutputBlock] = [.text("\(m.name): \(done) batch\(done == 1 ? "" : "es") - loss \(format(losses.last ?? .nan)) "
                                                   + "(mean \(format(losses.reduce(0, +) / Double(max(done, 1))))) - \(where_)")]
                if done < wanted && record == nil { blocks.append(stoppedNote(t, data)) }
                if let record { blocks.append(epochTable([record], t)) }
                return blocks
            }
        }
    }

    func train(_ spec: Train, _ statement: Statement) throws -> [OutputBlock] {
        let range = statement.verbRange
        let (m, t) = try requireTrainer(at: range)
        let data = try requireData(at: range)
        let epochs = min(spec.epochs.value, epochsMax ?? Int.max)
        if let checkpoint = spec.checkpoint { try checkWritable(checkpoint.value, at: checkpoint.range) }
        try checkMonitorMeasured(spec, data)
        isTraining = true
        defer { isTraining = false }
        return try undoingOnFailure(t, at: range) {
            var records: [EpochRecord] = []
            var best = Double.infinity
            var sinceBest = 0
            var batchesAtEpochEnd = t.batchLosses.count
            for e in 1...max(epochs, 1) {
                guard let record = try runEpoch(t, data, at: range, total: (e, epochs)) else {
                    emit(stoppedNote(t, data))
                    replayedAs = Self.replayLines(statement, epochs: (spec.epochs, records.count), batches: t.batchLosses.count - batchesAtEpochEnd)
                    break
                }
                records.append(record)
                batchesAtEpochEnd = t.batchLosses.count
                let score = monitored(record, spec.monitor.value)
                if let score, score < best {
                    best = score
                    sinceBest = 0
                    if let checkpoint = spec.checkpoint {
                        try guarded(at: checkpoint.range) { try Checkpoint.save(m.model, to: checkpoint.value, metadata: ["epoch": String(t.epochsDone)]) }
                        emit(.text("epoch \(record.epoch): \(spec.monitor.value.rawValue) improved to \(format(score < 0 ? -score : score)); saved \(checkpoint.value)", style: .note))
                    }
                } else {
                    sinceBest += 1
                    if let patience = spec.earlyStop?.value, sinceBest >= patience {
                        emit(.text("early stop after epoch \(record.epoch): \(spec.monitor.value.rawValue) did not improve for \(patience) epoch\(patience == 1 ? "" : "s")", style: .warning))
                        break
                    }
                }
            }
            if epochs != spec.epochs.value && replayedAs == nil {
                replayedAs = Self.replayLines(statement, epochs: (spec.epochs, records.count), batches: 0)
            }
            return records.isEmpty ? [] : [epochTable(records, t)]
        }
    }

    /// What `save session` records for a `train` or `step` that ran less than it asked for (stopped, or
    /// capped by `epochsMax`), so that the session file replays to the same weights bit for bit: the
    /// `train` line with the number of epochs it completed (its options kept; none completed: no line),
    /// then `step K batches` for the batches it ran of the epoch it left in progress. A `step` replays
    /// the epoch in progress from where it stands, as `train` does, so the lines continue exactly there.
    static func replayLines(_ statement: Statement, epochs: (Located<Int>, Int)?, batches: Int) -> [String] {
        var lines: [String] = []
        if let (requested, completed) = epochs, completed > 0 {
            let source = Array(statement.source)
            let start = requested.range.start.column - statement.range.start.column
            let end = requested.range.end.column - statement.range.start.column
            if requested.range.start.line == statement.range.start.line, 0 <= start, start <= end, end <= source.count {
                lines.append(String(source[..<start]) + String(completed) + String(source[end...]))
            } else {
                lines.append("train \(completed)")
            }
        }
        if batches > 0 { lines.append(batches == 1 ? "step batch" : "step \(batches) batches") }
        return lines
    }

    /// Runs a training command so that failing changes nothing: the weights, the optimiser and the
    /// trainer's place are restored when `body` throws (a NaN loss, a checkpoint that cannot be written,
    /// a forward pass that fails after batch normalisation updated its statistics). A stop request
    /// is not a failure: the completed batches stay.
    func undoingOnFailure<T>(_ t: Trainer, at range: SourceRange, _ body: () throws -> T) throws -> T {
        let saved = t.snapshot()
        do {
            return try body()
        } catch {
            t.restore(saved)
            var failure = NotebookError(error, at: range)
            failure.message += "; the model is as it was before this command"
            throw failure
        }
    }

    /// Says where a stop request left training.
    private func stoppedNote(_ t: Trainer, _ data: DataEntry) -> OutputBlock {
        let (done, total) = t.epochPosition(dataCount: data.trainingSet.count)
        return .text("stopped at a batch boundary: epoch \(t.epochsDone + 1) kept \(done) of \(total) batches; `step` or `train` goes on from there",
                     style: .warning)
    }

    /// `early_stop` or `checkpoint` watching `val_loss`/`val_accuracy` needs a validation split: without
    /// one there is nothing to watch (Keras warns and watches nothing; here the command is refused).
    private func checkMonitorMeasured(_ spec: Train, _ data: DataEntry) throws {
        guard spec.earlyStop != nil || spec.checkpoint != nil, data.validationSet == nil,
              spec.monitor.value == .valLoss || spec.monitor.value == .valAccuracy else { return }
        throw NotebookError("\(spec.monitor.value) is watched, but '\(data.name)' has no validation split", at: spec.monitor.range,
                            hint: data.source.hint(forMissing: .validation) + ", or watch training with monitor=loss")
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
        let started = Date()
        var firstBatch: Int?
        let batchSize = t.batchSize
        let forward = t.report
        t.report = { [emit] event in
            forward(event)
            guard case .batchEnd(let r) = event else { return }
            // The ETA and the rate average over the batches of this call (an epoch may resume mid-way).
            let base = firstBatch ?? (r.batch - 1)
            firstBatch = base
            let doneHere = max(r.batch - base, 1)
            let elapsed = Date().timeIntervalSince(started)
            var metrics = [ProgressBlock.Metric("loss", r.runningLoss)]
            if let acc = r.runningMetrics["accuracy"] { metrics.append(.init("acc", acc)) }
            emit(.progress(ProgressBlock(label: label, done: r.batch, total: r.batches,
                                         eta: elapsed / Double(doneHere) * Double(r.batches - r.batch), metrics: metrics,
                                         rate: elapsed > 0 ? Double(doneHere * batchSize) / elapsed : r.samplesPerSecond)))
            if self.watchDue(batch: r.batch) { self.refreshWatch(emitting: false) }
        }
        defer { t.report = forward }
        let record = try guarded(at: range) { try t.trainEpoch(on: data.trainingSet, validation: data.validationSet) }
        if let record {
            emit(.text(epochLine(record, t), style: .normal))
            refreshWatch(emitting: true)
            betweenEpochs(self)
        }
        return record
    }

    /// Runs training, turning engine errors into notebook errors at `range`.
    @discardableResult
    func guarded<T>(at range: SourceRange, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as NotebookError { throw e } catch {
            throw NotebookError(error, at: range)
        }
    }

    /// `epoch 3 (12.4s): loss 0.4123 acc 0.8512 | val_loss 0.3512 val_acc 0.8700` (fits 80 columns).
    func epochLine(_ r: EpochRecord, _ t: Trainer) -> String {
        var line = "epoch \(r.epoch) (" + String(format: "%.1fs", r.seconds) + "): loss \(format(r.loss))"
        for m in t.metrics { if let v = r.metrics[m.name] { line += " \(Self.shortName(m.name)) \(format(v))" } }
        if let vl = r.validationLoss {
            line += " | val_loss \(format(vl))"
            for m in t.metrics { if let v = r.validationMetrics[m.name] { line += " val_\(Self.shortName(m.name)) \(format(v))" } }
        }
        return line
    }

    /// Keras's short metric names for tight lines (`acc`, `seq_acc`).
    static func shortName(_ name: String) -> String {
        switch name {
        case "accuracy": "acc"
        case "sequence_accuracy": "seq_acc"
        case "perplexity": "ppl"
        case "bits_per_token": "bits"
        default: name
        }
    }

    /// One row per epoch. With the full column names when the table fits 78 columns (80 less the notebook's
    /// indent); otherwise the short metric names, `sec`, no `lr` column when the rate never changed, and
    /// tiny or huge numbers in a short exponent form (`2.2e-4`).
    func epochTable(_ records: [EpochRecord], _ t: Trainer) -> OutputBlock {
        let full = epochTable(records, t, compact: false)
        return .table(Self.tableWidth(full) <= 78 ? full : epochTable(records, t, compact: true))
    }

    /// Columns a table takes when drawn whole: each column's widest cell, its borders and padding.
    static func tableWidth(_ table: TableBlock) -> Int {
        zip(table.headers.indices, table.headers).map { i, header in
            max(header.count, table.rows.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0) + 3
        }.reduce(1, +)
    }

    private func epochTable(_ records: [EpochRecord], _ t: Trainer, compact: Bool) -> TableBlock {
        let names = t.metrics.map(\.name)
        let shown = compact ? names.map(Self.shortName) : names
        let showRate = !compact || Set(records.map(\.learningRate)).count > 1
        let hasVal = records.contains { $0.validationLoss != nil }
        var headers = ["epoch", "loss"] + shown
        if hasVal { headers += ["val_loss"] + shown.map { "val_" + $0 } }
        headers += (showRate ? ["lr"] : []) + [compact ? "sec" : "seconds"]
        let number: (Double) -> String = { x in compact ? shortFormat(x) : format(x) }
        let rows = records.map { r -> [String] in
            var row = [String(r.epoch), number(r.loss)] + names.map { r.metrics[$0].map(number) ?? "-" }
            if hasVal { row += [r.validationLoss.map(number) ?? "-"] + names.map { r.validationMetrics[$0].map(number) ?? "-" } }
            return row + (showRate ? [number(Double(r.learningRate))] : []) + [String(format: "%.1f", r.seconds)]
        }
        return TableBlock(headers: headers, rows: rows)
    }

    func history(at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        guard !t.history.isEmpty else { return [.text("'\(m.name)' has not finished an epoch yet - run `step`", style: .note)] }
        return [epochTable(t.history, t)]
    }

}

/// `format` in at most 7 characters: a tiny or huge value as `2.2e-4` (two significant digits).
func shortFormat(_ x: Double) -> String {
    let a = abs(x)
    guard x.isFinite, a != 0, a < 1e-3 || a >= 1e6 else { return format(x) }
    let text = String(format: "%.1e", x)
    guard let e = text.firstIndex(of: "e") else { return text }
    let mantissa = text[..<e]
    var exponent = String(text[text.index(after: e)...])
    let sign = exponent.hasPrefix("-") ? "-" : ""
    exponent = String(exponent.drop { $0 == "-" || $0 == "+" || $0 == "0" })
    return mantissa + "e" + sign + (exponent.isEmpty ? "0" : exponent)
}

/// Numbers in transcripts: 4 significant decimals, exponent form for tiny or huge values.
func format(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    let a = abs(x)
    if a != 0 && (a < 1e-3 || a >= 1e6) { return String(format: "%.3e", x) }
    return String(format: "%.4f", x)
}
