// The LAYERS table every exported script declares: one row per layer of `summary` (name, Keras class,
// output shape without the batch axis, parameters, hyper-parameters with Keras's argument names), a
// nested model's or residual body's rows inside its own under "layers". Tests read it back with
// Python's ast.literal_eval and compare it with the summary.

import NeuralNet
import TensorRuntime

extension ExportedLayer {
    /// `("conv2d_1", "Conv2D", (26, 26, 32), 320, {"filters": 32, ...})`.
    var row: PythonValue {
        .tuple([.string(name), .string(typeName), .shape(outputShape), .int(parameters), .dict(settings)])
    }

    /// The hyper-parameters, named as Keras's constructor arguments.
    var settings: [(String, PythonValue)] {
        var s: [(String, PythonValue)]
        switch kind {
        case let .dense(units, activation, regularizer):
            s = [("units", .int(units)), ("activation", .string(activation.rawValue))] + Self.penalties(regularizer)
        case let .conv2d(filters, kernel, stride, padding, activation, regularizer):
            s = Self.window(filters, kernel, stride, padding, activation) + Self.penalties(regularizer)
        case let .conv2dTranspose(filters, kernel, stride, padding, activation):
            s = Self.window(filters, kernel, stride, padding, activation)
        case let .pool(_, size, stride): s = [("pool_size", .int(size)), ("strides", .int(stride)), ("padding", .string("valid"))]
        case .globalAveragePool2D, .flatten, .classToken, .globalAveragePool1D, .sampling: s = []
        case .reshape(let shape): s = [("target_shape", .shape(shape))]
        case .dropout(let rate): s = [("rate", .float(rate))]
        case let .batchNorm(momentum, epsilon): s = [("momentum", .float(momentum)), ("epsilon", .float(epsilon))]
        case .layerNorm(let epsilon): s = [("epsilon", .float(epsilon))]
        case .activation(let a): s = [("activation", .string(a.rawValue))]
        case let .embedding(vocabulary, dimension): s = [("input_dim", .int(vocabulary)), ("output_dim", .int(dimension))]
        case let .attention(heads, keyDim, causal, dropout):
            s = [("num_heads", .int(heads)), ("key_dim", .int(keyDim)), ("use_causal_mask", .bool(causal)), ("dropout", .float(dropout))]
        case let .transformer(heads, keyDim, mlp, causal, dropout):
            s = [("num_heads", .int(heads)), ("key_dim", .int(keyDim)), ("intermediate_dim", .int(mlp)),
                 ("use_causal_mask", .bool(causal)), ("dropout", .float(dropout)), ("epsilon", .float(Float(1e-3))),
                 ("activation", .string("gelu")), ("normalize_first", .bool(true))]
        case .positional(let kind): s = [("kind", .string(kind.rawValue))]
        case let .patches(size, dimension): s = [("patch_size", .int(size)), ("dim", .int(dimension))]
        case .tokenSelect(let index): s = [("index", .int(index))]
        case let .recurrent(cell, units, activation, returnSequences):
            s = [("units", .int(units)), ("activation", .string(activation.rawValue)), ("return_sequences", .bool(returnSequences))]
            if case .gru(let resetAfter) = cell { s.append(("reset_after", .bool(resetAfter))) }
        case .upsample(let size): s = [("size", .int(size)), ("interpolation", .string("nearest"))]
        case .residual(let body), .sequential(let body): s = [("layers", .list(body.map(\.row)))]
        }
        if !trainable { s.append(("trainable", .bool(false))) }
        return s
    }

    private static func window(_ filters: Int, _ kernel: Int, _ stride: Int, _ padding: Padding,
                               _ activation: ActivationKind) -> [(String, PythonValue)] {
        [("filters", .int(filters)), ("kernel_size", .int(kernel)), ("strides", .int(stride)),
         ("padding", .string(padding.rawValue)), ("activation", .string(activation.rawValue))]
    }

    private static func penalties(_ r: Regularizer?) -> [(String, PythonValue)] {
        guard let r, r.l1 > 0 || r.l2 > 0 else { return [] }
        return [("l1", .float(r.l1)), ("l2", .float(r.l2))]
    }
}
