import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// The layers of a transformer model: forward values against their definitions, gradient checks of input and
// weights, Keras's parameter counts (by the formulas written here) and hinted refusals.

/// Builds `layer` for `inputShape` with a fixed seed and randomises its biases and norms' offsets.
private func built<L: Layer>(_ layer: L, _ inputShape: [Int], seed: UInt64 = 1) -> L {
    var rng = SeededGenerator(seed: seed)
    layer.build(inputShape: inputShape, rng: &rng)
    for (i, entry) in layer.parameterTree.enumerated() where entry.name.hasSuffix("bias") || entry.name.hasSuffix("beta") || entry.name.hasSuffix("gamma") {
        let low: Float = entry.name.hasSuffix("gamma") ? 0.5 : -0.3
        randomize(entry.parameter.tensor, seed: seed + UInt64(i), range: low...(low + 0.6))
    }
    return layer
}

/// Every input of a gradient check: x and the layer's trainable weights.
private func checked(_ x: Tensor, _ layer: Layer) -> [Tensor] {
    [x] + layer.parameterTree.filter(\.parameter.trainable).map(\.parameter.tensor)
}

@Suite("Transformer layers")
struct TransformerLayerTests {
    /// keras_hub TransformerEncoder(normalize_first=True): attention, two LayerNormalization (2·D each),
    /// Dense(MLP) and Dense(D).
    static func kerasEncoderParameters(features d: Int, heads h: Int, mlp m: Int) -> Int {
        kerasAttentionParameters(features: d, heads: h, keyDim: d / h) + 2 * (2 * d) + (d * m + m) + (m * d + d)
    }

    @Test func transformerBlockIsPreLNWithResiduals() throws {
        let block = built(try TransformerBlock(heads: 2, mlpUnits: 5), [3, 4])
        let x = randomTensor([2, 3, 4], seed: 2)
        let ctx = ForwardContext(training: false)
        let y = try block(x, ctx)
        let projection = try #require(block.projection)
        let h = try Tensor.add(x, block.attention(block.norm1(x, ctx), ctx))
        let expected = try Tensor.add(h, projection(block.hidden(block.norm2(h, ctx), ctx), ctx))
        #expect(y.shape == [2, 3, 4])
        #expect(allClose(y.array, expected.array))
        #expect(block.hidden.activation == .gelu)
    }

    @Test("TransformerBlock gradients: input, layer norms inside, attention, MLP", arguments: [false, true])
    func transformerGradients(causal: Bool) throws {
        let block = built(try TransformerBlock(heads: 2, mlpUnits: 5, causal: causal), [3, 4], seed: 3)
        let x = randomTensor([2, 3, 4], seed: 4)
        let ctx = ForwardContext(training: true)
        let result = try gradientCheck(inputs: checked(x, block)) { try block(x, ctx) }
        #expect(result.passed, "\(result)")
    }

    @Test func transformerCountsAndNamesAreKeras() throws {
        let block = try TransformerBlock(heads: 4, mlpUnits: 128)
        block.name = "transformer_1"
        #expect(try block.weightCount(inputShape: [16, 64]) == Self.kerasEncoderParameters(features: 64, heads: 4, mlp: 128))
        _ = built(block, [16, 64])
        #expect(block.parameters.reduce(0) { $0 + $1.tensor.count } == Self.kerasEncoderParameters(features: 64, heads: 4, mlp: 128))
        let names = block.parameters.map(\.name)
        #expect(names.first == "layer_normalization_1.gamma")
        #expect(names.contains("attention.query.kernel") && names.contains("dense_2.bias"))
        #expect(block.children.map(\.name) == ["layer_normalization_1", "attention", "layer_normalization_2", "dense_1", "dense_2"])
        #expect(block.configSummary == "4 heads, key_dim 16, mlp 128")
    }

