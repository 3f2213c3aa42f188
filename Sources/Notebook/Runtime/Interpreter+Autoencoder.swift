import Foundation
import Datasets
import NeuralNet
import TensorRuntime

// Autoencoders and VAEs: reconstructions, the latent map, the latent grid and generated images.
extension Interpreter {
    /// Examples run through a model at once by these commands.
    static let latentBatch = 256

    func showReconstructions(_ spec: ShowReconstructions, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let entry = try requireData(at: range)
        if let points = entry.source as? PointSplits {
            return try pointReconstructions(spec, m, entry.name, points, at: range)
        }
        let data = try imageSplit(entry, spec.from, for: "show reconstructions", at: range)
        guard spec.count.value <= Int(Limits.pictures) else {
            throw NotebookError("\(spec.count.value) pictures: show reconstructions draws at most \(Int(Limits.pictures)) at a time",
                                at: spec.count.range, hint: "use N in 1...\(Int(Limits.pictures)) (points take up to \(Self.maximumPlotted))")
        }
        let shape = data.sampleShape
        try requireOwnShape(m, shape, at: range)
        let n = min(spec.count.value, data.count)
        let inputs = (0..<n).map { data.image(at: $0) }
        let outputs = try reconstruct(m, inputs, shape: shape)
        let errors = zip(inputs, outputs).map { Self.meanSquaredError($0, $1) }
        var strips: [ImageGridBlock.Image] = []
        let perRow = Self.picturesPerStrip
        for start in stride(from: 0, to: n, by: perRow) {
            let part = start ..< min(n, start + perRow)
            let mean = part.reduce(0.0) { $0 + errors[$1] } / Double(part.count)
            strips.append(Self.strip(Array(inputs[part]), data, caption: "inputs \(part.lowerBound)-\(part.upperBound - 1)"))
            strips.append(Self.strip(Array(outputs[part]), data, caption: "reconstructions, mse \(String(format: "%.4f", mean))"))
        }
        let total = errors.reduce(0, +) / Double(max(n, 1))
        return [.images(ImageGridBlock(title: "\(m.name): \(n) \(spec.from.value.rawValue) images (above) and their reconstructions (below), mean squared error \(String(format: "%.4f", total))",
                                       images: strips))]
    }

    /// Refuses a model whose output is not its input's shape (what a reconstruction needs).
    func requireOwnShape(_ m: ModelEntry, _ shape: [Int], at range: SourceRange) throws {
        guard m.model.outputShape == shape else {
            let hint = shape.count == 1 ? "an autoencoder of points ends with `dense \(shape[0])`"
                : "an autoencoder ends with its input's shape, e.g. `conv2dtranspose \(shape.last ?? 1) 3 sigmoid padding=same`"
            throw NotebookError("model '\(m.name)' gives \(ModelSummary.describe(m.model.outputShape)), not its input's shape \(ModelSummary.describe(shape))",
                                at: range, hint: hint)
        }
    }

    /// The model's outputs for `inputs` (each of `shape`), in batches.
    func reconstruct(_ m: ModelEntry, _ inputs: [[Float]], shape: [Int]) throws -> [[Float]] {
        let size = shape.reduce(1, *)
        var outputs: [[Float]] = []
        for start in stride(from: 0, to: inputs.count, by: Self.latentBatch) {
            let part = start ..< min(inputs.count, start + Self.latentBatch)
            let x = Tensor(inputs[part].flatMap { $0 }, shape: [part.count] + shape)
            let y = try GradMode.off { try m.model.forward(x, ForwardContext(training: false)) }.array
            outputs += (0..<part.count).map { Array(y[$0 * size ..< ($0 + 1) * size]) }
        }
        return outputs
    }

    /// Where the model's code is; an empty model has none (a located error, not an index out of range).
    func latentCode(_ m: ModelEntry, layer: Int?, at range: SourceRange) throws -> LatentCode {
        guard !m.model.layers.isEmpty else {
            throw NotebookError("model '\(m.name)' has no layers, so it has no code to show", at: range,
                                hint: "add an encoder and a decoder first, e.g. `flatten`, `dense 2`, `dense 784 sigmoid`, `reshape 28x28x1`")
        }
        return LatentCode(m.model, layer: layer)
    }

    static func meanSquaredError(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(max(a.count, 1))
    }

