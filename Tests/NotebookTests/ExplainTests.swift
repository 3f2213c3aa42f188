// `explain`, `summary formulas=on` and the formula pages of `help`: every layer kind, loss, optimizer and
// metric of the language has an explanation; the parameter formulas printed for every layer of models of
// each family evaluate (from their text) to summary's counts; the step-by-step attention against the
// model's own forward pass; located errors; 78 columns.

import Foundation
import NeuralNet
@testable import Notebook
import TensorRuntime
import Testing
import TestSupport

@Suite struct ExplainTests {
    /// Models of every family, as layer lines (each after `model input=...`).
    static let models: [String: [String]] = [
        "mlp": ["model input=784", "dense 128 relu", "dropout 0.2", "dense 10 softmax"],
        "seed cnn": ["model input=150x150x3", "conv2d 32 3 relu", "maxpool 2", "conv2d 64 3 relu", "maxpool 2",
                     "conv2d 128 3 relu", "maxpool 2", "conv2d 128 3 relu", "maxpool 2", "flatten", "dense 512 relu", "dense 1 sigmoid"],
        "gpt": ["model input=16", "embedding 50 32", "positional learned", "transformer 4 64 causal=on",
                "transformer 2 48 key_dim=8", "layernorm", "dense 50 softmax"],
        "rnn": ["model input=12", "embedding 30 16", "lstm 24 return_sequences=on", "gru 20 return_sequences=on",
                "gru 18 reset_after=off return_sequences=on", "simplernn 12", "dense 5"],
        "autoencoder": ["model input=28x28x1", "conv2d 16 3 relu stride=2 padding=same", "conv2d 32 3 relu stride=2 padding=same",
                        "flatten", "dense 8", "sampling", "dense 1568 relu", "reshape 7x7x32",
                        "conv2dtranspose 16 3 relu stride=2 padding=same", "upsample 2", "conv2d 1 3 sigmoid padding=same"],
        "vit": ["head = model input=17x32", "layernorm", "dense 32 gelu",
                "model input=28x28x1", "patches 7 32", "classtoken", "positional sinusoidal", "attention 2",
                "sequential head", "token 0", "dense 10"],
        "blocks": ["block = model input=14x14x4", "conv2d 4 3 padding=same", "batchnorm", "activation relu",
                   "model input=28x28x1", "conv2d 4 3 padding=same", "avgpool 2", "residual block", "globalavgpool",
                   "dense 3 softmax"],
        "pooled sequence": ["model input=16", "embedding 40 8", "positional sinusoidal", "attention 2 key_dim=3",
                            "globalaveragepooling1d", "dense 3"],
    ]

    /// The params row of an `explain` text: `symbolic = numeric = count` (wrapped rows joined).
    func paramsRow(_ text: String) -> String? {
        let lines = text.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  params") }) else { return nil }
        var row = ""
        for line in lines[start...] {
            row += (row.isEmpty ? "" : " ") + line.dropFirst(13)
            if row.range(of: #" = [0-9,]+$"#, options: .regularExpression) != nil || row.hasSuffix("no weights") { return row }
        }
        return row
    }

    @Test(arguments: ["mlp", "seed cnn", "gpt", "rnn", "autoencoder", "vit", "blocks", "pooled sequence"])
    func everyLayersFormulaEvaluatesToSummarysCount(_ family: String) throws {
        let interpreter = Interpreter()
        runLines(interpreter, try #require(Self.models[family]))
        let model = try #require(interpreter.session.modelEntry?.model)
        var paths: [String] = []
        for layer in model.layers { paths += [layer.name] + layer.descendants.map { "\(layer.name).\($0.path)" } }
        for path in paths {
            let text = texts(try interpreter.execute(line: "explain \(path)")).joined(separator: "\n")
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 78 }, "\(path) is wider than 78 columns:\n\(text)")
            let row = try #require(paramsRow(text), "\(path): no params row in\n\(text)")
            let layer = try #require(Self.layer(path, in: model))
            let count = layer.parameters.reduce(0) { $0 + $1.tensor.count }
            if row.hasSuffix("no weights") { #expect(count == 0, "\(path)"); continue }
            let parts = row.components(separatedBy: " = ")
            let numeric = parts.count >= 3 ? parts[parts.count - 2] : parts[parts.count - 1]
            #expect(evaluateArithmetic(numeric) == count, "\(family) \(path): '\(numeric)' is not \(count)")
            #expect(parts.last == ModelSummary.grouped(count), "\(path): \(row)")
        }
        // summary formulas=on: each Formula cell (its rows below joined) evaluates to its Param #.
        guard case .table(let table) = try #require(try interpreter.execute(line: "summary formulas=on").first) else {
            Issue.record("summary formulas=on is not a table"); return
        }
        #expect(Interpreter.tableWidth(table) <= 78, "\(family): \(Interpreter.tableWidth(table)) columns")
        var cells: [(count: String, formula: String)] = []
        for row in table.rows {
            if !row[2].isEmpty { cells.append((row[2], row[3])) } else if let last = cells.popLast() {
                cells.append((last.count, row[3].isEmpty ? last.formula : last.formula + " " + row[3]))
            }
        }
        #expect(cells.count == model.layers.count)
        for (count, formula) in cells {
            let value = formula.isEmpty ? 0 : evaluateArithmetic(formula)
            #expect(value.map(ModelSummary.grouped) == count, "\(family): '\(formula)' is not \(count)")
        }
    }

