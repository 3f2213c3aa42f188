import TensorRuntime
import NeuralNet

extension Interpreter {
    func makeModel(_ spec: MakeModel, binding: Located<String>?, at range: SourceRange) throws -> [OutputBlock] {
        let input: [Int]
        if let shape = spec.input {
            input = shape.value.dimensions
        } else if let d = session.data {
            input = d.sampleShape
        } else {
            throw NotebookError("the model's input shape is unknown", at: range,
                                hint: "load data first, or give it: `model input=28x28x1`")
        }
        let made = session.modelsMade + 1
        let name = binding?.value ?? spec.name?.value ?? (made == 1 ? "model" : "model_\(made)")
        if session.datasets[name] != nil {
            throw NotebookError("'\(name)' already names a data set", at: binding?.range ?? spec.name?.range ?? range, hint: "choose another name, e.g. `clf = model`")
        }
        session.modelsMade = made
        let model = try NeuralNet.Sequential(inputShape: input, seed: session.seed &+ UInt64(session.modelsMade))
        session.models[name] = ModelEntry(name: name, model: model)
        session.currentModel = name
        return [.text("model '\(name)' - input \(input.map(String.init).joined(separator: "x"))", style: .success)]
    }

    /// The NeuralNet layer a layer line describes, made by its registry entry.
    func makeLayer(_ spec: LayerSpec) throws -> NeuralNet.Layer {
        let context = LayerBuildContext { [session] name in session.models[name]?.model }
        let arguments = try spec.arguments.resolvingDataSizes(spec.entry, command: spec.entry.word) { value, size in
            try dataSize(size, at: value.range)
        }
        let layer: NeuralNet.Layer
        do {
            layer = try spec.entry.build(arguments, context)
        } catch let located as NotebookError {
            throw located
        } catch {
            throw NotebookError(error, at: spec.range)
        }
        if let name = spec.name { layer.name = name.value }
        return layer
    }

    /// The current data's vocabulary size or class count, for `vocab` / `classes` in a layer line.
    private func dataSize(_ size: DataSize, at range: SourceRange) throws -> Int {
        guard let data = session.data else {
            throw NotebookError("`\(size.rawValue)` stands for the loaded data's \(size == .vocab ? "vocabulary size" : "class count"), but no data is loaded",
                                at: range, hint: "load data first (e.g. `load sequences reverse` or `load fashion-mnist`), or give the number")
        }
        let name = data.name
        switch size {
        case .classes:
            guard !data.classNames.isEmpty else {
                throw NotebookError("'\(name)' holds \(data.source.kind) without classes", at: range, hint: "give the number of outputs")
            }
            return data.classNames.count
        case .vocab:
            guard let vocabulary = data.source.vocabularySize else {
                throw NotebookError("'\(name)' holds \(data.source.kind), which have no vocabulary", at: range,
                                    hint: data.classNames.isEmpty ? "give the number" : "`classes` is its class count (\(data.classNames.count))")
            }
            return vocabulary
        }
    }

    /// Applies an edit; a layer that does not fit is reported at the layer line, naming both shapes.
    /// `replacing`: the index of a layer the edit replaces, whose name the new layer may take over.
    private func edit(_ m: ModelEntry, spec: LayerSpec?, replacing: Int? = nil, at range: SourceRange, _ body: () throws -> Void) throws {
        if let name = spec?.name, m.model.layers.indices.contains(where: { $0 != replacing && m.model.layers[$0].name == name.value }) {
            throw NotebookError("a layer named '\(name.value)' already exists", at: name.range, hint: "choose another name")
        }
        do { try body() } catch let e as ModelError {
            throw NotebookError(e.message, at: range, hint: e.hint ?? hint(for: e))
        }
        m.trainer?.optimizer.retain(only: m.model.trainableParameters)
    }

    private func hint(for e: ModelError) -> String? {
        if case .shapeMismatch = e { return "check `summary` for the shapes; `flatten` turns images into vectors, `reshape` the other way" }
        return nil
    }

    private func layerLine(_ m: ModelEntry, _ i: Int) -> OutputBlock {
        let l = m.model.layers[i], shape = m.model.outputShapes[i]
        let params = l.parameters.reduce(0) { $0 + $1.tensor.count }
        return .text("\(i + 1). \(l.name) (\(l.typeName)) -> \(ModelSummary.describe(shape)), \(ModelSummary.grouped(params)) params", style: .success)
    }

    func addLayer(_ spec: LayerSpec, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let layer = try makeLayer(spec)
        try edit(m, spec: spec, at: spec.range) { try m.model.add(layer) }
        return [layerLine(m, m.model.layers.count - 1)]
    }

    func insertLayer(_ spec: LayerSpec, at ref: Located<LayerRef>) throws -> [OutputBlock] {
        let m = try requireModel(at: ref.range)
        let i = try layerIndex(ref, in: m.model, allowEnd: true)
        let layer = try makeLayer(spec)
        try edit(m, spec: spec, at: spec.range) { try m.model.insert(layer, at: i) }
        return [layerLine(m, i)]
    }

    func removeLayer(_ ref: Located<LayerRef>) throws -> [OutputBlock] {
        let m = try requireModel(at: ref.range)
        let i = try layerIndex(ref, in: m.model)
        var removed: NeuralNet.Layer?
        try edit(m, spec: nil, at: ref.range) { removed = try m.model.remove(at: i) }
        return [.text("removed \(removed?.name ?? "the layer"); the model has \(m.model.layers.count) layers", style: .success)]
    }

