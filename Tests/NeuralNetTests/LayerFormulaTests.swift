import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// The formulas `explain` prints: every layer's parameter formula, evaluated from its text, equals the count
// summary shows, in models of every family (and every layer inside their blocks); the receptive field of a
// small stack worked by hand; the step-by-step attention against the layer's real forward pass.

/// dense 128 relu, dropout, dense 10 softmax on 784 inputs.
private func mlp() throws -> Sequential {
    let m = try Sequential(inputShape: [784])
    try m.add(Dense(units: 128, activation: .relu))
    try m.add(Dropout(rate: 0.2))
    try m.add(Dense(units: 10, activation: .softmax))
    return m
}

/// A GPT: tokens, learned positions, a causal block, a block whose heads are narrower than D (key_dim 8 x 2
/// heads on 32 features), layer norm, a softmax over the vocabulary.
private func gpt() throws -> Sequential {
    let m = try Sequential(inputShape: [16])
    try m.add(Embedding(vocabulary: 50, dimension: 32))
    try m.add(PositionalEncoding(.learned))
    try m.add(TransformerBlock(heads: 4, mlpUnits: 64, causal: true))
    try m.add(TransformerBlock(heads: 2, mlpUnits: 48, keyDim: 8))
    try m.add(LayerNormalization())
    try m.add(Dense(units: 50, activation: .softmax))
    return m
}

/// Recurrent layers of every cell after an embedding.
private func rnn() throws -> Sequential {
    let m = try Sequential(inputShape: [12])
    try m.add(Embedding(vocabulary: 30, dimension: 16))
    try m.add(RecurrentLayer(.lstm, units: 24, returnSequences: true))
    try m.add(RecurrentLayer(.gru(resetAfter: true), units: 20, returnSequences: true))
    try m.add(RecurrentLayer(.gru(resetAfter: false), units: 18, returnSequences: true))
    try m.add(RecurrentLayer(.simple, units: 12))
    try m.add(Dense(units: 5))
    return m
}

/// A variational autoencoder on 28x28x1 with transposed convolutions and an upsampling.
private func autoencoder() throws -> Sequential {
    let m = try Sequential(inputShape: [28, 28, 1])
    try m.add(Conv2D(filters: 16, kernelSize: 3, stride: 2, padding: .same, activation: .relu))
    try m.add(Conv2D(filters: 32, kernelSize: 3, stride: 2, padding: .same, activation: .relu))
    try m.add(Flatten())
    try m.add(Dense(units: 8))
    try m.add(Sampling())
    try m.add(Dense(units: 1568, activation: .relu))
    try m.add(Reshape([7, 7, 32]))
    try m.add(Conv2DTranspose(filters: 16, kernelSize: 3, stride: 2, padding: .same, activation: .relu))
    try m.add(UpSampling2D(size: 2))
    try m.add(Conv2D(filters: 1, kernelSize: 3, padding: .same, activation: .sigmoid))
    return m
}

/// A ViT (patches, class token, sinusoidal positions, attention, the class token's vector) and, after it, blocks:
/// a residual around a conv stack with batch norm, a nested sequential, pooling of both kinds.
private func vit() throws -> Sequential {
    let m = try Sequential(inputShape: [28, 28, 1])
    try m.add(PatchEmbedding(size: 7, dimension: 32))
    try m.add(ClassToken())
    try m.add(PositionalEncoding(.sinusoidal))
    try m.add(MultiHeadAttention(heads: 2))
    try m.add(TokenSelect(index: 0))
    try m.add(Dense(units: 10))
    return m
}

private func blocks() throws -> Sequential {
    let m = try Sequential(inputShape: [16, 16, 3])
    try m.add(Conv2D(filters: 8, kernelSize: 3, padding: .same))
    let body = try Sequential(inputShape: [16, 16, 8])
    try body.add(Conv2D(filters: 8, kernelSize: 3, padding: .same))
    try body.add(BatchNormalization())
    try body.add(ActivationLayer(.relu))
    try m.add(Residual(body))
    try m.add(Pooling2D(.average, size: 2))
    let inner = try Sequential(inputShape: [8, 8, 8])
    try inner.add(Conv2D(filters: 4, kernelSize: 1))
    try inner.add(Pooling2D(.max, size: 2))
    try m.add(inner)
    try m.add(GlobalAveragePooling2D())
    try m.add(Residual(Dense(units: 4)))
    try m.add(Dense(units: 3))
    return m
}

