import Canvas
import Datasets
import NeuralNet
import TensorRuntime

extension Interpreter {
    /// `show attention LAYER|all [head=H|all] [sample=S] [from=SPLIT]`: the weights of one example.
    /// For a patch model (an image input) one layer's heads are also laid over the picture.
    func showAttention(_ spec: ShowAttentionSpec, at range: SourceRange) throws -> [OutputBlock] {
        let view = try attentionView(spec, at: range)
        let matrix = OutputBlock.attention(AttentionBlock(view, compact: spec.layer == nil && view.weights.count > 1))
        guard let overlay = try patchOverlay(spec, at: range) else { return [matrix] }
        return [matrix, .overlay(overlay)]
    }

    /// The attention of the layer `spec` names over the picture it just saw, one tile per head asked for:
    /// the class token's row when the model has one, else the mean over queries. Nil unless the model
    /// takes images and one layer is named. Call after `attentionView`, which ran the forward pass.
    private func patchOverlay(_ spec: ShowAttentionSpec, at range: SourceRange) throws -> OverlayBlock? {
        let m = try requireModel(at: range)
        guard m.model.inputShape.count == 3, let ref = spec.layer else { return nil }
        let (path, layer) = try attentionLayer(ref, in: m.model, among: Self.attentionLayers(m.model))
        // `attentionView` has read the split already: it exists, and holds pictures unless the data is of another kind.
        guard let weights = layer.lastAttention, let data = try requireData(at: range).images?.images(spec.from.value) else { return nil }
        let sample = spec.sample.value
        guard sample < data.count, data.width * data.height * data.channels == TensorRuntime.Shape.count(m.model.inputShape) else { return nil }
        let classToken = m.model.descendants.contains { $0.layer is ClassToken }
        let picture = ImageGridBlock.Image(pixels: data.image(at: sample).map { min(max($0, 0), 1) }, width: data.width,
                                           height: data.height, channels: data.channels, caption: "", verdict: .none)
        let source = classToken ? "from the class token" : "averaged over queries"
        var overlay = try guarded(at: range) {
            try OverlayBlock.attention(weights, example: 0, picture: picture, classToken: classToken,
                                       query: classToken ? .classToken : .mean,
                                       title: "\(path): attention \(source) over \(spec.from.value.rawValue) #\(sample), one picture per head")
        }
        if case .one(let h) = spec.head.value, h < overlay.items.count {
            overlay.items = [overlay.items[h]]
        }
        return overlay
    }

    /// Every attention layer of `model`, depth first, with its path (`transformer_1.attention`).
    static func attentionLayers(_ model: NeuralNet.Sequential) -> [(path: String, layer: any AttentionSource)] {
        model.descendants.compactMap { entry in (entry.layer as? any AttentionSource).map { (entry.path, $0) } }
    }

    /// Runs the model's forward pass on one example (inference: no weight or statistic changes) and reads
    /// the attention weights of the layer(s) and head(s) asked for.
    func attentionView(_ spec: ShowAttentionSpec, at range: SourceRange) throws -> AttentionView {
        let m = try requireModel(at: range)
        let sources = Self.attentionLayers(m.model)
        guard !sources.isEmpty else {
            throw NotebookError("model '\(m.name)' has no attention layer", at: spec.layer?.range ?? range,
                                hint: "add one, e.g. `attention 2` after `embedding` and `positional learned`")
        }
        let chosen = try spec.layer.map { [try attentionLayer($0, in: m.model, among: sources)] } ?? sources
        let entry = try requireData(at: range)
        let data = try examples(entry, spec.from)
        let sample = spec.sample.value
        guard sample >= 0, sample < data.count else {
            throw NotebookError("sample \(sample) is outside the \(spec.from.value.rawValue) set (0...\(data.count - 1))", at: spec.sample.range,
                                hint: "use sample=0...\(data.count - 1)")
        }
        guard data.sampleShape == m.model.inputShape else {
            throw NotebookError("model '\(m.name)' takes \(ModelSummary.describe(m.model.inputShape)) but '\(entry.name)' has examples of \(ModelSummary.describe(data.sampleShape))",
                                at: range, hint: "`use` the data set the model was made for")
        }
        let batch = try guarded(at: range) { try BatchLoader(data: data).batch([sample][...]) }
        _ = try guarded(at: range) { try GradMode.off { try m.model.forward(batch.inputs, ForwardContext(training: false)) } }
        var captions: [String] = []
        var weights: [[[Double]]] = []
        for (path, layer) in chosen {
            let heads = try headIndices(spec.head, layer: layer, path: path)
            let matrices = try attentionMatrices(of: layer, path: path, at: range)
            for h in heads {
                captions.append(chosen.count > 1 ? "\(path) h\(h)" : "head \(h)")
                weights.append(matrices[h])
            }
        }
        let keys = weights.first?.first?.count ?? 0
        let queries = weights.first?.count ?? 0
        let labels = positionLabels(data: data, sample: sample)
        let what = chosen.count > 1 ? "every attention layer" : chosen[0].path
        let heads: String
        switch spec.head.value {
        case .all: heads = "every head"
        case .one(let h): heads = "head \(h)"
        }
        return AttentionView(title: "\(what), \(heads), \(spec.from.value.rawValue) #\(sample): rows are queries, columns keys",
                             captions: captions, weights: weights,
                             queryLabels: labels.count == queries ? labels : (0..<queries).map(String.init),
                             keyLabels: labels.count == keys ? labels : (0..<keys).map(String.init))
    }