    func replaceLayer(_ ref: Located<LayerRef>, with spec: LayerSpec) throws -> [OutputBlock] {
        let m = try requireModel(at: ref.range)
        let i = try layerIndex(ref, in: m.model)
        let layer = try makeLayer(spec)
        let old = m.model.layers[i].name
        try edit(m, spec: spec, replacing: i, at: spec.range) { try m.model.replace(at: i, with: layer) }
        return [.text("replaced \(old)", style: .note), layerLine(m, i)]
    }

    func setFrozen(_ ref: Located<LayerRef>, _ frozen: Bool) throws -> [OutputBlock] {
        let m = try requireModel(at: ref.range)
        let i = try layerIndex(ref, in: m.model)
        try m.model.setTrainable(!frozen, at: i)
        let layer = m.model.layers[i]
        let count = layer.parameters.reduce(0) { $0 + $1.tensor.count }
        return [.text("\(frozen ? "froze" : "unfroze") \(layer.name) (\(ModelSummary.grouped(count)) weights)", style: .success)]
    }

    func summaryBlock(at range: SourceRange) throws -> OutputBlock { try summaryBlock(of: requireModel(at: range)) }

    /// Keras's table. When it is wider than 78 columns (80 less the notebook's indent), the batch
    /// dimension is left out of the shapes and long type names are abbreviated (`GlobalAvgPool1D`),
    /// so that names are not cut.
    func summaryBlock(of m: ModelEntry) throws -> OutputBlock {
        let s = m.model.summary
        let footer = ["Total params: \(ModelSummary.grouped(s.total)) (\(ModelSummary.memory(s.bytes)))",
                      "Trainable params: \(ModelSummary.grouped(s.trainable)) (\(ModelSummary.memory(s.trainable * 4)))",
                      "Non-trainable params: \(ModelSummary.grouped(s.nonTrainable)) (\(ModelSummary.memory(s.nonTrainable * 4)))"]
        // A quantised model adds each layer's bytes (int8: 1 a kernel value + 4 a scale; float32: 4 a value).
        let quantised = m.model.quantization
        let bytes = m.model.layers.indices.map { m.model.weightBytes(layer: $0) }
        let sizeFooter = quantised.map { q in
            ["Weights in memory: \(ModelSummary.memory(bytes.reduce(0, +))) with \(q.layers.count) int8 layer\(q.layers.count == 1 ? "" : "s") (float32: \(ModelSummary.memory(s.bytes)))"]
        } ?? []
        func table(compact: Bool) -> TableBlock {
            let rows = zip(s.rows, bytes).map { r, b in
                [r.name + (r.trainable ? "" : " (frozen)") + (quantised?.layers[r.name] == nil ? "" : " (int8)"), compact ? Self.abbreviated(r.type) : r.type,
                 compact ? ModelSummary.describe(r.outputShape).replacingOccurrences(of: "None, ", with: "") : ModelSummary.describe(r.outputShape),
                 ModelSummary.grouped(r.parameters)] + (quantised == nil ? [] : [ModelSummary.grouped(b)])
            }
            return TableBlock(title: "Model: \"\(m.name)\" - input \(ModelSummary.describe(s.inputShape))",
                              headers: ["Layer", "Type", compact ? "Output" : "Output Shape", "Param #"] + (quantised == nil ? [] : ["Bytes"]), rows: rows,
                              footer: footer + sizeFooter + (compact ? ["Shapes without the batch dimension; types abbreviated (Avg = Average, Pool = Pooling, Norm = Normalization)."] : []))
        }
        let full = table(compact: false)
        if Self.tableWidth(full) <= 78 { return .table(full) }
        var compact = table(compact: true)
        let nameWidth = compact.rows.map { $0.first?.count ?? 0 }.max() ?? 0
        let room = 78 - (Self.tableWidth(compact) - max(5, nameWidth))
        if Self.tableWidth(compact) > 78, room >= 12 {
            // Names still too long go on in the rows below them, broken after a `_` or `.` where one fits.
            compact.rows = compact.rows.flatMap { row -> [[String]] in
                let pieces = Self.nameLines(row.first ?? "", width: room)
                return [[pieces[0]] + row.dropFirst()] + pieces.dropFirst().map { [$0] + Array(repeating: "", count: row.count - 1) }
            }
        }
        return .table(compact)
    }

    /// `name` in pieces of at most `width` characters, each broken after the last `_`, `.` or blank that fits
    /// (in the middle of a word only when none does).
    static func nameLines(_ name: String, width: Int) -> [String] {
        var rest = Substring(name)
        var pieces: [String] = []
        while rest.count > width {
            let head = rest.prefix(width)
            let cut = head.lastIndex { "_. ".contains($0) }.map { head.index(after: $0) } ?? head.endIndex
            let piece = rest[..<(cut == head.startIndex ? head.endIndex : cut)]
            pieces.append(String(piece))
            rest = rest[piece.endIndex...]
        }
        return pieces + [String(rest)]
    }

    /// `GlobalAveragePooling1D` -> `GlobalAvgPool1D`, `BatchNormalization` -> `BatchNorm`.
    static func abbreviated(_ type: String) -> String {
        type.replacingOccurrences(of: "Average", with: "Avg").replacingOccurrences(of: "Pooling", with: "Pool")
            .replacingOccurrences(of: "Normalization", with: "Norm")
    }
}
