// The model of an exported PyTorch script: one nn.Module class for the model and one for each nested
// model or residual body, each layer a module attribute named as in Gradbook (so the state dict reads
// `conv2d_1.weight`, `residual_1.conv2d_1.weight`), and a forward pass written layer by layer.
//
// Gradbook and Keras hold images as (N, H, W, C); PyTorch's image layers want (N, C, H, W). The forward
// pass keeps track of the layout and permutes only where a layer needs the other one: before the first
// image layer, and back before anything that reads the channels last (flatten, dense, layer norm, the
// output), so `flatten` lists values in Gradbook's order and the dense kernels load unchanged.

import NeuralNet

/// Where the channels of an image batch are.
enum TensorLayout {
    /// (N, H, W, C), or any batch that is not an image.
    case channelsLast
    /// (N, C, H, W).
    case channelsFirst
}

/// The model classes of a PyTorch script.
struct PyTorchModel {
    let plan: ExportPlan
    /// The layout each container's input arrives in, by path.
    private var starts: [String: TensorLayout] = [:]

    /// Refuses a layer PyTorch has no equal of (`UnexportableLayer`, with a hint).
    init(plan: ExportPlan) throws {
        self.plan = plan
        for l in plan.allLayers { try Self.checkSupported(l) }
        _ = walk(plan.layers, from: .channelsLast)
    }

    /// Follows the layouts through `layers`, noting where each container starts; the layout after them.
    private mutating func walk(_ layers: [ExportedLayer], from start: TensorLayout) -> TensorLayout {
        var layout = start
        for l in layers {
            if !l.inner.isEmpty {
                let entry = l.inputShape.count == 3 ? layout : .channelsLast
                starts[l.path] = entry
                _ = walk(l.inner, from: entry)
            }
            layout = Self.layout(after: l, from: layout)
        }
        return layout
    }

    /// The layout `l` needs its input in, or nil when any will do.
    static func needed(by l: ExportedLayer) -> TensorLayout? {
        switch l.kind {
        case .conv2d, .conv2dTranspose, .pool, .upsample: return .channelsFirst
        case .batchNorm: return l.inputShape.count == 3 ? .channelsFirst : .channelsLast
        case .dropout, .activation, .globalAveragePool2D, .residual, .sequential: return nil
        default: return .channelsLast
        }
    }

    /// The layout after `l` when its input came in `layout`: a container gives images back as it received them.
    static func layout(after l: ExportedLayer, from layout: TensorLayout) -> TensorLayout {
        guard l.outputShape.count == 3 else { return .channelsLast }
        if case .sequential = l.kind { return l.inputShape.count == 3 ? layout : .channelsLast }
        return needed(by: l) ?? layout
    }

    /// `(N, 28, 28, 1)`, `(N, 32) token ids`.
    static func batch(_ shape: [Int], tokens: Bool) -> String {
        "(N, " + shape.map(String.init).joined(separator: ", ") + ")" + (tokens ? " token ids" : "")
    }

    /// The layer whose activation a logits pass leaves out: the last one that is not a reshape or flatten
    /// (Gradbook's rule).
    static func outputIndex(_ layers: [ExportedLayer]) -> Int {
        var i = layers.count - 1
        while i > 0 {
            switch layers[i].kind {
            case .reshape, .flatten: i -= 1
            default: return i
            }
        }
        return max(i, 0)
    }

    /// The class of each container, by path: `Residual_residual_1`.
    static func className(_ l: ExportedLayer) -> String {
        (l.typeName == "Residual" ? "Residual_" : "Block_") + l.path.replacingOccurrences(of: ".", with: "_")
    }

    /// Every class: containers first (innermost first), then `Model`.
    func classes() -> PythonLines {
        var out = PythonLines()
        for container in plan.allLayers.reversed() where !container.inner.isEmpty {
            let residual = container.typeName == "Residual"
            emitClass(&out, name: Self.className(container), layers: container.inner, start: starts[container.path] ?? .channelsLast,
                      outputIndex: residual ? nil : Self.outputIndex(container.inner), doc: residual ? "The body f of \(container.path), which computes x + f(x)." : "The layers of \(container.path).")
        }
        emitClass(&out, name: "Model", layers: plan.layers, start: .channelsLast, outputIndex: plan.outputLayerIndex,
                  doc: "Gradbook's model '\(plan.modelName)', layer by layer: \(Self.batch(plan.inputShape, tokens: plan.data.tokens)) -> "
                    + "\(Self.batch(plan.outputShape, tokens: false))\(plan.inputShape.count == 3 || plan.outputShape.count == 3 ? ", images as Gradbook holds them, (N, H, W, C)" : ""). logits=True leaves out "
                    + "the last activation (\(plan.layers[plan.outputLayerIndex].activation.rawValue)), for a loss that reads logits.")
        return out
    }

    private func emitClass(_ out: inout PythonLines, name: String, layers: [ExportedLayer], start: TensorLayout, outputIndex: Int?, doc: String) {
        out.add()
        out.add()
        out.block("class \(name)(nn.Module):") { c in
            c.comment(doc)
            c.block("def __init__(self):") { i in
                i.add("super().__init__()")
                for l in layers {
                    if let module = constructor(l) { i.add("self.\(Self.attribute(l.name)) = \(module)") }
                    for extra in setup(l) { i.add(extra) }
                }
                for l in layers where !l.trainable && constructor(l) != nil {
                    i.add("self.\(Self.attribute(l.name)).requires_grad_(False)   # frozen in the session")
                }
            }
            c.add()
            c.block("def forward(self, x\(outputIndex == nil ? "" : ", logits=False")):") { f in
                var layout = start
                for (index, l) in layers.enumerated() {
                    layout = forward(l, &f, layout: layout, isOutput: index == outputIndex, containerStart: starts[l.path])
                }
                let image = (layers.last?.outputShape.count ?? 0) == 3
                if image, layout == .channelsFirst, start == .channelsLast {
                    f.add("x = x.permute(0, 2, 3, 1)   # back to (N, H, W, C)")
                } else if image, layout == .channelsLast, start == .channelsFirst {
                    f.add("x = x.permute(0, 3, 1, 2)   # back to the layout this block received")
                }
                f.add("return x")
            }
        }
    }

    /// A Python attribute for a layer name: the name itself unless Python or nn.Module already uses it.
    static func attribute(_ name: String) -> String {
        reserved.contains(name) ? name + "_" : name
    }

    /// Keywords and nn.Module's own attributes a layer name must not shadow.
    static let reserved: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield", "training", "forward", "train", "eval", "cuda", "cpu", "to",
        "type", "float", "double", "half", "apply", "parameters", "buffers", "children", "modules", "state_dict", "zero_grad",
        "named_parameters", "named_buffers", "named_children", "named_modules", "load_state_dict", "register_buffer",
        "register_parameter", "add_module", "get_submodule", "requires_grad_", "extra_repr", "dump_patches", "penalty", "kl",
        "call_super_init", "bfloat16", "share_memory", "ipu", "xpu", "mtia", "compile", "get_parameter", "get_buffer", "self",
    ]
}