/// Every layer of `layers` and, depth first, every layer inside it, with the shape entering it.
private func everyLayer(_ layers: [Layer], inputShapes: [[Int]]) throws -> [(path: String, layer: Layer, input: [Int])] {
    try zip(layers, inputShapes).flatMap { layer, shape -> [(path: String, layer: Layer, input: [Int])] in
        let kids = layer.children
        guard !kids.isEmpty, let math = layer as? any LayerMath else { return [(layer.name, layer, shape)] }
        let inner = try everyLayer(kids, inputShapes: try math.childInputShapes(inputShape: shape))
        return [(layer.name, layer, shape)] + inner.map { ("\(layer.name).\($0.path)", $0.layer, $0.input) }
    }
}

@Suite("Layer formulas")
struct LayerFormulaTests {
    @Test("Every layer's parameter formula, evaluated from its text, is the count summary shows", arguments: [
        "mlp", "seed cnn", "gpt", "rnn", "autoencoder", "vit", "blocks",
    ])
    func formulasMatchCounts(_ name: String) throws {
        let model: Sequential
        switch name {
        case "mlp": model = try mlp()
        case "seed cnn": model = try Sequential.seedCNN(inputShape: [150, 150, 3], classes: 1)
        case "gpt": model = try gpt()
        case "rnn": model = try rnn()
        case "autoencoder": model = try autoencoder()
        case "vit": model = try vit()
        default: model = try blocks()
        }
        let rows = model.summary.rows
        let layers = try everyLayer(model.layers, inputShapes: model.layers.indices.map { model.inputShape(ofLayer: $0) })
        for (path, layer, input) in layers {
            let math = try #require(layer as? any LayerMath, "\(path) (\(layer.typeName)) has no formula")
            let formula = try math.formula(inputShape: input)
            let counted = layer.parameters.reduce(0) { $0 + $1.tensor.count }
            #expect(evaluateArithmetic(formula.numeric) == counted, "\(name) \(path): \(formula.numeric) is not \(counted)")
            #expect(!formula.computes.isEmpty && !formula.symbolic.isEmpty, "\(path)")
            // explain prints them after a 13-column key in 78 columns: a longer line would wrap mid-formula.
            #expect(formula.computes.allSatisfy { $0.count <= 65 }, "\(path): \(formula.computes.filter { $0.count > 65 })")
            if let row = rows.first(where: { $0.name == path }) { #expect(row.parameters == counted, "\(path)") }
        }
    }

    @Test("The seed CNN's second convolution is 3*3*32*64 + 64 = 18,496")
    func seedConvolution() throws {
        let model = try Sequential.seedCNN(inputShape: [150, 150, 3], classes: 1)
        let conv = try #require(model.layers[2] as? Conv2D)
        let formula = try conv.formula(inputShape: model.inputShape(ofLayer: 2))
        #expect(formula.symbolic == "K*K*C*F + F")
        #expect(formula.numeric == "3*3*32*64 + 64")
        #expect(formula.worked("18,496") == "K*K*C*F + F = 3*3*32*64 + 64 = 18,496")
    }

    @Test("Receptive field by hand: conv 3, pool 2, conv 3, conv 3 stride 2, then flatten sees everything")
    func receptiveFieldOfAConvStack() throws {
        let m = try Sequential(inputShape: [32, 32, 1])
        try m.add(Conv2D(filters: 4, kernelSize: 3))                       // R 3, J 1
        try m.add(Pooling2D(.max, size: 2))                                // R 3 + 1*1 = 4, J 2
        try m.add(Conv2D(filters: 4, kernelSize: 3, activation: .relu))    // R 4 + 2*2 = 8, J 2
        try m.add(BatchNormalization())                                    // unchanged
        try m.add(Conv2D(filters: 4, kernelSize: 3, stride: 2))            // R 8 + 2*2 = 12, J 4
        try m.add(Flatten())
        try m.add(Dense(units: 2))
        #expect(m.receptiveFields == [.pixels(size: 3, jump: 1), .pixels(size: 4, jump: 2), .pixels(size: 8, jump: 2),
                                      .pixels(size: 8, jump: 2), .pixels(size: 12, jump: 4), .whole, .whole])
        // A transposed convolution reads ceil(3 / 2) = 2 input pixels along a side: 3 + 1*2 = 5, J back to 1.
        let up = try Sequential(inputShape: [16, 16, 1])
        try up.add(Conv2D(filters: 2, kernelSize: 3, stride: 2, padding: .same))
        try up.add(Conv2DTranspose(filters: 2, kernelSize: 3, stride: 2, padding: .same))
        try up.add(UpSampling2D(size: 2))
        #expect(up.receptiveFields == [.pixels(size: 3, jump: 2), .pixels(size: 5, jump: 1), .pixels(size: 5, jump: 0.5)])
        // Tokens: positions alone until attention; a causal layer sees the earlier tokens, a plain one all of them.
        let g = try gpt()
        #expect(g.receptiveFields == [.position, .position, .earlierTokens, .whole, .whole, .whole])
    }

    @Test("Step-by-step attention: the heads' weighted sums through the output projection are the layer's forward pass",
          arguments: [false, true])
    func attentionStepsMatchTheForwardPass(_ causal: Bool) throws {
        let m = try Sequential(inputShape: [6], seed: 3)
        try m.add(Embedding(vocabulary: 20, dimension: 24))
        try m.add(PositionalEncoding(.learned))
        try m.add(MultiHeadAttention(heads: 3, keyDim: 5, causal: causal))
        let attention = try #require(m.layers[2] as? MultiHeadAttention)
        let ids = Tensor([3, 1, 4, 1, 5, 9], shape: [1, 6])
        let x = try GradMode.off { try m.forward(ids, layers: 0..<2, ForwardContext(training: false)) }
        let y = try GradMode.off { try attention(x, ForwardContext(training: false)) }
        let all = try (0..<3).map { try attention.steps(x, head: $0) }
        // [O_0 O_1 O_2] (T, 15) through attention_output.
        let packed = (0..<6).flatMap { t in all.flatMap { $0.output[t] } }
        let output = try #require(attention.output)
        let projected = try GradMode.off { try output(Tensor(packed, shape: [1, 6, 15]), ForwardContext(training: false)) }
        let difference = zip(projected.array, y.array).map { abs($0 - $1) }.max() ?? 1
        #expect(difference <= 1e-5, "largest difference \(difference)")
        // Each table from the ones before it, by hand: S = Q*K^T / sqrt(5), A = softmax(S) (masked: 0), O = A*V.
        let s = all[1]
        for q in 0..<6 {
            var row: [Double] = []
            for k in 0..<6 {
                let dot = zip(s.query[q], s.key[k]).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / sqrt(5.0)
                #expect(abs(Double(s.scores[q][k]) - dot) < 1e-5, "S[\(q),\(k)]")
                row.append(s.isMasked(query: q, key: k) ? -.infinity : dot)
            }
            let top = row.max() ?? 0
            let exps = row.map { exp($0 - top) }
            let total = exps.reduce(0, +)
            for k in 0..<6 { #expect(abs(Double(s.weights[q][k]) - exps[k] / total) < 1e-5, "A[\(q),\(k)]") }
            #expect(abs(s.weights[q].reduce(0, +) - 1) < 1e-5)
            for c in 0..<5 {
                let sum = (0..<6).reduce(0.0) { $0 + Double(s.weights[q][$1]) * Double(s.value[$1][c]) }
                #expect(abs(Double(s.output[q][c]) - sum) < 1e-5, "O[\(q),\(c)]")
            }
        }
        #expect(s.causal == causal && s.keyDim == 5 && s.input.count == 6)
    }

    @Test("Attention counts its products: projections plus 2*T*T*N twice and 5 per weight for the softmax, per head")
    func attentionFLOPs() throws {
        let layer = try MultiHeadAttention(heads: 2, keyDim: 4)
        var rng = SeededGenerator(seed: 1)
        layer.build(inputShape: [5, 8], rng: &rng)
        let work = try layer.work(inputShape: [5, 8], batch: 1)
        // q, k, v: 2*5*8*8 + 2*5*8 each; output: 2*5*8*8 + 2*5*8; scores and sum: 2 * 2*(2*5*5)*4; softmax 5*2*5*5.
        let projections = 4 * (2 * 5 * 8 * 8 + 2 * 5 * 8)
        #expect(work.forwardFLOPs == projections + 2 * 2 * 50 * 4 + 5 * 50)
    }

    @Test("Every loss, optimizer, schedule and metric writes its formula")
    func trainingFormulas() {
        for loss in Loss.allCases {
            for fused in [true, false, nil] as [Bool?] { #expect(loss.formula(fused: fused).allSatisfy { !$0.isEmpty }, "\(loss)") }
        }
        for kind in OptimizerKind.allCases {
            let lines = OptimizerConfig(kind: kind, momentum: 0.9).formula(learningRate: 0.01)
            #expect(lines.contains { $0.contains("lr = 0.01") }, "\(kind): \(lines)")
        }
        #expect(OptimizerConfig(kind: .adam).formula(learningRate: 0.001).contains { $0.contains("sqrt(1 - beta2^t) / (1 - beta1^t)") })
        for metric in Metric.allCases { #expect(!metric.formula.isEmpty, "\(metric)") }
        #expect(Schedule.step(stepSize: 5, gamma: 0.5).formula == "lr = base * 0.5^floor(e / 5) after epoch e")
    }
}
