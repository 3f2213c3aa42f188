import Foundation
import TensorRuntime
import Datasets
import NeuralNet

extension Interpreter {
    func evaluate(_ on: Located<DataSplit>, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let data = try trainingSplit(entry, on)
        let result = try guarded(at: range) { try t.evaluate(data) }
        let rows = [["loss", format(result.loss)]] + t.metrics.map { [$0.name, format(result.metrics[$0.name] ?? .nan)] }
        return [.table(TableBlock(title: "\(m.name) on \(entry.name) \(on.value.rawValue) (\(data.count) \(entry.sequences == nil ? "images" : "sequences"))", headers: ["metric", "value"], rows: rows))]
    }

    func predict(_ spec: PredictSpec, at range: SourceRange) throws -> [OutputBlock] {
        if let file = spec.file { return try predictFile(file, top: spec.top.value, at: range) }
        let (m, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let data = try dataSplit(entry, spec.from)
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

    func confusion(_ on: Located<DataSplit>, at range: SourceRange) throws -> [OutputBlock] {
        let (_, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let data = try dataSplit(entry, on)
        let cm = try guarded(at: range) { try t.confusion(data, classes: entry.classNames.count) }
        let short = entry.classNames  // the renderer cuts them only when the width is short
        return [.heatmap(HeatmapBlock(title: "confusion on \(on.value.rawValue): accuracy \(format(cm.accuracy)); rows true, columns predicted",
                                      values: cm.counts.map { $0.map(Double.init) }, rowLabels: short, columnLabels: short, showValues: true))]
    }
}