    /// The attention layer a reference names: an attention layer, or a container holding one
    /// (`transformer_1` means `transformer_1.attention`).
    private func attentionLayer(_ ref: Located<LayerRef>, in model: NeuralNet.Sequential,
                                among sources: [(path: String, layer: any AttentionSource)]) throws -> (path: String, layer: any AttentionSource) {
        let paths = sources.map(\.path)
        let path: String
        switch ref.value {
        case .index:
            path = model.layers[try layerIndex(ref, in: model)].name
        case .name(let name):
            guard model.descendants.contains(where: { $0.path == name }) else {
                let near = Suggestions.best(for: name, among: paths).map { "did you mean '\($0)'?" }
                throw NotebookError("no layer named '\(name)'", at: ref.range, hint: near ?? "attention layers are " + paths.joined(separator: ", "))
            }
            path = name
        }
        if let exact = sources.first(where: { $0.path == path }) { return exact }
        if let inside = sources.first(where: { $0.path.hasPrefix(path + ".") }) { return inside }
        throw NotebookError("layer '\(path)' is not an attention layer", at: ref.range,
                            hint: "attention layers are " + paths.joined(separator: ", "))
    }

    /// The heads `head=` asks for, checked against the layer's head count.
    private func headIndices(_ head: Located<HeadChoice>, layer: any AttentionSource, path: String) throws -> [Int] {
        switch head.value {
        case .all:
            return Array(0..<layer.headCount)
        case .one(let h):
            guard h >= 0, h < layer.headCount else {
                throw NotebookError("head \(h) is out of range: '\(path)' has \(layer.headCount) head\(layer.headCount == 1 ? "" : "s")",
                                    at: head.range, hint: "heads are numbered from 0: use head=0...\(layer.headCount - 1) or head=all")
            }
            return [h]
        }
    }

    /// The first example's weights of every head of `layer`: [head][query][key].
    private func attentionMatrices(of layer: any AttentionSource, path: String, at range: SourceRange) throws -> [[[Double]]] {
        guard let a = layer.lastAttention, a.rank == 4, a.shape[1] >= layer.headCount else {
            throw NotebookError("'\(path)' kept no attention weights from the forward pass", at: range,
                                hint: "the layer must see the input: check the model with `summary`")
        }
        let heads = a.shape[1]
        let queries = a.shape[2]
        let keys = a.shape[3]
        let p = a.buffer.pointer
        return (0..<heads).map { h in
            (0..<queries).map { q in
                (0..<keys).map { k in Double(p[(h * queries + q) * keys + k]) }
            }
        }
    }

    /// Labels of the positions of example `sample`: its tokens for sequence data, else nothing.
    private func positionLabels(data: any TrainingData, sample: Int) -> [String] {
        guard let sequences = data as? SequenceDataset else { return [] }
        return sequences.input(at: sample).map(String.init)
    }
}