    @Test func transformerCloneIsDeepAndFreezingReachesEveryChild() throws {
        let block = built(try TransformerBlock(heads: 2, mlpUnits: 5), [3, 4])
        let copy = try #require(block.clone() as? TransformerBlock)
        #expect(copy.parameters.map(\.tensor.array) == block.parameters.map(\.tensor.array))
        #expect(copy.parameters.map(\.name) == block.parameters.map(\.name))
        copy.parameters[0].tensor.buffer.pointer[0] += 1
        #expect(copy.parameters[0].tensor.array != block.parameters[0].tensor.array)
        block.isTrainable = false
        #expect(block.parameterTree.allSatisfy { !$0.isTrained })
        #expect(copy.parameterTree.contains { $0.isTrained })
    }

    @Test func learnedPositionsAddATrainedTableWithGradients() throws {
        let layer = built(PositionalEncoding(.learned), [3, 4])
        #expect(try layer.weightCount(inputShape: [3, 4]) == 12)
        #expect(layer.typeName == "PositionEmbedding")
        let table = try #require(layer.table)
        let x = randomTensor([2, 3, 4], seed: 5)
        let y = try layer(x, ForwardContext(training: false))
        for i in 0..<x.count { #expect(abs(y.array[i] - (x.array[i] + table.array[i % 12])) < 1e-6) }
        let result = try gradientCheck(inputs: [x, table]) { try layer(x, ForwardContext(training: true)) }
        #expect(result.passed, "\(result)")
    }

    @Test func sinusoidalPositionsAreTheFixedTable() throws {
        let layer = built(PositionalEncoding(.sinusoidal), [5, 6])
        #expect(layer.parameters.isEmpty)
        #expect(try layer.weightCount(inputShape: [5, 6]) == 0)
        let x = Tensor(zeros: [1, 5, 6])
        let y = try layer(x, ForwardContext(training: false)).array
        for t in 0..<5 {
            for i in 0..<6 {
                let angle = Double(t) / pow(10_000, Double(2 * (i / 2)) / 6)
                let expected = i % 2 == 0 ? sin(angle) : cos(angle)
                #expect(abs(Double(y[t * 6 + i]) - expected) < 1e-6, "t \(t) i \(i)")
            }
        }
    }

    @Test func patchEmbeddingProjectsRowMajorPatches() throws {
        let layer = built(try PatchEmbedding(size: 2, dimension: 3), [4, 6, 2])
        #expect(try layer.outputShape(for: [4, 6, 2]) == [6, 3])
        #expect(try layer.weightCount(inputShape: [28, 28, 1]) == 2 * 2 * 1 * 3 + 3)
        let x = randomTensor([2, 4, 6, 2], seed: 6)
        let y = try layer(x, ForwardContext(training: false))
        let expected = try layer.projection(Tensor.patches(x, size: 2), ForwardContext(training: false))
        #expect(y.shape == [2, 6, 3] && y.array == expected.array)
        let result = try gradientCheck(inputs: checked(x, layer)) { try layer(x, ForwardContext(training: true)) }
        #expect(result.passed, "\(result)")
        #expect(layer.parameters.map(\.name) == ["projection.kernel", "projection.bias"])
    }

    @Test func classTokenPrependsALearnedVector() throws {
        let layer = built(ClassToken(), [3, 4])
        #expect(try layer.outputShape(for: [3, 4]) == [4, 4])
        let token = try #require(layer.token)
        randomize(token, seed: 7)
        let x = randomTensor([2, 3, 4], seed: 8)
        let y = try layer(x, ForwardContext(training: false)).array
        #expect(Array(y[0..<4]) == token.array && Array(y[16..<20]) == token.array)
        #expect(Array(y[4..<16]) == Array(x.array[0..<12]))
        let result = try gradientCheck(inputs: [x, token]) { try layer(x, ForwardContext(training: true)) }
        #expect(result.passed, "\(result)")
    }

    @Test func tokenSelectAndMeanPoolingReduceTheSequence() throws {
        let x = randomTensor([2, 3, 4], seed: 9)
        let select = try TokenSelect(index: 1)
        let picked = try select(x, ForwardContext(training: false))
        #expect(picked.shape == [2, 4] && picked.array == Array(x.array[4..<8]) + Array(x.array[16..<20]))
        #expect(try gradientCheck(inputs: [x]) { try select(x, ForwardContext(training: true)) }.passed)
        let pool = GlobalAveragePooling1D()
        #expect(try pool.outputShape(for: [3, 4]) == [4])
        let mean = try pool(x, ForwardContext(training: false))
        #expect(allClose(mean.array, try Tensor.mean(x, axis: 1).array))
        #expect(try gradientCheck(inputs: [x]) { try pool(x, ForwardContext(training: true)) }.passed)
    }

    @Test func residualAroundAttentionChecks() throws {
        let attention = try builtAttention(heads: 2, tokens: 3, features: 4, seed: 10)
        let residual = Residual(attention)
        let x = randomTensor([2, 3, 4], seed: 11)
        let result = try gradientCheck(inputs: checked(x, residual)) { try residual(x, ForwardContext(training: true)) }
        #expect(result.passed, "\(result)")
    }

    @Test func embeddingThenPositionsThenAttentionChecks() throws {
        // Token ids -> vectors -> + positions -> attention: gradients reach the embedding table through it all.
        let embedding = built(try Embedding(vocabulary: 6, dimension: 4), [3])
        let positions = built(PositionalEncoding(.learned), [3, 4])
        let attention = try builtAttention(heads: 2, tokens: 3, features: 4, causal: true, seed: 12)
        let ids = Tensor([0, 5, 2, 2, 1, 0], shape: [2, 3])
        let ctx = ForwardContext(training: true)
        let weights = [try #require(embedding.table), try #require(positions.table)] + attention.parameters.map(\.tensor)
        let result = try gradientCheck(inputs: weights) {
            try attention(positions(embedding(ids, ctx), ctx), ctx)
        }
        #expect(result.passed, "\(result)")
    }

    @Test("Sequence layers refuse inputs they cannot take, with a hint", arguments: [
        ("patches", [28, 28], "expected an image (height, width, channels)", "give the model an image input"),
        ("patches", [28, 27, 1], "that 7 x 7 patches tile exactly", "use a patch size that divides both 28 and 27"),
        ("patches", [30, 30, 1], "that 7 x 7 patches tile exactly", "use a patch size that divides 30: 2, 3, 5, 6, 10, 15, 30"),
        ("token", [3, 4], "expected more than 5 tokens", "positions are 0 to 2"),
        ("meanpool", [4, 4, 3], "expected a sequence (tokens, features)", "globalavgpool"),
        ("positional", [12], "expected a sequence (tokens, features)", "embedding VOCAB DIM"),
        ("transformer", [5, 10], "split evenly into 4 heads", "key_dim=N"),
        ("classtoken", [28, 28, 1], "expected a sequence", "patches SIZE DIM"),
    ])
    func refusals(kind: String, input: [Int], message: String, hint: String) throws {
        let layer: Layer
        switch kind {
        case "patches": layer = try PatchEmbedding(size: 7, dimension: 8)
        case "token": layer = try TokenSelect(index: 5)
        case "meanpool": layer = GlobalAveragePooling1D()
        case "positional": layer = PositionalEncoding(.learned)
        case "transformer": layer = try TransformerBlock(heads: 4, mlpUnits: 8)
        default: layer = ClassToken()
        }
        layer.name = kind + "_1"
        let error = #expect(throws: ModelError.self) { try layer.outputShape(for: input) }
        #expect(error?.message.hasPrefix("\(kind)_1 cannot take input of shape") == true, "\(String(describing: error?.message))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error?.message))")
        #expect(error?.hint?.contains(hint) == true, "\(String(describing: error?.hint))")
    }

    @Test func memoryReportsCoverWeightsAndActivations() throws {
        let block = try TransformerBlock(heads: 4, mlpUnits: 128)
        let report = try block.memory(inputShape: [16, 64], batch: 128)
        #expect(report.weights == 4 * Self.kerasEncoderParameters(features: 64, heads: 4, mlp: 128))
        // At least the (B, H, T, T) weights and the (B, T, MLP) hidden layer, with gradients.
        #expect(report.activations >= 128 * 4 * (4 * 16 * 16 + 16 * 128) * 2)
        #expect(try PatchEmbedding(size: 7, dimension: 64).memory(inputShape: [28, 28, 1], batch: 1).weights == 4 * (49 * 64 + 64))
    }
}
