import NeuralNet

extension Interpreter {
    /// Measures what an `expect` line names, compares it with the bound and counts the result. A failed
    /// expectation is an answer, not an error: the line succeeds and says ✗.
    func expect(_ e: Expect, at range: SourceRange) throws -> [OutputBlock] {
        let (value, source, warning) = try measure(e, at: range)
        let held = e.comparison.value.holds(value, e.bound.value)
        if held { expectations.held += 1 } else { expectations.failed += 1 }
        let shown = e.quantity.value.isCount && value.isFinite && abs(value) < 1e15 ? ModelSummary.grouped(Int(value)) : format(value)
        let line = (held ? Expect.heldMark : Expect.failedMark) + " expect \(e.quantity.value) \(e.comparison.value) \(e.bound.text)"
            + (e.on.map { " on \($0.value.rawValue)" } ?? "") + ": \(shown)" + (source.map { " (\($0))" } ?? "") + (held ? "" : " - not met")
        return [.text(line, style: held ? .success : .error)] + (warning.map { [$0] } ?? [])
    }

    /// The measured value, where it comes from when that is not said by the line itself, and the warning
    /// about tuning on the test split when the measurement reads it.
    private func measure(_ e: Expect, at range: SourceRange) throws -> (Double, String?, OutputBlock?) {
        let quantity = e.quantity
        switch quantity.value {
        case .params, .trainable:
            let counts = try requireModel(at: range).model.summary
            return (Double(quantity.value == .params ? counts.total : counts.trainable), nil, nil)
        case .zeros:
            let m = try requireModel(at: range)
            let tables = m.model.parameterTree.map(\.parameter.tensor).filter { $0.shape.count >= 2 }
            let total = tables.reduce(0) { $0 + $1.count }
            guard total > 0 else {
                throw NotebookError("model '\(m.name)' has no kernels or embedding tables to count zeros in", at: quantity.range,
                                    hint: "add a dense or conv2d layer")
            }
            let zeros = tables.reduce(0) { sum, t in sum + t.array.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }
            return (Double(zeros) / Double(total), nil, nil)
        case .flops:
            let m = try requireModel(at: range)
            let work = try guarded(at: quantity.range) { try m.model.work(inputShape: m.model.inputShape, batch: 1) }
            return (Double(work.forwardFLOPs), "per example", nil)
        case .epochs:
            let (_, t) = try requireTrainer(at: range)
            return (Double(t.epochsDone), nil, nil)
        case .loss, .metric:
            let (m, t) = try requireTrainer(at: range)
            if let on = e.on {
                let entry = try requireData(at: range)
                let data = try examples(entry, on)
                let result = try guarded(at: range) { try t.evaluate(data) }
                let value = try pick(quantity, loss: result.loss, metrics: result.metrics, trainer: t, model: m)
                return (value, "\(data.count) \(entry.source.exampleNoun)", testTuningWarning(entry, on.value))
            }
            guard let last = t.history.last else { throw Self.notTrained(m, quantity) }
            return (try pick(quantity, loss: last.loss, metrics: last.metrics, trainer: t, model: m), "epoch \(last.epoch), training", nil)
        case .validationLoss, .validationMetric:
            let (m, t) = try requireTrainer(at: range)
            guard let last = t.history.last else { throw Self.notTrained(m, quantity) }
            guard let loss = last.validationLoss else {
                let hint = session.data.map { $0.source.hint(forMissing: .validation) } ?? "load data with a validation split"
                throw NotebookError("model '\(m.name)' trained without a validation pass, so there is no \(quantity.value)",
                                    at: quantity.range, hint: hint + ", or evaluate a split with on=")
            }
            return (try pick(quantity, loss: loss, metrics: last.validationMetrics, trainer: t, model: m), "epoch \(last.epoch)", nil)
        }
    }

    /// The loss or the metric a quantity names among measured figures; a metric the model was not compiled with is
    /// an error that says how to add it.
    private func pick(_ quantity: Located<ExpectedQuantity>, loss: Double, metrics: [String: Double], trainer: Trainer,
                      model: ModelEntry) throws -> Double {
        let metric: Metric
        switch quantity.value {
        case .metric(let m), .validationMetric(let m): metric = m
        default: return loss
        }
        guard let value = metrics[metric.name] else {
            let compiled = trainer.metrics.map(\.name)
            throw NotebookError("model '\(model.name)' does not measure \(metric.name)", at: quantity.range,
                                hint: "compile it with metrics=\((compiled + [metric.name]).joined(separator: ","))"
                                    + (compiled.isEmpty ? "" : " (now: \(compiled.joined(separator: ",")))"))
        }
        return value
    }

    private static func notTrained(_ m: ModelEntry, _ quantity: Located<ExpectedQuantity>) -> NotebookError {
        NotebookError("model '\(m.name)' has not finished an epoch, so it has no \(quantity.value) yet", at: quantity.range,
                      hint: "train it first (`train 1`), or measure a split now with on=validation")
    }
}

extension Expect {
    /// The marks that start a held and a failed expectation's line.
    static let heldMark = "✓", failedMark = "✗"

    /// An expectation's line as ASCII draws it: `PASS expect ...` and `FAIL expect ...` (other text unchanged).
    static func asciiMarks(_ text: String) -> String {
        for (mark, word) in [(heldMark, "PASS"), (failedMark, "FAIL")] where text.hasPrefix(mark + " expect ") {
            return word + text.dropFirst(mark.count)
        }
        return text
    }
}
