// How each Gradbook weight becomes a PyTorch one. Gradbook stores weights as Keras does: a Dense kernel
// (in, out), a Conv2D kernel (KH, KW, C, F), a Conv2DTranspose kernel (K, K, F, C), recurrent kernels
// (in, gates x units) with the gates side by side. PyTorch's Linear holds (out, in), Conv2d (F, C, KH, KW),
// ConvTranspose2d (C, F, K, K), and its GRU orders the gates r, z, n where Keras has z, r, h.

import NeuralNet

extension PyTorchModel {
    /// The `put(torch name, value)` lines of `load_gradbook_weights`, every layer in order.
    func weightLines() -> [String] {
        lines(plan.layers, torch: "", gradbook: "")
    }

    private func lines(_ layers: [ExportedLayer], torch: String, gradbook: String) -> [String] {
        layers.flatMap { l in lines(l, t: torch + Self.attribute(l.name), g: gradbook + l.name) }
    }

    private func lines(_ l: ExportedLayer, t: String, g: String) -> [String] {
        func put(_ name: String, _ value: String, _ note: String = "") -> String {
            "put(\(PythonValue.quoted(t + name)), \(value))" + (note.isEmpty ? "" : "   # " + note)
        }
        func w(_ name: String) -> String { "w[\(PythonValue.quoted(g + name))]" }
        switch l.kind {
        case .dense: return Self.dense(t: t, g: g)
        case .conv2d:
            return [put(".weight", w(".kernel") + ".permute(3, 2, 0, 1)", "(KH, KW, C, F) -> (F, C, KH, KW)"), put(".bias", w(".bias"))]
        case .conv2dTranspose:
            return [put(".weight", w(".kernel") + ".permute(3, 2, 0, 1)", "(K, K, F, C) -> (C, F, K, K)"), put(".bias", w(".bias"))]
        case .batchNorm:
            return [put(".weight", w(".gamma")), put(".bias", w(".beta")),
                    put(".running_mean", w(".moving_mean")), put(".running_var", w(".moving_variance"))]
        case .layerNorm: return Self.norm(t: t, g: g)
        case .embedding: return [put(".weight", w(".embeddings"), "(vocabulary, dim), the same layout")]
        case .attention: return Self.attention(t: t, g: g)
        case .transformer:
            return Self.norm(t: t + ".layer_normalization_1", g: g + ".layer_normalization_1")
                + Self.attention(t: t + ".attention", g: g + ".attention")
                + Self.norm(t: t + ".layer_normalization_2", g: g + ".layer_normalization_2")
                + Self.dense(t: t + ".dense_1", g: g + ".dense_1") + Self.dense(t: t + ".dense_2", g: g + ".dense_2")
        case .positional(let kind): return kind == .learned ? [put(".embeddings", w(".embeddings"))] : []
        case .patches: return Self.dense(t: t + ".projection", g: g + ".projection")
        case .classToken: return [put(".token", w(".token"))]
        case .recurrent(let cell, _, _, _):
            if case .gru = cell {
                return [put(".weight_ih_l0", "gru_gates(\(w(".kernel"))).t()", "Keras's gates z, r, h -> PyTorch's r, z, n"),
                        put(".weight_hh_l0", "gru_gates(\(w(".recurrent_kernel"))).t()"),
                        put(".bias_ih_l0", "gru_gates(\(w(".bias"))[0])", "row 0: the input bias"),
                        put(".bias_hh_l0", "gru_gates(\(w(".bias"))[1])", "row 1: the recurrent bias")]
            }
            return [put(".weight_ih_l0", w(".kernel") + ".t()", cell == .lstm ? "gates i, f, c, o: PyTorch's i, f, g, o, the same order" : ""),
                    put(".weight_hh_l0", w(".recurrent_kernel") + ".t()"),
                    put(".bias_ih_l0", w(".bias")),
                    put(".bias_hh_l0", "torch.zeros_like(\(w(".bias")))")]
        case .residual(let body), .sequential(let body): return lines(body, torch: t + ".", gradbook: g + ".")
        case .pool, .globalAveragePool2D, .flatten, .reshape, .dropout, .activation, .tokenSelect, .globalAveragePool1D,
             .upsample, .sampling:
            return []
        }
    }

    private static func dense(t: String, g: String) -> [String] {
        ["put(\(PythonValue.quoted(t + ".weight")), w[\(PythonValue.quoted(g + ".kernel"))].t())   # (in, out) -> (out, in)",
         "put(\(PythonValue.quoted(t + ".bias")), w[\(PythonValue.quoted(g + ".bias"))])"]
    }

    private static func norm(t: String, g: String) -> [String] {
        ["put(\(PythonValue.quoted(t + ".weight")), w[\(PythonValue.quoted(g + ".gamma"))])",
         "put(\(PythonValue.quoted(t + ".bias")), w[\(PythonValue.quoted(g + ".beta"))])"]
    }

    private static func attention(t: String, g: String) -> [String] {
        ["query", "key", "value", "attention_output"].flatMap { dense(t: t + "." + $0, g: g + "." + $0) }
    }
}
