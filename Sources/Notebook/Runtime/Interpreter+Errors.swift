import Foundation
import Datasets
import NeuralNet

extension Interpreter {
    /// Examples classified per forward pass while searching for errors.
    static let errorSearchBatch = 256

    /// `show errors N [from=SPLIT]`: the first N misclassified examples of the split, each captioned
    /// `true > predicted NN%` (the predicted class's probability) and marked wrong.
    /// Token sequences: a table of the sequences with a wrong token (`sequenceErrors`).
    func showErrors(_ spec: ShowErrors, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        if let sequences = try examples(entry, spec.from) as? SequenceDataset {
            return try sequenceErrors(spec, in: sequences, model: m, trainer: t, at: range)
        }
        let data = try imageSplit(entry, spec.from, for: "show errors", at: range)
        let name = { (c: Int) in c < entry.classNames.count ? entry.classNames[c] : String(c) }
        var gallery: [ImageGridBlock.Image] = []
        var wrong = 0
        var start = 0
        while start < data.count {
            let indices = Array(start..<min(start + Self.errorSearchBatch, data.count))
            let output = try guarded(at: range) { try t.predict(data, indices: indices) }.array
            let width = output.count / max(1, indices.count)
            for (k, index) in indices.enumerated() where width > 0 {
                let probabilities = Self.classProbabilities(Array(output[(k * width)..<((k + 1) * width)]))
                let predicted = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
                let truth = Int(data.labels[index])
                guard predicted != truth else { continue }
                wrong += 1
                guard gallery.count < spec.count.value else { continue }
                let percent = Int((probabilities[predicted] * 100).rounded())
                gallery.append(ImageGridBlock.Image(pixels: data.image(at: index).map { min(max($0, 0), 1) },
                                                    width: data.width, height: data.height, channels: data.channels,
                                                    caption: "\(name(truth)) > \(name(predicted)) \(percent)%",
                                                    verdict: .wrong))
            }
            start += Self.errorSearchBatch
        }
        let split = spec.from.value.rawValue
        guard wrong > 0 else {
            return [.text("\(m.name) classifies all \(data.count) \(split) examples right - no errors to show", style: .success)]
        }
        let share = format(Double(wrong) / Double(max(1, data.count)))
        let title = "\(m.name): \(wrong) of \(data.count) \(split) examples wrong (\(share)); "
            + "first \(gallery.count): true > predicted, probability of the prediction"
        return [.images(ImageGridBlock(title: title, images: gallery))]
    }

    /// `show errors` on token sequences: the first N sequences of the split with a wrong token, as a table
    /// of their input, target and predicted tokens (the argmax at each position), each wrong one in brackets.
    private func sequenceErrors(_ spec: ShowErrors, in data: SequenceDataset, model m: ModelEntry, trainer t: Trainer,
                                at range: SourceRange) throws -> [OutputBlock] {
        let length = data.length
        let tokens = { (values: [Int32]) in values.map(String.init).joined(separator: " ") }
        var rows: [[String]] = []
        var wrong = 0
        var start = 0
        while start < data.count {
            let indices = Array(start..<min(start + Self.errorSearchBatch, data.count))
            // [N, T, V]: a probability per token at every position.
            let output = try guarded(at: range) { try t.predict(data, indices: indices) }.array
            let vocabulary = output.count / max(1, indices.count * length)
            guard vocabulary > 0, output.count == indices.count * length * vocabulary else {
                throw NotebookError("model '\(m.name)' does not give a score per token at each of the \(length) positions", at: range,
                                    hint: "end the model with `dense \(data.vocabulary) softmax` on a [\(length), D] sequence (no flatten)")
            }
            for (k, index) in indices.enumerated() {
                let target = data.target(at: index)
                let predicted = (0..<length).map { position -> Int in
                    let base = (k * length + position) * vocabulary
                    var best = 0
                    for v in 1..<vocabulary where output[base + v] > output[base + best] { best = v }
                    return best
                }
                let misses = Set((0..<length).filter { predicted[$0] != Int(target[$0]) })
                guard !misses.isEmpty else { continue }
                wrong += 1
                guard rows.count < spec.count.value else { continue }
                let marked = (0..<length).map { misses.contains($0) ? "[\(predicted[$0])]" : String(predicted[$0]) }
                rows.append([String(index), tokens(data.input(at: index)), tokens(target), marked.joined(separator: " ")])
            }
            start += Self.errorSearchBatch
        }
        let split = spec.from.value.rawValue
        guard wrong > 0 else {
            return [.text("\(m.name) predicts all \(data.count) \(split) sequences right - no errors to show", style: .success)]
        }
        let share = format(Double(wrong) / Double(max(1, data.count)))
        let title = "\(m.name): \(wrong) of \(data.count) \(split) sequences had an error (\(share)); first \(rows.count)"
        return [.table(TableBlock(title: title, headers: ["#", "input", "target", "predicted"], rows: rows,
                                  footer: ["[t]: a predicted token t where the target differs"]))]
    }
}