    /// The layer at a dotted path of `model`.
    static func layer(_ path: String, in model: NeuralNet.Sequential) -> NeuralNet.Layer? {
        let parts = path.split(separator: ".").map(String.init)
        var layer = model.layers.first { $0.name == parts[0] }
        for part in parts.dropFirst() { layer = layer?.children.first { $0.name == part } }
        return layer
    }

    @Test func aConvolutionIsExplainedLineByLine() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["model input=28x28x1", "conv2d 8 3 relu", "maxpool 2", "conv2d 16 3 relu stride=2 padding=same"])
        let text = texts(try interpreter.execute(line: "explain conv2d_2")).joined(separator: "\n")
        #expect(text == """
            conv2d_2 (Conv2D): 16 filters 3x3 relu, stride 2, same
              computes   z[i,j,f] = b[f] + sum_{u,v<3,c<8} x[2i+u,2j+v,c]*W[u,v,c,f]
                         y = relu(z)
                         height 7 = ceil(13 / 2) (padding=same: zeros around x)
                         relu(x) = max(0, x)
              shapes     (None, 13, 13, 8) -> (None, 7, 7, 16)
              params     K*K*C*F + F = 3*3*8*16 + 16 = 1,168
                         K = 3 kernel side, C = 8 input channels, F = 16 filters
                         kernel W (3, 3, 8, 16); bias b (16)
              FLOPs      114,464 forward per example (a multiply-add counts 2)
              memory     784 output values per example (3.06 KB); training keeps 6.13 KB
                         with gradients, plus 129.06 KB scratch
              receptive  8x8 input pixels; neighbouring units 4 pixels apart
            """)
        // 2*7*7*16*(3*3*8) for the products, 2 per output value for the bias and relu.
        let outputs: Int = 7 * 7 * 16
        #expect(114_464 == outputs * 2 * 72 + outputs * 2)
    }

    @Test func everyLayerKindLossOptimizerAndMetricHasAnExplanation() throws {
        for entry in LayerRegistry.entries {
            let input = try #require(Help.formulaSamples[entry.word], "no example input for \(entry.word): add one to Help.formulaSamples")
            let layer = try #require(Help.sampleLayer(entry), "\(entry.word): its example does not build")
            let math = try #require(layer as? any LayerMath, "\(entry.word) (\(layer.typeName)) has no formula: adopt LayerMath")
            let formula = try math.formula(inputShape: input)
            #expect(evaluateArithmetic(formula.numeric) == (try layer.weightCount(inputShape: input)), "\(entry.word): \(formula.numeric)")
        }
        let interpreter = Interpreter()
        for loss in NeuralNet.Loss.words {
            #expect(texts(try interpreter.execute(line: "explain loss \(loss)")).first?.hasPrefix("\(loss) - ") == true, "\(loss)")
        }
        for optimizer in OptimizerKind.words {
            let text = texts(try interpreter.execute(line: "explain optimizer \(optimizer)")).joined()
            #expect(text.hasPrefix("\(optimizer) - ") && text.contains("w = w"), "\(optimizer)")
        }
        for metric in NeuralNet.Metric.words {
            #expect(texts(try interpreter.execute(line: "explain \(metric)")).first?.hasPrefix("\(metric) - ") == true, "\(metric)")
        }
    }

    @Test func theCompiledLossAndOptimizerShowWhatIsInUse() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 3", "load shapes count=64 classes=3", "model", "conv2d 4 3 relu l2=0.001", "flatten", "dense 3 softmax",
                               "compile optimizer=sgd lr=0.05 momentum=0.9 nesterov=on schedule=step step_size=2 gamma=0.5", "train 1"])
        let loss = texts(try interpreter.execute(line: "explain loss")).joined(separator: "\n")
        #expect(loss.contains("p = softmax(z), folded into the loss"))
        #expect(loss.contains("+ l2*sum w^2 over conv2d_1.kernel (l2 = 0.001)"))
        #expect(loss.contains("epoch 1: loss "))
        let optimizer = texts(try interpreter.execute(line: "explain optimizer")).joined(separator: "\n")
        #expect(optimizer.contains("w = w + mu*v - lr*g (Nesterov)"))
        #expect(optimizer.contains("lr = 0.05, mu = 0.9"))
        #expect(optimizer.contains("steps so far"))
        #expect(optimizer.contains("schedule: lr = base * 0.5^floor(e / 2) after epoch e, base = 0.05"))
        let accuracy = texts(try interpreter.execute(line: "explain accuracy")).joined(separator: "\n")
        #expect(accuracy.contains("epoch 1 of 'model': accuracy "))
    }

    @Test func stepsMatchTheModelsOwnAttentionAndItsTables() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 1", "load sequences reverse length=8 vocab=10 count=200", "model input=8", "embedding 10 16",
                               "positional learned", "transformer 2 32 causal=on", "dense 10 softmax"])
        let blocks = try interpreter.execute(line: "explain transformer_1 steps example=2 tokens=4 head=1")
        let tables = blocks.compactMap { block -> TableBlock? in if case .table(let t) = block { t } else { nil } }
        #expect(tables.map { String(($0.title ?? "").prefix(5)) } == ["Q = x", "K = x", "V = x", "S = Q", "A = s", "O = A"])
        let scores = tables[3], weights = tables[4]
        #expect(weights.rows.count == 4 && weights.headers.count == 5)
        // The model's own pass over the whole example: with the causal mask its first rows are the same.
        let model = try #require(interpreter.session.modelEntry?.model)
        let data = try #require(interpreter.session.data?.source.examples(.test))
        let batch = try BatchLoader(data: data).batch([2][...])
        _ = try GradMode.off { try model.forward(batch.inputs, ForwardContext(training: false)) }
        let block = try #require(model.layers[2] as? TransformerBlock)
        let real = try #require(block.attention.lastAttention)   // (1, 2, 8, 8)
        for q in 0..<4 {
            var sum = 0.0
            for k in 0..<4 {
                let shown = try #require(Double(weights.rows[q][k + 1]))
                #expect(abs(shown - Double(real.array[(1 * 8 + q) * 8 + k])) <= 0.0005, "A[\(q),\(k)]")
                #expect((scores.rows[q][k + 1] == "-inf") == (k > q))
                sum += shown
            }
            #expect(abs(sum - 1) <= 0.002)
        }
        let labels = try #require(interpreter.session.data?.sequences?.test.input(at: 2))
        #expect(weights.headers.dropFirst().map { $0 } == (0..<4).map { "\($0):\(labels[$0])" })
        for block in blocks {
            let lines = BlockRenderer(options: .ascii).render(block, width: 80).split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= 78 }, "\(lines.first ?? "")")
        }
        // Eight tokens: the widest tables still fit.
        for block in try interpreter.execute(line: "explain transformer_1.attention steps tokens=8") {
            #expect(BlockRenderer(options: .ascii).render(block, width: 80).split(separator: "\n").allSatisfy { $0.count <= 78 })
        }
    }

    @Test(arguments: [
        ExplainCase([], "explain conv2d_1", "1:9: error: explain needs a model to find 'conv2d_1' in: there is none yet - start one with `model`"),
        ExplainCase([], "explain loss", "error: there is no model, so no compiled loss to explain - name one: `explain loss mse`"),
        ExplainCase(["model input=4", "dense 2"], "explain optimizer", "error: model 'model' is not compiled, so it has no optimizer yet"),
        ExplainCase(["model input=4", "dense 2"], "explain dense_2", "1:9: error: no layer named 'dense_2' - did you mean 'dense_1'?"),
        ExplainCase(["model input=4", "dense 2"], "explain 3", "1:9: error: layer 3 does not exist: the model has 1 layer"),
        ExplainCase(["model input=4", "dense 2"], "explain dense_1.kernel", "error: 'dense_1' has no layer named 'kernel' - 'dense_1' holds no layers"),
        ExplainCase(["model input=4", "dense 2"], "explain dense_1 steps", "error: 'dense_1' (Dense) is not an attention layer: steps are shown for attention layers - the model has none"),
        ExplainCase(["model input=4", "dense 2"], "explain dense_1 tokens=3", "1:17: error: option 'tokens' only applies with steps"),
        ExplainCase(["model input=4", "dense 2"], "explain dense_1 stepz", "1:17: error: expected steps or the end of the line after a layer"),
        ExplainCase([], "explain loss msee", "1:14: error: unknown loss 'msee' - did you mean 'mse'?"),
        ExplainCase([], "explain optimizer adam tokens=3", "1:24: error: option 'tokens' only applies with steps"),
        ExplainCase(ExplainTests.sequenceModel, "explain 2 steps tokens=9", "1:24: error: tokens 9 for explain must be in [1, 8]"),
        ExplainCase(ExplainTests.sequenceModel, "explain 2 steps tokens=7", "1:24: error: tokens=7 but 'multi_head_attention_1' sees sequences of 6 tokens - use tokens=1...6"),
        ExplainCase(ExplainTests.sequenceModel, "explain 2 steps head=2", "1:22: error: head 2 is out of range: 'multi_head_attention_1' has 2 heads - heads are numbered from 0: use head=0...1"),
        ExplainCase(ExplainTests.sequenceModel, "explain 2 steps example=99", "1:25: error: example 99 is outside the test set (0...7) - use example=0...7"),
        ExplainCase(ExplainTests.sequenceModel, "explain 1 steps", "error: 'embedding_1' (Embedding) is not an attention layer: steps are shown for attention layers - attention layers are multi_head_attention_1"),
    ])
    func errorsAreLocatedWithAHint(_ c: ExplainCase) {
        let interpreter = Interpreter()
        runLines(interpreter, c.setup)
        let message = failure(interpreter, c.line) ?? "no error"
        #expect(message.contains(c.expected), "\(message)")
    }

    static let sequenceModel = ["seed 2", "load sequences reverse length=6 vocab=7 count=32 test=8", "model input=6",
                                "embedding 7 8", "attention 2", "dense 7 softmax"]

    @Test func summaryWithFormulasFitsEightyColumns() throws {
        let capture = TranscriptCapture(width: 80)
        capture.run((Self.models["gpt"] ?? []).joined(separator: "\n") + "\nsummary formulas=on")
        #expect(capture.errors.isEmpty, "\(capture.errors)")
        let lines = capture.output.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(capture.output)")
        #expect(capture.output.contains("| transformer_1         | (16, 32) |   8,544 | 3*(32*4*8 + 4*8) + 4*8*32 + |"))
    }

    @Test func helpGivesTheFormulas() {
        let params = Help.lines(for: "params")
        for entry in LayerRegistry.entries { #expect(params.contains { $0.hasPrefix("  \(entry.example) (on ") }, "\(entry.word)") }
        #expect(params.contains("      K*K*C*F + F = 3*3*1*32 + 32 = 320"))
        #expect(params.contains { $0.contains("3*(D*H*N + H*N) + H*N*D + D = 3*(64*4*16 + 4*16) + 4*16*64 + 64 = 16,640") })
        #expect(Help.lines(for: "attention").joined(separator: " ").contains("A = softmax(Q*K^T / sqrt(N))"))
        for topic in Help.concepts {
            let lines = Help.lines(for: topic)
            #expect(lines.first?.hasPrefix("\(topic) - ") == true, "\(topic)")
            #expect(lines.allSatisfy { $0.count <= 78 }, "\(topic): \(lines.filter { $0.count > 78 })")
        }
        #expect(Help.lines(for: "parms") == ["no help for 'parms' - did you mean 'params'?"])
    }
}

/// One refused `explain` line: the lines before it, the line and what its error says.
struct ExplainCase: Sendable, CustomTestStringConvertible {
    var setup: [String]
    var line: String
    var expected: String
    init(_ setup: [String], _ line: String, _ expected: String) {
        self.setup = setup
        self.line = line
        self.expected = expected
    }
    var testDescription: String { line }
}