    func showLatentMap(_ spec: ShowLatent, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let entry = try requireData(at: range)
        let data: (count: Int, shape: [Int], labels: [Int32], classNames: [String], noun: String, example: (Int) -> [Float])
        if let p = entry.source as? PointSplits {
            let set = p.points(spec.from.value)
            data = (set.count, [2], set.labels, p.classNames, "points", { [set.coordinates[2 * $0], set.coordinates[2 * $0 + 1]] })
        } else {
            let set = try imageSplit(entry, spec.from, for: "show latent", at: range)
            data = (set.count, set.sampleShape, set.labels, set.classNames, "images", { set.image(at: $0) })
        }
        let code = try latentCode(m, layer: try spec.layer.map { try layerIndex($0, in: m.model) }, at: range)
        let n = min(spec.count.value, data.count)
        var rows: [[Float]] = []
        for start in stride(from: 0, to: n, by: Self.latentBatch) {
            let part = start ..< min(n, start + Self.latentBatch)
            let x = Tensor(part.flatMap { data.example($0) }, shape: [part.count] + data.shape)
            let z = try code.encode(m.model, x).array
            rows += (0..<part.count).map { Array(z[$0 * code.values ..< ($0 + 1) * code.values]) }
        }
        var note = "the code's two values"
        var points: [[Double]]
        if code.values == 2 {
            points = rows.map { [Double($0[0]), Double($0[1])] }
        } else {
            guard code.values > 2 else {
                throw NotebookError("the code of \(code.layerName) has 1 value: there is no plane to draw", at: range,
                                    hint: "give a layer with 2 or more outputs: `show latent layer=NAME`")
            }
            let pca = PrincipalComponents(rows: rows, count: 2)
            points = rows.map { pca.project($0) }
            let share = pca.totalVariance > 0 ? 100 * (pca.variances[0] + pca.variances[1]) / pca.totalVariance : 0
            note = String(format: "the first two principal components of the %d-value code (%.0f%% of its variance)", code.values, share)
        }
        let scatter = (0..<n).map { i -> ScatterBlock.Point in
            let label = Int(data.labels[i])
            return ScatterBlock.Point(x: points[i][0], y: points[i][1], label: String(label), group: label)
        }
        let legend = data.classNames.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", ")
        let kind = code.isVariational ? "means of \(code.layerName)" : code.layerName
        return [.scatter(ScatterBlock(title: "\(m.name): the code (\(kind)) of \(n) \(spec.from.value.rawValue) \(data.noun), \(note)",
                                      points: scatter, footer: ["each \(data.noun.dropLast()) is drawn as its class: " + legend]))]
    }

    func showLatentGrid(_ spec: ShowLatent, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let code = try latentCode(m, layer: try spec.layer.map { try layerIndex($0, in: m.model) }, at: range)
        let picture = try decodedPictureShape(m, code, at: range)
        guard code.values == 2 else {
            throw NotebookError("the code of \(code.layerName) has \(code.values) values; a grid walks a 2-value code", at: range,
                                hint: "make the code 2 values (a VAE's encoder ends with `dense 4` then `sampling`), or use `show latent` for a map")
        }
        let k = spec.size.value, r = spec.spread.value
        let steps = (0..<k).map { k == 1 ? 0 : -r + 2 * r * Double($0) / Double(k - 1) }
        // Rows from top (+r) to bottom (-r) in the second value, columns left to right in the first.
        let codes = steps.reversed().flatMap { y in steps.flatMap { x in [Float(x), Float(y)] } }
        let pictures = try decodePictures(m, code, Tensor(codes, shape: [k * k, 2]), picture)
        let strips = stride(from: 0, to: k * k, by: k).map { start in
            Self.strip(Array(pictures[start ..< start + k]), picture, caption: "")
        }
        return [.images(ImageGridBlock(title: "\(m.name): the decoder on a \(k)x\(k) grid of codes from -\(spec.spread.text) to \(spec.spread.text) "
                                           + "(first value left to right, second bottom to top)", images: strips))]
    }

    func generateImages(_ spec: GenerateImages, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let code = try latentCode(m, layer: nil, at: range)
        guard code.isVariational else {
            throw NotebookError("model '\(m.name)' has no sampling layer, so its codes have no known distribution to draw from", at: range,
                                hint: "train a VAE: the encoder ends with `dense 2Z` and `sampling`, then `compile loss=mse kl=1e-3`")
        }
        let picture = try decodedPictureShape(m, code, at: range)
        let n = spec.count.value
        var rng = SeededGenerator(seed: spec.seed.map { UInt64($0.value) } ?? session.seed)
        let z = Tensor((0..<n * code.values).map { _ in rng.normal() }, shape: [n, code.values])
        let pictures = try decodePictures(m, code, z, picture)
        let strips = stride(from: 0, to: n, by: Self.picturesPerStrip).map { start in
            Self.strip(Array(pictures[start ..< min(n, start + Self.picturesPerStrip)]), picture, caption: "")
        }
        return [.images(ImageGridBlock(title: "\(m.name): \(n) images decoded from random codes z ~ N(0, 1) of \(code.values) values", images: strips))]
    }

    /// The pictures the layers after the code give: (height, width, channels) with 1 or 3 channels.
    func decodedPictureShape(_ m: ModelEntry, _ code: LatentCode, at range: SourceRange) throws -> PictureShape {
        let out = m.model.outputShape
        guard out.count == 3, out[2] == 1 || out[2] == 3 else {
            throw NotebookError("model '\(m.name)' gives \(ModelSummary.describe(out)), not pictures (height x width x 1 or 3)", at: range,
                                hint: "the decoder ends with a picture, e.g. `conv2dtranspose 1 3 sigmoid padding=same`")
        }
        return PictureShape(height: out[0], width: out[1], channels: out[2])
    }

    /// The decoder's pictures for codes z (N, values), in batches.
    func decodePictures(_ m: ModelEntry, _ code: LatentCode, _ z: Tensor, _ picture: PictureShape) throws -> [[Float]] {
        let n = z.shape[0], values = code.values, size = picture.values
        var pictures: [[Float]] = []
        let all = z.array
        for start in stride(from: 0, to: n, by: Self.latentBatch) {
            let count = min(n, start + Self.latentBatch) - start
            let part = Tensor(Array(all[start * values ..< (start + count) * values]), shape: [count, values])
            let y = try code.decode(m.model, part).array
            pictures += (0..<count).map { Array(y[$0 * size ..< ($0 + 1) * size]) }
        }
        return pictures
    }
}
