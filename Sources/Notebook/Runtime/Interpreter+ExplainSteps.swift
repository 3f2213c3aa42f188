import Foundation
import TensorRuntime
import NeuralNet

extension Interpreter {
    /// `explain LAYER steps [example=N] [tokens=T] [head=H] [from=SPLIT]`: self-attention of one head worked
    /// through on the first tokens of one example, as tables: Q, K, V, the scores, the softmax weights and
    /// the weighted sum. The layer's input is the model's own (the layers before it run on the whole example
    /// in inference mode); the first T tokens of it then attend among themselves through the layer's own pass.
    func explainSteps(_ ref: Located<LayerRef>, _ options: ExplainSteps, at range: SourceRange) throws -> [OutputBlock] {
        let found = try explainedLayer(ref, at: range)
        let m = try requireModel(at: range)
        let (attention, parts, top) = try attentionTarget(found, ref: ref, in: m.model)
        let path = parts.joined(separator: ".")
        let entry = try requireData(at: range)
        let data = try examples(entry, options.from)
        let example = options.example.value
        guard example < data.count else {
            throw NotebookError("example \(example) is outside the \(options.from.value.rawValue) set (0...\(data.count - 1))",
                                at: options.example.range, hint: "use example=0...\(data.count - 1)")
        }
        let batch = try guarded(at: range) { try BatchLoader(data: data).batch([example][...]) }
        let input = try attentionInput(parts, top: top, example: batch.inputs, in: m.model, at: range)
        let tokens = input.shape[1]
        guard options.tokens.value <= tokens else {
            throw NotebookError("tokens=\(options.tokens.value) but '\(path)' sees sequences of \(tokens) tokens", at: options.tokens.range,
                                hint: "use tokens=1...\(min(tokens, Explain.maxTokens))")
        }
        guard options.head.value < attention.heads else {
            throw NotebookError("head \(options.head.value) is out of range: '\(path)' has \(attention.heads) head\(attention.heads == 1 ? "" : "s")",
                                at: options.head.range, hint: "heads are numbered from 0: use head=0...\(attention.heads - 1)")
        }
        let shown = options.tokens.value
        let steps = try guarded(at: range) {
            try attention.steps(Tensor.slice(input, axis: 1, range: 0..<shown), head: options.head.value)
        }
        let labels = tokenLabels(batch.inputs, model: m.model, data: entry, count: shown)
        let intro = "\(path), head \(steps.head) of \(attention.heads): self-attention on the first \(shown) of \(tokens) tokens of "
            + "\(options.from.value.rawValue) example \(example), N = \(steps.keyDim) values per head. x is the layer's input"
            + (found.layer is TransformerBlock ? " (LN1 of the block's input)" : "") + "; "
            + (attention.causal ? "with the causal mask these rows are the model's own for the whole sequence."
                                : "these \(shown) tokens attend among themselves (over all \(tokens), each would also see the later ones).")
        return [.text(Help.wrap(intro, width: 78).joined(separator: "\n"))] + Self.stepTables(steps, labels: labels, path: path, heads: attention.heads)
    }

    /// The attention layer `found` is or holds (a transformer's) and the layers leading to it: its path from
    /// the model's layer `top`, through blocks whose layers run one after another up to it.
    private func attentionTarget(_ found: ExplainedLayer, ref: Located<LayerRef>,
                                 in model: NeuralNet.Sequential) throws -> (attention: MultiHeadAttention, path: [String], top: Int) {
        var parts = found.path.split(separator: ".").map(String.init)
        if found.layer is TransformerBlock { parts.append("attention") }
        let top = model.layers.firstIndex { $0.name == parts[0] } ?? 0
        var layer: NeuralNet.Layer = model.layers[top]
        for part in parts.dropFirst() {
            guard layer is NeuralNet.Sequential || layer is Residual || layer is TransformerBlock,
                  let next = layer.children.first(where: { $0.name == part }) else { break }
            layer = next
        }
        guard let attention = layer as? MultiHeadAttention, layer === found.layer || found.layer is TransformerBlock else {
            let paths = Self.attentionLayers(model).map(\.path)
            throw NotebookError("'\(found.path)' (\(found.layer.typeName)) is not an attention layer: steps are shown for attention layers", at: ref.range,
                                hint: paths.isEmpty ? "the model has none: add one, e.g. `attention 2` after `embedding` and `positional learned`"
                                                    : "attention layers are " + paths.joined(separator: ", "))
        }
        return (attention, parts, top)
    }

