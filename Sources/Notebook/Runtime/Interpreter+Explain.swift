import TensorRuntime
import NeuralNet

/// A layer found by `explain`: its path in the model, the shape entering it and the receptive field of
/// what enters it (what one unit of its input sees of the model's input).
struct ExplainedLayer {
    let path: String
    let layer: NeuralNet.Layer
    let inputShape: [Int]
    let fieldBefore: ReceptiveField
}

extension Interpreter {
    /// `explain LAYER`: formula, shapes, parameter count as arithmetic, FLOPs, memory and receptive field.
    func explainLayer(_ ref: Located<LayerRef>, at range: SourceRange) throws -> [OutputBlock] {
        let found = try explainedLayer(ref, at: range)
        let layer = found.layer
        let formula = try guarded(at: ref.range) { () throws -> LayerFormula in
            guard let math = layer as? any LayerMath else { throw NotebookError("no formula is written for \(layer.typeName) yet", at: ref.range) }
            return try math.formula(inputShape: found.inputShape)
        }
        let out = try guarded(at: ref.range) { try layer.outputShape(for: found.inputShape) }
        let count = layer.parameters.reduce(0) { TensorRuntime.Shape.saturatingSum($0, $1.tensor.count) }
        let work = try guarded(at: ref.range) { try layer.work(inputShape: found.inputShape, batch: 1) }
        let memory = try guarded(at: ref.range) { try layer.memory(inputShape: found.inputShape, batch: 1) }
        let field = found.fieldBefore.after((layer as? any LayerMath)?.reach(inputShape: found.inputShape) ?? .whole)
        var rows: [(key: String, about: String)] = formula.computes.enumerated().map { ($0.offset == 0 ? "computes" : "", $0.element) }
        rows.append(("shapes", "\(ModelSummary.describe(found.inputShape)) -> \(ModelSummary.describe(out))"))
        // The worked count on one row when it fits, else each `= ...` on a row of its own.
        let worked = formula.numeric == "0" ? "0: no weights" : formula.worked(ModelSummary.grouped(count))
        let steps = worked.count <= 65 ? [worked] : worked.components(separatedBy: " = ").enumerated().map { $0.offset == 0 ? $0.element : "= " + $0.element }
        rows += steps.enumerated().map { ($0.offset == 0 ? "params" : "", $0.element) }
        if !formula.letters.isEmpty { rows.append(("", formula.letters.joined(separator: ", "))) }
        if !formula.weights.isEmpty { rows.append(("", formula.weights.joined(separator: "; "))) }
        rows.append(("FLOPs", "\(ModelSummary.grouped(work.forwardFLOPs)) forward per example (a multiply-add counts 2)"))
        let outValues = TensorRuntime.Shape.count(out)
        rows.append(("memory", "\(ModelSummary.grouped(outValues)) output values per example (\(ModelSummary.memory(LayerMemory.bytes(values: outValues))));"
                     + " training keeps \(ModelSummary.memory(memory.activations)) with gradients, plus \(ModelSummary.memory(memory.scratch)) scratch"))
        rows.append(("receptive", Self.describe(field, modelInput: try requireModel(at: range).model.inputShape)))
        let title = "\(found.path) (\(layer.typeName))" + (layer.configSummary.isEmpty ? "" : ": \(layer.configSummary)")
        return [.text((Help.wrap(title, width: 78) + Help.table(rows)).joined(separator: "\n"))]
    }

    /// The layer `ref` names: a number or name of the model's layers, or a path into a block
    /// (`transformer_1.attention`, `residual_1.conv2d_1`), with the shape entering it.
    func explainedLayer(_ ref: Located<LayerRef>, at range: SourceRange) throws -> ExplainedLayer {
        guard let m = session.modelEntry else {
            throw NotebookError("explain needs a model to find '\(ref.value)' in: there is none yet", at: ref.range,
                                hint: "start one with `model`; explain loss NAME, explain optimizer NAME and explain METRIC need none")
        }
        let model = m.model
        let fields = model.receptiveFields
        let parts: [String]
        let top: Int
        if case .name(let name) = ref.value, name.contains(".") {
            parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            top = try layerIndex(ref.map { _ in .name(parts[0]) }, in: model)
        } else {
            top = try layerIndex(ref, in: model)
            parts = [model.layers[top].name]
        }
        var found = ExplainedLayer(path: parts[0], layer: model.layers[top], inputShape: model.inputShape(ofLayer: top),
                                   fieldBefore: top == 0 ? ReceptiveField(inputShape: model.inputShape) : fields[top - 1])
        for part in parts.dropFirst() {
            let container = found.layer
            let kids = container.children
            guard let i = kids.firstIndex(where: { $0.name == part }) else {
                let names = kids.map { found.path + "." + $0.name }
                let near = Suggestions.best(for: found.path + "." + part, among: names).map { "did you mean '\($0)'?" }
                throw NotebookError("'\(found.path)' has no layer named '\(part)'", at: ref.range,
                                    hint: near ?? (names.isEmpty ? "'\(found.path)' holds no layers" : "its layers are " + names.joined(separator: ", ")))
            }
            let shapes = try guarded(at: ref.range) { try (container as? any LayerMath)?.childInputShapes(inputShape: found.inputShape) ?? [] }
            guard i < shapes.count else { throw NotebookError("'\(found.path).\(part)' is not built yet", at: ref.range) }
            let before = zip(kids[..<i], shapes[..<i]).map { kid, shape in (kid as? any LayerMath)?.reach(inputShape: shape) ?? .whole }
            found = ExplainedLayer(path: found.path + "." + part, layer: kids[i], inputShape: shapes[i],
                                   fieldBefore: found.fieldBefore.after(.chain(before)))
        }
        return found
    }

    /// The receptive field in words: `3x3 input pixels; neighbouring units 1 pixel apart`.
    static func describe(_ field: ReceptiveField, modelInput: [Int]) -> String {
        switch field {
        case let .pixels(size, jump):
            let side = Int(size.rounded(.up))
            let apart = jump >= 1 ? "\(Int(jump.rounded())) pixel\(jump == 1 ? "" : "s")" : "1/\(Int((1 / jump).rounded())) pixel"
            guard modelInput.count == 3, side < max(modelInput[0], modelInput[1]) else {
                return "\(side)x\(side) input pixels: all of the \(modelInput.prefix(2).map(String.init).joined(separator: "x")) input"
            }
            return "\(side)x\(side) input pixels\(size == size.rounded() ? "" : " at most"); neighbouring units \(apart) apart"
        case .position:
            return "one input position (its own token or value)"
        case .earlierTokens:
            return "its own token and every earlier one (causal)"
        case .whole:
            return "the whole input \(ModelSummary.describe(modelInput).replacingOccurrences(of: "None, ", with: ""))"
        }
    }
}
