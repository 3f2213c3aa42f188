import Foundation
import TensorRuntime
import Datasets
import NeuralNet

extension Interpreter {
    func evaluate(_ on: Located<DataSplit>, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let data = try examples(entry, on)
        let result = try guarded(at: range) { try t.evaluate(data) }
        let rows = [["loss", format(result.loss)]] + t.metrics.map { [$0.name, format(result.metrics[$0.name] ?? .nan)] }
        return [.table(TableBlock(title: "\(m.name) on \(entry.name) \(on.value.rawValue) (\(data.count) \(entry.source.exampleNoun))", headers: ["metric", "value"], rows: rows))]
            + (testTuningWarning(entry, on.value).map { [$0] } ?? [])
    }

    func predict(_ spec: Predict, at range: SourceRange) throws -> [OutputBlock] {
        if let file = spec.file { return try predictFile(file, top: spec.top.value, at: range) }
        let (m, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let data = try imageSplit(entry, spec.from, for: "predict", at: range)
        guard let located = spec.index else { return [] }
        guard located.value >= 0 && located.value < data.count else {
            throw NotebookError("index \(located.value) is outside the \(spec.from.value.rawValue) set (0...\(data.count - 1))", at: located.range)
        }
        let index = located.value
        let out = try guarded(at: range) { try t.predict(data, indices: [index]) }
        let probs = Interpreter.classProbabilities(out.array)
        let order = probs.indices.sorted { probs[$0] > probs[$1] }.prefix(spec.top.value)
        let truth = Int(data.labels[index])
        let name = { (c: Int) in c < entry.classNames.count ? entry.classNames[c] : String(c) }
        let rows = order.enumerated().map { rank, c in
            [String(rank + 1), name(c), format(probs[c]), c == truth ? "<- true class" : ""]
        }
        let verdict = order.first == truth ? "correct" : "wrong"
        return [
            .images(ImageGridBlock(title: nil, images: [ImageGridBlock.Image(pixels: data.image(at: index), width: data.width, height: data.height,
                                                                             channels: data.channels, caption: "#\(index) \(name(truth))",
                                                                             verdict: order.first == truth ? .right : .wrong)])),
            .table(TableBlock(title: "\(m.name) on \(spec.from.value.rawValue) #\(index): \(name(order.first ?? 0)) (\(verdict); true class \(name(truth)))",
                              headers: ["rank", "class", "probability", ""], rows: rows)),
        ]
    }

    /// One sample's class probabilities from the model's output. A single output (one sigmoid unit) is
    /// P(class 1): the classes are [1 - p, p], as `confusion` and the accuracy metric count them.
    static func classProbabilities(_ output: [Float]) -> [Double] {
        guard output.count == 1, let p = output.first.map(Double.init) else { return output.map(Double.init) }
        return [1 - p, p]
    }

    /// The confusion matrix of a split: true class by predicted class for images; for token sequences true
    /// token by predicted token, every position of every sequence counted once.
    func confusion(_ on: Located<DataSplit>, at range: SourceRange) throws -> [OutputBlock] {
        let (_, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        if entry.sequences != nil, let set = try examples(entry, on) as? SequenceDataset {
            let cm = try guarded(at: range) { try tokenConfusion(t, set) }
            return [.heatmap(HeatmapBlock(title: "per-token confusion on \(on.value.rawValue) (\(set.count) sequences of \(set.length) tokens): "
                                                 + "token accuracy \(format(cm.accuracy)); rows true token, columns predicted token",
                                          values: cm.counts.map { $0.map(Double.init) }, rowLabels: entry.classNames,
                                          columnLabels: entry.classNames, showValues: true))]
                + (testTuningWarning(entry, on.value).map { [$0] } ?? [])
        }
        let data = try imageSplit(entry, on, for: "confusion", at: range)
        let cm = try guarded(at: range) { try t.confusion(data, classes: entry.classNames.count) }
        let short = entry.classNames  // the renderer cuts them only when the width is short
        return [.heatmap(HeatmapBlock(title: "confusion on \(on.value.rawValue): accuracy \(format(cm.accuracy)); rows true, columns predicted",
                                      values: cm.counts.map { $0.map(Double.init) }, rowLabels: short, columnLabels: short, showValues: true))]
            + (testTuningWarning(entry, on.value).map { [$0] } ?? [])
    }

    /// Counts, over every position of every sequence of `set`, the true token against the model's most
    /// probable one (its output is [N, T, V]: a distribution over the vocabulary per position). Runs in
    /// batches of the training batch size (at most 1024), publishing progress; a stop request ends it at a
    /// batch boundary, as the image confusion does.
    private func tokenConfusion(_ t: Trainer, _ set: SequenceDataset) throws -> ConfusionMatrix {
        var cm = ConfusionMatrix(classes: set.vocabulary)
        let label = "confusion"
        let size = max(1, min(t.batchSize, 1024))
        let total = (set.count + size - 1) / size
        for (done, start) in stride(from: 0, to: set.count, by: size).enumerated() {
            monitor.publish(.task(TaskProgress(label: label, done: done, total: total)))
            if stop.isRequested {
                monitor.publish(.task(TaskProgress(label: label, done: total, total: total)))
                throw TrainingError.stopped(what: label, done: done, total: total)
            }
            let end = min(start + size, set.count)
            let output = try t.predict(set, indices: Array(start..<end))
            // Row-major [n, T, V] against the n * T targets: one row of V scores per position.
            cm.add(output, labels: Array(set.targets[start * set.length ..< end * set.length]))
        }
        monitor.publish(.task(TaskProgress(label: label, done: total, total: total)))
        return cm
    }
}