    /// The real input of the attention at `path` for the examples `x`: the model's layers before `top`, then in
    /// each block the layers before the next one on the path, all in inference mode.
    private func attentionInput(_ path: [String], top: Int, example x: Tensor, in model: NeuralNet.Sequential,
                                at range: SourceRange) throws -> Tensor {
        let context = ForwardContext(training: false)
        return try guarded(at: range) {
            try GradMode.off {
                var h = try model.forward(x, layers: 0..<top, context)
                var layer: NeuralNet.Layer = model.layers[top]
                for part in path.dropFirst() {
                    guard let i = layer.children.firstIndex(where: { $0.name == part }) else { break }
                    for before in layer.children[..<i] { h = try before.forward(h, context, skipOutputActivation: false) }
                    layer = layer.children[i]
                }
                return h
            }
        }
    }

    /// Labels of the first `count` positions: position and token (`2 'a'`) for token inputs, else the position.
    private func tokenLabels(_ inputs: Tensor, model: NeuralNet.Sequential, data: DataEntry, count: Int) -> [String] {
        let names = data.source.vocabularySize == nil ? [] : data.classNames
        guard model.inputShape.count == 1, model.layers.first is Embedding, inputs.count >= count else {
            // Patches of a picture, after the class token when the model has one.
            guard model.inputShape.count == 3 else { return (0..<count).map { "t\($0)" } }
            let first = model.layers.contains { $0 is ClassToken } ? ["cls"] : []
            return Array((first + (0..<count).map { "p\($0)" }).prefix(count))
        }
        return (0..<count).map { i in
            let id = Int(inputs.buffer.pointer[i])
            let token = id >= 0 && id < names.count ? names[id] : String(id)
            return String("\(i):\(token)".prefix(8))
        }
    }

    /// The tables of `steps`, each titled with its formula.
    static func stepTables(_ steps: AttentionSteps, labels: [String], path: String, heads: Int) -> [OutputBlock] {
        let n = steps.keyDim, dims = min(n, 6), h = steps.head
        let part = dims < n ? " (\(dims) of its \(n) columns)" : " (its \(n) columns)"
        let dimHeaders = (0..<dims).map { "d\($0)" }
        func vectors(_ title: String, _ rows: [[Float]]) -> OutputBlock {
            .table(TableBlock(title: title + part, headers: ["token"] + dimHeaders,
                              rows: zip(labels, rows).map { [$0] + $1.prefix(dims).map(short) }))
        }
        let root = sqrtf(Float(n))
        let rootText = root == root.rounded() ? String(Int(root)) : String(format: "%.2f", root)
        let scores = TableBlock(title: "S = Q*K^T / sqrt(\(n)) = Q*K^T / \(rootText): rows are queries, columns keys",
                                headers: ["query"] + labels,
                                rows: steps.scores.enumerated().map { q, row in
                                    [labels[q]] + row.enumerated().map { k, s in steps.isMasked(query: q, key: k) ? "-inf" : short(s) }
                                },
                                footer: steps.causal ? ["causal: -inf where the key comes after the query (the mask)"] : [])
        let sums = steps.weights.map { $0.reduce(0, +) }
        let weights = TableBlock(title: "A = softmax(S), row by row: A[q,k] = exp(S[q,k]) / sum_j exp(S[q,j])",
                                 headers: ["query"] + labels,
                                 rows: steps.weights.enumerated().map { q, row in [labels[q]] + row.map { String(format: "%.3f", $0) } },
                                 footer: ["row sums: " + sums.map { String(format: "%.3f", $0) }.joined(separator: " ")])
        return [vectors("Q = x*Wq + bq, head \(h)", steps.query),
                vectors("K = x*Wk + bk, head \(h)", steps.key),
                vectors("V = x*Wv + bv, head \(h)", steps.value),
                .table(scores), .table(weights),
                vectors("O = A*V, head \(h)'s output: weighted sums of V's rows", steps.output),
                .text("The heads side by side, [\(heads <= 3 ? (0..<heads).map { "O_\($0)" }.joined(separator: " ") : "O_0 ... O_\(heads - 1)")]*Wo + bo, "
                      + "give the layer's output (explain \(path)).", style: .note)]
    }

    /// At most 5 characters: -1.23, 12.3, -123.
    private static func short(_ x: Float) -> String {
        let a = abs(x)
        if a < 9.995 { return String(format: "%.2f", x) }
        if a < 99.95 { return String(format: "%.1f", x) }
        return String(format: "%.0f", x)
    }
}
