import Foundation
import Datasets
import NeuralNet

extension Interpreter {
    /// Examples classified per forward pass while searching for errors.
    static let errorSearchBatch = 256

    /// `show errors N [from=SPLIT]`: the first N misclassified examples of the split, each captioned
    /// `true > predicted NN%` (the predicted class's probability) and marked wrong.
    func showErrors(_ spec: ShowErrorsSpec, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let data = try dataSplit(entry, spec.from)
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
}
