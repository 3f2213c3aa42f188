// Each layer kind as PyTorch code: the module built in __init__ and the lines of the forward pass.

import Foundation
import NeuralNet

extension PyTorchModel {
    /// Refuses what PyTorch's layers cannot compute the way Gradbook does.
    static func checkSupported(_ l: ExportedLayer) throws {
        guard case let .recurrent(cell, _, activation, _) = l.kind else { return }
        let hint = "`export keras` keeps it; for PyTorch give the layer activation=tanh"
        switch cell {
        case .simple where activation != .tanh && activation != .relu:
            throw UnexportableLayer(path: l.path, message: "\(l.path) (SimpleRNN) uses \(activation.rawValue); PyTorch's nn.RNN has tanh and relu only", hint: hint)
        case .lstm where activation != .tanh, .gru where activation != .tanh:
            throw UnexportableLayer(path: l.path, message: "\(l.path) (\(l.typeName)) uses \(activation.rawValue); PyTorch's nn.\(l.typeName) has tanh only", hint: hint)
        case .gru(resetAfter: false):
            throw UnexportableLayer(path: l.path, message: "\(l.path) (GRU) has reset_after=off; PyTorch's nn.GRU applies the reset gate after the recurrent product only",
                                    hint: "`export keras` keeps it; for PyTorch use reset_after=on (Keras 3's default)")
        default:
            return
        }
    }

    /// The module built for `l` in __init__, nil for layers that are only a line of the forward pass.
    func constructor(_ l: ExportedLayer) -> String? {
        let input = l.inputShape, features = l.inputShape.last ?? 0
        switch l.kind {
        case .dense(let units, _, _): return "nn.Linear(\(features), \(units))"
        case let .conv2d(filters, kernel, stride, padding, _, _):
            if padding == .valid { return "nn.Conv2d(\(features), \(filters), \(kernel), stride=\(stride))" }
            if stride == 1, kernel % 2 == 1 { return "nn.Conv2d(\(features), \(filters), \(kernel), padding=\(kernel / 2))   # same" }
            return "Conv2dSame(\(features), \(filters), \(kernel), stride=\(stride))"
        case let .conv2dTranspose(filters, kernel, stride, padding, _):
            return padding == .valid ? "nn.ConvTranspose2d(\(features), \(filters), \(kernel), stride=\(stride))"
                                     : "ConvTranspose2dSame(\(features), \(filters), \(kernel), stride=\(stride))"
        case let .pool(max, size, stride): return "nn.\(max ? "MaxPool2d" : "AvgPool2d")(\(size), stride=\(stride))"
        case .upsample(let size): return "nn.Upsample(scale_factor=\(size), mode=\"nearest\")"
        case .dropout(let rate): return "nn.Dropout(\(PythonValue.float(rate).literal))"
        case let .batchNorm(momentum, epsilon):
            let kind = input.count == 3 ? "BatchNorm2d" : "BatchNorm1d"
            return "nn.\(kind)(\(features), eps=\(PythonValue.float(epsilon).literal), momentum=1 - \(PythonValue.float(momentum).literal))   # Keras's momentum m is PyTorch's 1 - m"
        case .layerNorm(let epsilon): return "nn.LayerNorm(\(features), eps=\(PythonValue.float(epsilon).literal))"
        case let .embedding(vocabulary, dimension): return "nn.Embedding(\(vocabulary), \(dimension))"
        case let .attention(heads, keyDim, causal, dropout):
            return "SelfAttention(\(features), \(heads), \(keyDim), causal=\(PythonValue.bool(causal).literal), dropout=\(PythonValue.float(dropout).literal))"
        case let .transformer(heads, keyDim, mlp, causal, dropout):
            return "TransformerEncoder(\(features), \(heads), \(keyDim), \(mlp), causal=\(PythonValue.bool(causal).literal), dropout=\(PythonValue.float(dropout).literal))"
        case .positional(let kind):
            return "\(kind == .learned ? "PositionEmbedding" : "SinePositionEncoding")(\(input.first ?? 0), \(features))"
        case let .patches(size, dimension): return "PatchEmbedding(\(size), \(features), \(dimension))"
        case .classToken: return "ClassToken(\(features))"
        case let .recurrent(cell, units, activation, _):
            switch cell {
            case .simple: return "nn.RNN(\(features), \(units), nonlinearity=\"\(activation.rawValue)\", batch_first=True)"
            case .lstm: return "nn.LSTM(\(features), \(units), batch_first=True)"
            case .gru: return "nn.GRU(\(features), \(units), batch_first=True)"
            }
        case .sampling: return "Sampling()"
        case .residual, .sequential: return "\(Self.className(l))()"
        case .globalAveragePool2D, .flatten, .reshape, .activation, .tokenSelect, .globalAveragePool1D: return nil
        }
    }

