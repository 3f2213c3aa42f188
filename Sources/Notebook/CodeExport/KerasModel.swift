// The model of an exported Keras script: a functional model whose layers carry Gradbook's names and
// settings (a nested model is a keras.Sequential of the same name, a residual block a `Residual` layer
// around one), and the assignment of every weight. Gradbook stores weights in Keras's layouts, so they
// load as they are; only a MultiHeadAttention's projections are reshaped to Keras's 3-D kernels.

import NeuralNet

struct KerasModel {
    let plan: ExportPlan

    /// `build_model()`.
    var builder: String {
        var out = PythonLines()
        out.block("def build_model():") { f in
            f.add("\"\"\"Gradbook's model '\(plan.modelName)' as a Keras functional model, layer by layer.\"\"\"")
            f.add("inputs = keras.Input(shape=\(PythonValue.shape(plan.inputShape).literal)\(plan.data.tokens ? ", dtype=\"int32\"" : ""), name=\"inputs\")")
            f.add("x = inputs")
            for l in plan.layers {
                let expression = Self.layer(l, indent: 1)
                f.add("x = \(expression)(x)")
            }
            f.add("return keras.Model(inputs, x, name=\(PythonValue.quoted(plan.modelName)))")
        }
        return out.text
    }

    /// The Keras layer for `l` (a nested model's layers listed inside it, one per line at `indent`).
    static func layer(_ l: ExportedLayer, indent: Int) -> String {
        var args: [String] = []
        func add(_ text: String) { args.append(text) }
        let name = "name=\(PythonValue.quoted(l.name))"
        let call: String
        switch l.kind {
        case let .dense(units, activation, regularizer):
            call = "layers.Dense"
            add("\(units)")
            if activation != .linear { add("activation=\(PythonValue.quoted(activation.rawValue))") }
            if let r = penalty(regularizer) { add(r) }
        case let .conv2d(filters, kernel, stride, padding, activation, regularizer):
            call = "layers.Conv2D"
            add("\(filters)"); add("\(kernel)"); add("strides=\(stride)"); add("padding=\(PythonValue.quoted(padding.rawValue))")
            if activation != .linear { add("activation=\(PythonValue.quoted(activation.rawValue))") }
            if let r = penalty(regularizer) { add(r) }
        case let .conv2dTranspose(filters, kernel, stride, padding, activation):
            call = "layers.Conv2DTranspose"
            add("\(filters)"); add("\(kernel)"); add("strides=\(stride)"); add("padding=\(PythonValue.quoted(padding.rawValue))")
            // Keras's valid output is H * stride when the kernel is smaller than the stride; Gradbook's (H - 1) * stride + K.
            if padding == .valid, kernel < stride { add("output_padding=0") }
            if activation != .linear { add("activation=\(PythonValue.quoted(activation.rawValue))") }
        case let .pool(max, size, stride):
            call = max ? "layers.MaxPooling2D" : "layers.AveragePooling2D"
            add("pool_size=\(size)"); add("strides=\(stride)")
        case .globalAveragePool2D: call = "layers.GlobalAveragePooling2D"
        case .flatten: call = "layers.Flatten"
        case .reshape(let shape): call = "layers.Reshape"; add(PythonValue.shape(shape).literal)
        case .dropout(let rate): call = "layers.Dropout"; add(PythonValue.float(rate).literal)
        case let .batchNorm(momentum, epsilon):
            call = "layers.BatchNormalization"
            add("momentum=\(PythonValue.float(momentum).literal)"); add("epsilon=\(PythonValue.float(epsilon).literal)")
        case .layerNorm(let epsilon): call = "layers.LayerNormalization"; add("epsilon=\(PythonValue.float(epsilon).literal)")
        case .activation(let a): call = "layers.Activation"; add(PythonValue.quoted(a.rawValue))
        case let .embedding(vocabulary, dimension): call = "layers.Embedding"; add("\(vocabulary)"); add("\(dimension)")
        case let .attention(heads, keyDim, causal, dropout):
            call = "SelfAttention"
            add("\(heads)"); add("\(keyDim)"); add("use_causal_mask=\(PythonValue.bool(causal).literal)"); add("dropout=\(PythonValue.float(dropout).literal)")
        case let .transformer(heads, keyDim, mlp, causal, dropout):
            call = "TransformerEncoder"
            add("\(l.inputShape.last ?? 0)"); add("\(heads)"); add("\(keyDim)"); add("\(mlp)")
            add("use_causal_mask=\(PythonValue.bool(causal).literal)"); add("dropout=\(PythonValue.float(dropout).literal)")
        case .positional(let kind): call = kind == .learned ? "PositionEmbedding" : "SinePositionEncoding"
        case let .patches(size, dimension): call = "PatchEmbedding"; add("\(size)"); add("\(dimension)")
        case .classToken: call = "ClassToken"
        case .tokenSelect(let index): call = "TokenSelect"; add("\(index)")
        case .globalAveragePool1D: call = "layers.GlobalAveragePooling1D"
        case let .recurrent(cell, units, activation, returnSequences):
            call = "layers." + l.typeName
            add("\(units)")
            if activation != .tanh { add("activation=\(PythonValue.quoted(activation.rawValue))") }
            if returnSequences { add("return_sequences=True") }
            if cell == .gru(resetAfter: false) { add("reset_after=False") }
        case .upsample(let size): call = "layers.UpSampling2D"; add("\(size)")
        case .sampling: call = "Sampling"; add("kl_weight=KL_WEIGHT")
        case .residual(let body):
            call = "Residual"
            add(sequential(body, name: l.name + "_body", indent: indent))
        case .sequential(let body):
            return sequential(body, name: l.name, indent: indent, frozen: !l.trainable)
        }
        add(name)
        if !l.trainable { add("trainable=False") }
        return "\(call)(\(args.joined(separator: ", ")))"
    }

    /// `keras.Sequential([...], name=...)` with one layer a line.
    private static func sequential(_ body: [ExportedLayer], name: String, indent: Int, frozen: Bool = false) -> String {
        let pad = String(repeating: "    ", count: indent + 1)
        let items = body.map { pad + layer($0, indent: indent + 1) + "," }.joined(separator: "\n")
        return "keras.Sequential([\n\(items)\n\(String(repeating: "    ", count: indent))], name=\(PythonValue.quoted(name))\(frozen ? ", trainable=False" : ""))"
    }

    private static func penalty(_ r: Regularizer?) -> String? {
        guard let r, r.l1 > 0 || r.l2 > 0 else { return nil }
        return "kernel_regularizer=keras.regularizers.L1L2(l1=\(PythonValue.float(r.l1).literal), l2=\(PythonValue.float(r.l2).literal))"
    }

    // MARK: Weights

    /// `put(variable, "gradbook.name")` for every weight, in order.
    var weightLines: [String] {
        plan.layers.flatMap { Self.weights($0, at: "model.get_layer(\(PythonValue.quoted($0.name)))") }
    }

    private static func weights(_ l: ExportedLayer, at layer: String) -> [String] {
        func put(_ variable: String, _ weight: String, _ note: String = "") -> String {
            "put(\(layer).\(variable), \(PythonValue.quoted(l.path + "." + weight)))" + (note.isEmpty ? "" : "   # " + note)
        }
        func projections(_ prefix: String, _ gradbook: String) -> [String] {
            [("query", "query_dense"), ("key", "key_dense"), ("value", "value_dense"), ("attention_output", "output_dense")].flatMap { g, k in
                [put("\(prefix)\(k).kernel", "\(gradbook)\(g).kernel", g == "attention_output" ? "(H*N, D) -> (H, N, D)" : "(D, H*N) -> (D, H, N)"),
                 put("\(prefix)\(k).bias", "\(gradbook)\(g).bias")]
            }
        }
        switch l.kind {
        case .dense, .conv2d, .conv2dTranspose: return [put("kernel", "kernel"), put("bias", "bias")]
        case .batchNorm: return ["gamma", "beta", "moving_mean", "moving_variance"].map { put($0, $0) }
        case .layerNorm: return [put("gamma", "gamma"), put("beta", "beta")]
        case .embedding: return [put("embeddings", "embeddings")]
        case .attention: return projections("", "")
        case .transformer:
            return ["layer_normalization_1", "layer_normalization_2"].flatMap { n in [put("\(n).gamma", "\(n).gamma"), put("\(n).beta", "\(n).beta")] }
                + projections("attention.", "attention.")
                + ["dense_1", "dense_2"].flatMap { n in [put("\(n).kernel", "\(n).kernel"), put("\(n).bias", "\(n).bias")] }
        case .positional(let kind): return kind == .learned ? [put("embeddings", "embeddings")] : []
        case .patches: return [put("projection.kernel", "projection.kernel"), put("projection.bias", "projection.bias")]
        case .classToken: return [put("token", "token")]
        case .recurrent: return [put("cell.kernel", "kernel"), put("cell.recurrent_kernel", "recurrent_kernel"), put("cell.bias", "bias")]
        case .residual(let body):
            return body.flatMap { weights($0, at: "\(layer).body.get_layer(\(PythonValue.quoted($0.name)))") }
        case .sequential(let body):
            return body.flatMap { weights($0, at: "\(layer).get_layer(\(PythonValue.quoted($0.name)))") }
        case .pool, .globalAveragePool2D, .flatten, .reshape, .dropout, .activation, .tokenSelect, .globalAveragePool1D, .upsample, .sampling:
            return []
        }
    }
}
