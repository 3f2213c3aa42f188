// `help WORD` for the concepts behind the numbers Gradbook prints: `params` (every layer kind's
// parameter count as a formula, worked on an example), `formulas` (where the formulas are), `flops` and
// `receptive`. The params page is built from the layers themselves (`LayerMath`), so it cannot drift.

import NeuralNet

extension Help {
    /// The concept words, in help order.
    public static let concepts = ["params", "formulas", "flops", "receptive"]

    /// Every layer word with an example input: what `help params` works through, and what the tests build
    /// each registry entry on. The example line is the registry entry's own.
    static let formulaSamples: [String: [Int]] = [
        "conv2d": [28, 28, 1], "maxpool": [26, 26, 8], "avgpool": [26, 26, 8], "globalavgpool": [13, 13, 32],
        "dense": [784], "dropout": [128], "flatten": [7, 7, 16], "reshape": [784], "batchnorm": [26, 26, 32],
        "layernorm": [8, 32], "activation": [128], "embedding": [8], "residual": [8], "sequential": [8],
        "attention": [8, 64], "transformer": [8, 64], "positional": [8, 64], "patches": [28, 28, 1],
        "classtoken": [16, 64], "token": [17, 64], "globalaveragepooling1d": [8, 64],
        "simplernn": [8, 16], "lstm": [8, 16], "gru": [8, 16],
        "upsample": [7, 7, 32], "conv2dtranspose": [7, 7, 32], "sampling": [4],
    ]

    /// The layer an entry's example line makes (a bound model it names is a one-layer `dense 8` block).
    static func sampleLayer(_ entry: LayerEntry) -> NeuralNet.Layer? {
        guard case .success(let statement?) = Parser.parseLine(entry.example),
              let line = statement.command as? LayerLine else { return nil }
        let block = { (_: String) -> NeuralNet.Sequential? in
            let model = try? NeuralNet.Sequential(inputShape: [8])
            try? model?.add(Dense(units: 8, activation: .relu))
            return model
        }
        return try? entry.build(line.layer.arguments, LayerBuildContext(model: block))
    }

    /// The page of a concept word; nil for other words.
    static func conceptTopic(_ word: String) -> [String]? {
        switch word.lowercased() {
        case "params": return paramsPage()
        case "formulas":
            return ["formulas - where Gradbook writes out what it computes"]
                + table([("explain LAYER", "the layer's formula with its shapes, its parameter count as a formula with the numbers "
                          + "filled in, FLOPs, memory and receptive field"),
                         ("explain LAYER steps", "self-attention worked through on an example, as tables"),
                         ("explain loss", "the compiled loss; explain optimizer: its update rule with the values in use"),
                         ("explain METRIC", "accuracy, top5, sequence_accuracy, perplexity, bits_per_token"),
                         ("summary formulas=on", "every layer's parameter count as a formula"),
                         ("help params", "the parameter count of every layer kind, worked on an example"),
                         ("help receptive", "the receptive field; help flops: how operations are counted")])
                + wrap("Formulas use * for products, ^ for powers, sum_{...} for sums, x for a layer's input and y for "
                       + "its output, of one example (no batch axis).", width: 78)
        case "flops":
            return ["flops - floating-point operations, as explain and profile count them"]
                + wrap("A multiply-add counts 2: dense is 2*D*U per position, a convolution 2*K*K*C per output value, "
                       + "attention 2*T*T*N per head for the scores and as much for the weighted sum. Backward costs about "
                       + "twice the forward where the weights train (the input's gradient and the weights'), about once "
                       + "where they do not. explain LAYER gives the forward FLOPs of one example; profile times a "
                       + "training step layer by layer.", width: 76).map { "  " + $0 }
        case "receptive":
            return ["receptive - the receptive field: the input pixels one unit of a layer sees"]
                + wrap("Walk the layers from the input with a field R = 1 and a jump J = 1 (the distance in input "
                       + "pixels between neighbouring units): a window of K pixels at stride S makes R = R + (K - 1)*J "
                       + "and J = J*S. conv2d 3, maxpool 2, conv2d 3 gives R = 3, then 3 + 1*1 = 4 with J = 2, then "
                       + "4 + 2*2 = 8. Activations, normalisation and dropout leave it as it is; flatten, dense on a "
                       + "vector, global pooling and attention see the whole input. explain LAYER gives it for any "
                       + "layer.", width: 76).map { "  " + $0 }
        default: return nil
        }
    }

    /// `help params`: each layer kind's count with letters, then on its example with the numbers.
    private static func paramsPage() -> [String] {
        var lines = ["params - the weights each layer kind has (summary's Param #, as Keras counts)"]
            + wrap("Each kind on its example below; explain LAYER does the same for a layer of your model, summary "
                   + "formulas=on for all of them.", width: 78)
        for entry in LayerRegistry.entries {
            guard let input = formulaSamples[entry.word], let layer = sampleLayer(entry),
                  let math = layer as? any LayerMath, let formula = try? math.formula(inputShape: input),
                  let count = try? layer.weightCount(inputShape: input) else { continue }
            let shape = input.map(String.init).joined(separator: "x")
            guard formula.numeric != "0" else {
                lines.append("  \(entry.example) (on \(shape)): no weights")
                continue
            }
            lines.append("  \(entry.example) (on \(shape)):")
            lines += wrap(formula.worked(ModelSummary.grouped(count)), width: 72).map { "      " + $0 }
            if !formula.letters.isEmpty { lines += wrap(formula.letters.joined(separator: ", "), width: 72).map { "      " + $0 } }
        }
        return lines
    }
}