    /// Lines after the module in __init__: the second bias PyTorch's RNN and LSTM have and Keras's do not.
    func setup(_ l: ExportedLayer) -> [String] {
        guard case let .recurrent(cell, _, _, _) = l.kind, cell == .simple || cell == .lstm else { return [] }
        let a = "self.\(Self.attribute(l.name))"
        return ["nn.init.zeros_(\(a).bias_hh_l0)   # Keras has one bias vector; PyTorch's second one stays 0",
                "\(a).bias_hh_l0.requires_grad_(False)"]
    }

    /// Writes `l`'s forward lines for an input in `layout`; the layout after it.
    func forward(_ l: ExportedLayer, _ f: inout PythonLines, layout: TensorLayout, isOutput: Bool, containerStart: TensorLayout?) -> TensorLayout {
        var layout = layout
        if l.inputShape.count == 3, let needed = containerStart ?? Self.needed(by: l), needed != layout {
            f.add(needed == .channelsFirst ? "x = x.permute(0, 3, 1, 2)   # to PyTorch's (N, C, H, W)" : "x = x.permute(0, 2, 3, 1)   # back to (N, H, W, C)")
            layout = needed
        }
        let a = "self.\(Self.attribute(l.name))"
        switch l.kind {
        case .embedding: f.add("x = \(a)(x.long())")
        case .batchNorm where l.inputShape.count == 2: f.add("x = \(a)(x.transpose(1, 2)).transpose(1, 2)   # over the features of each token")
        case .globalAveragePool2D: f.add(layout == .channelsFirst ? "x = x.mean(dim=(2, 3))" : "x = x.mean(dim=(1, 2))")
        case .flatten: f.add("x = x.flatten(1)   # in (H, W, C) order, as Gradbook flattens")
        case .reshape(let shape): f.add("x = x.reshape(x.shape[0], \(shape.map(String.init).joined(separator: ", ")))")
        case .activation: break
        case .tokenSelect(let index): f.add("x = x[:, \(index)]")
        case .globalAveragePool1D: f.add("x = x.mean(dim=1)")
        case .recurrent(_, _, _, let returnSequences):
            f.add("x, _ = \(a)(x)")
            if !returnSequences { f.add("x = x[:, -1]   # the last state") }
        case .residual: f.add("x = x + \(a)(x)")
        case .sequential: f.add(isOutput ? "x = \(a)(x, logits)" : "x = \(a)(x)")
        default: f.add("x = \(a)(x)")
        }
        let activation = l.activation
        if activation != .linear {
            let call = Self.call(activation, "x", channelsFirst: layout == .channelsFirst && l.outputShape.count == 3)
            if isOutput {
                f.block("if not logits:") { $0.add("x = " + call) }
            } else if l.typeName != "Activation", let last = f.lines.last, last.trimmingCharacters(in: .whitespaces).hasPrefix("x = "), !last.contains("#") {
                // One line: x = relu(conv(x)).
                let indent = String(last.prefix { $0 == " " })
                let expression = String(last.dropFirst(indent.count + 4))
                f.replaceLast(indent + "x = " + Self.call(activation, expression, channelsFirst: layout == .channelsFirst && l.outputShape.count == 3))
            } else {
                f.add("x = " + call)
            }
        }
        return Self.layout(after: l, from: layout)
    }

    /// `activation` applied to `x` as PyTorch writes it (leaky_relu with Keras's slope 0.2, gelu exact).
    static func call(_ activation: ActivationKind, _ x: String, channelsFirst: Bool) -> String {
        switch activation {
        case .relu: return "F.relu(\(x))"
        case .leaky_relu: return "F.leaky_relu(\(x), \(PythonValue.float(ActivationKind.leakyReluSlope).literal))"
        case .elu: return "F.elu(\(x), \(PythonValue.float(ActivationKind.eluAlpha).literal))"
        case .gelu: return "F.gelu(\(x))"
        case .sigmoid: return "torch.sigmoid(\(x))"
        case .tanh: return "torch.tanh(\(x))"
        case .softmax: return "torch.softmax(\(x), dim=\(channelsFirst ? 1 : -1))"
        case .linear: return x
        }
    }
}
