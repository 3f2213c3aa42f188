import TensorRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one explained forward and backward pass found: the class, its score and probabilities, and the
/// gradient-carrying leaves (the input and, when asked for, one layer's output).
struct AttributionPass {
    /// The example as a leaf [1, H, W, C] that received d score / d input (when it was asked to).
    let input: Tensor
    /// The captured layer's output as a leaf [1, H', W', K] with d score / d output, or nil.
    let captured: Tensor?
    let classIndex: Int
    let predicted: Int
    let probabilities: [Float]
    let score: Float
}

// The pass shared by saliency and Grad-CAM. It changes nothing in the model: inference mode (dropout off,
// batch norm's moving statistics), no weight records a gradient (their `requiresGrad` is switched off for
// the pass and restored), and the graph is released by `backward()`.
extension Sequential {
    /// The image size [H, W, C] of the model's input, or `notAnImage`.
    func imageInputShape() throws -> (height: Int, width: Int, channels: Int) {
        guard inputShape.count == 3 else { throw AttributionError.notAnImage(inputShape: inputShape) }
        return (inputShape[0], inputShape[1], inputShape[2])
    }

    /// Runs `example` (inputShape values) forward to the logits, picks `classIndex` (nil: the predicted class)
    /// and back-propagates its score to the input (when `inputGradient`) and to the output of the layer at
    /// `capture` (a path such as `conv2d_2` or `residual_1.conv2d_1`).
    func attributionPass(_ example: [Float], classIndex: Int?, capture: String?, inputGradient: Bool) throws -> AttributionPass {
        guard !layers.isEmpty else { throw AttributionError.emptyModel }
        let expected = Shape.count(inputShape)
        guard example.count == expected else { throw AttributionError.wrongExampleSize(count: example.count, expected: expected) }
        guard GradMode.isEnabled else { throw AttributionError.gradientsOff }
        let weights = parameterTree.map(\.parameter.tensor)
        let flags = weights.map(\.requiresGrad)
        for w in weights { w.requiresGrad = false }
        defer { for (w, flag) in zip(weights, flags) { w.requiresGrad = flag } }

        let input = Tensor(example, shape: [1] + inputShape, requiresGrad: inputGradient)
        let logitsWanted = finalActivation == .softmax || finalActivation == .sigmoid
        var captured: Tensor?
        let logits = try forwardCapturing(layers, input, prefix: "", target: capture, skipLast: logitsWanted,
                                          context: ForwardContext(training: false), captured: &captured)
        let outputs = logits.array
        let probabilities = Self.probabilities(outputs, activation: finalActivation)
        let predicted = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
        let chosen = classIndex ?? predicted
        guard probabilities.indices.contains(chosen) else {
            throw AttributionError.classOutOfRange(chosen, classes: probabilities.count)
        }
        // The score: the class's logit; a one-unit sigmoid's class 0 is scored by -logit.
        var mask = [Float](repeating: 0, count: outputs.count)
        if outputs.count == 1 {
            mask[0] = chosen == 1 ? 1 : -1
        } else {
            mask[chosen] = 1
        }
        let score = Tensor.sum(try Tensor.mul(logits, Tensor(mask, shape: logits.shape)))
        let value = score.scalar
        if input.requiresGrad || captured != nil { score.backward() }
        return AttributionPass(input: input, captured: captured, classIndex: chosen, predicted: predicted,
                               probabilities: probabilities, score: value)
    }

    /// Class probabilities from the outputs before the final activation.
    static func probabilities(_ logits: [Float], activation: ActivationKind) -> [Float] {
        func sigmoid(_ v: Float) -> Float { 1 / (1 + expf(-v)) }
        if logits.count == 1 {
            let p = activation == .sigmoid ? sigmoid(logits[0]) : min(1, max(0, logits[0]))
            return [1 - p, p]
        }
        if activation == .sigmoid { return logits.map(sigmoid) }
        let top = logits.max() ?? 0
        let exps = logits.map { expf($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { total > 0 ? $0 / total : 0 }
    }

    /// Runs `layers` on `x`; the output of the layer at path `target` becomes a leaf that requires a gradient
    /// (kept in `captured`), so the backward pass stops there and leaves its gradient in place.
    private func forwardCapturing(_ layers: [Layer], _ x: Tensor, prefix: String, target: String?, skipLast: Bool,
                                  context: ForwardContext, captured: inout Tensor?) throws -> Tensor {
        var h = x
        for (i, layer) in layers.enumerated() {
            let path = prefix + layer.name
            let skip = skipLast && i == layers.count - 1
            if let target, target.hasPrefix(path + ".") {
                h = try forwardInside(layer, h, path: path, target: target, skipLast: skip, context: context, captured: &captured)
            } else {
                h = try layer.forward(h, context, skipOutputActivation: skip)
            }
            if path == target {
                let leaf = h.detached()
                leaf.requiresGrad = true
                captured = leaf
                h = leaf
            }
        }
        return h
    }

    /// A container's forward pass with a capture inside it: a nested model or a residual block.
    private func forwardInside(_ layer: Layer, _ x: Tensor, path: String, target: String, skipLast: Bool,
                               context: ForwardContext, captured: inout Tensor?) throws -> Tensor {
        if let model = layer as? Sequential {
            return try forwardCapturing(model.layers, x, prefix: path + ".", target: target, skipLast: skipLast,
                                        context: context, captured: &captured)
        }
        if let residual = layer as? Residual {
            let body = (residual.body as? Sequential)?.layers ?? [residual.body]
            let inner = try forwardCapturing(body, x, prefix: path + ".", target: target, skipLast: false,
                                             context: context, captured: &captured)
            return try Tensor.add(x, inner)
        }
        throw AttributionError.cannotCapture(layer: target, container: "\(path) (\(layer.typeName))")
    }
}
