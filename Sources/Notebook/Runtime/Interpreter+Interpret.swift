import Canvas
import Datasets
import NeuralNet

// `show saliency` and `show gradcam`: where the current model looks when it classifies a few examples,
// as heat laid over each picture. The model is only read (NeuralNet's attribution changes nothing).
extension Interpreter {
    func showAttribution(_ spec: AttributionSpec, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        guard !m.model.layers.isEmpty else {
            throw NotebookError("model '\(m.name)' has no layers", at: range, hint: "add layers, e.g. `dense 10 softmax`")
        }
        guard m.model.inputShape.count == 3 else { throw NotebookError(AttributionError.notAnImage(inputShape: m.model.inputShape), at: range) }
        let entry = try requireData(at: range)
        let data = try imageSplit(entry, spec.from, for: spec.kind == .gradcam ? "show gradcam" : "show saliency", at: range)
        let split = spec.from.value.rawValue
        guard spec.index.value < data.count else {
            throw NotebookError("example \(spec.index.value) is outside the \(split) set (0...\(data.count - 1))", at: spec.index.range,
                                hint: data.count == 0 ? "load data with examples in the \(split) split" : "choose N in 0...\(data.count - 1)")
        }
        let classes = Self.classCount(m.model)
        if let c = spec.classIndex, c.value >= classes {
            throw NotebookError(AttributionError.classOutOfRange(c.value, classes: classes), at: c.range,
                                hint: "classes are " + (0..<min(classes, 12)).map { "\($0) \(Self.className($0, entry))" }.joined(separator: ", "))
        }
        let path = try spec.layer.map { try attributionLayer($0, in: m.model) }
        let end = min(data.count, spec.index.value + spec.count.value)
        var items: [OverlayBlock.Item] = []
        for index in spec.index.value..<end {
            let image = data.image(at: index)
            let map: AttributionMap = try guarded(at: range) {
                if let path {
                    return try m.model.gradCAM(of: image, layerPath: path, classIndex: spec.classIndex?.value)
                }
                return try m.model.saliency(of: image, classIndex: spec.classIndex?.value)
            }
            let truth = Int(data.labels[index])
            let percent = Int((map.probabilities[map.classIndex] * 100).rounded())
            let picture = ImageGridBlock.Image(pixels: image.map { min(max($0, 0), 1) }, width: data.width, height: data.height,
                                               channels: data.channels,
                                               caption: "\(index) \(Self.className(map.classIndex, entry)) \(percent)%",
                                               verdict: map.predicted == truth ? .right : .wrong)
            items.append(OverlayBlock.Item(image: picture, heat: map.values))
        }
        let what = path.map { "Grad-CAM of \($0)" } ?? "saliency"
        let examples = end - spec.index.value == 1 ? "example \(spec.index.value)" : "examples \(spec.index.value)-\(end - 1)"
        let explained = spec.classIndex.map { "class \(Self.className($0.value, entry))" } ?? "the predicted class"
        let title = "\(what) of \(m.name) for \(split) \(examples), explaining \(explained); "
            + "captions: example, class, its probability"
        return [.overlay(OverlayBlock(title: title, kind: spec.kind, items: items))]
    }

    /// The path of the layer Grad-CAM looks at: a 1-based index or a name (a nested path such as
    /// `residual_1.conv2d_1` too); its output must be a feature map [H', W', K].
    private func attributionLayer(_ ref: Located<LayerRef>, in model: NeuralNet.Sequential) throws -> String {
        let path: String
        if case .name(let name) = ref.value, model.descendants.contains(where: { $0.path == name }) {
            path = name
        } else {
            path = model.layers[try layerIndex(ref, in: model)].name
        }
        let candidates = model.featureMapLayers()
        guard candidates.contains(path) else {
            let layer = try model.layer(atPath: path)
            let shape = model.layers.firstIndex { $0 === layer }.map { model.outputShapes[$0] } ?? []
            throw NotebookError(AttributionError.notAFeatureMap(layer: path, shape: shape, candidates: candidates), at: ref.range)
        }
        return path
    }

    /// Classes the model tells apart: its outputs, or 2 for a one-unit sigmoid.
    static func classCount(_ model: NeuralNet.Sequential) -> Int {
        let outputs = model.outputShape.last ?? 1
        return outputs == 1 ? 2 : outputs
    }

    /// The data set's name for class `index`, or the number when the set has fewer names.
    static func className(_ index: Int, _ entry: DataEntry) -> String {
        index < entry.classNames.count ? entry.classNames[index] : String(index)
    }
}
