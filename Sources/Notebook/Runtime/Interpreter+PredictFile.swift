import Foundation
import Datasets
import NeuralNet
import TensorRuntime

extension Interpreter {
    /// `predict FILE`: decodes a PNG or JPEG file, resizes it to the model's input, converts it to the data
    /// set's channels and rescale, and shows the picture, the top classes and a probability bar for each.
    func predictFile(_ file: Located<String>, top: Int, at range: SourceRange) throws -> [OutputBlock] {
        let (m, _) = try requireTrainer(at: range)
        let entry = try requireData(at: range)
        let pictures = try images(entry, for: "predict", at: range)
        let shape = m.model.inputShape
        guard shape.count == 3, shape[2] == 1 || shape[2] == 3 else {
            throw NotebookError("model '\(m.name)' takes \(ModelFit.dimensions(shape)) inputs, not pictures", at: file.range,
                                hint: "predict a file with a model over grey or RGB images, or give an example index")
        }
        let (height, width, channels) = (shape[0], shape[1], shape[2])
        let hint = "give a PNG or JPEG file, e.g. `predict data/validation/cats/cat.1.jpg`, or an example index"
        let decoded: DecodedImage
        do {
            decoded = try ImageResize.resize(try ImageDecoder.decodeFile(file.value, channels: channels),
                                             width: width, height: height)
        } catch {
            throw NotebookError("cannot classify '\(file.value)': \(error.message)", at: file.range, hint: hint)
        }
        let scale = pictures.train.valueScale ?? Float(1) / 255
        let input = decoded.pixels.map { Float($0) * scale }
        let output = try guarded(at: range) {
            try GradMode.off { try m.model.forward(Tensor(input, shape: [1, height, width, channels]), ForwardContext(training: false)) }
        }
        let probabilities = Self.classProbabilities(output.array)
        let name = { (c: Int) in c < entry.classNames.count ? entry.classNames[c] : String(c) }
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }.prefix(top)
        let rows = order.enumerated().map { rank, c in
            [String(rank + 1), name(c), format(probabilities[c])]
        }
        let best = order.first ?? 0
        let percent = Int(((probabilities.indices.contains(best) ? probabilities[best] : 0) * 100).rounded())
        let fileName = (file.value as NSString).lastPathComponent
        let picture = ImageGridBlock.Image(pixels: decoded.pixels.map { Float($0) / 255 }, width: width, height: height,
                                           channels: channels, caption: fileName)
        return [
            .images(ImageGridBlock(title: nil, images: [picture])),
            .table(TableBlock(title: "\(m.name) on \(fileName) (\(decoded.width)x\(decoded.height) as the model sees it): "
                              + "\(name(best)) (\(percent)%)",
                              headers: ["rank", "class", "probability"], rows: rows,
                              bars: order.map { probabilities[$0] })),
        ]
    }
}
