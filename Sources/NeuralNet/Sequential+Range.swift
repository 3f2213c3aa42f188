import TensorRuntime

extension Sequential {
    /// The shape entering layer `index` (the model's input for 0, else the previous layer's output).
    public func inputShape(ofLayer index: Int) -> [Int] {
        index <= 0 ? inputShape : outputShapes[min(index, outputShapes.count) - 1]
    }

    /// Runs `layers[range]` on x (N, the shape entering `range.lowerBound`): an encoder is the layers up to
    /// the code, a decoder the layers after it. Layers run one by one (no fusion), activations included.
    public func forward(_ x: Tensor, layers range: Range<Int>, _ context: ForwardContext) throws -> Tensor {
        guard range.lowerBound >= 0, range.upperBound <= layers.count else { throw ModelError.indexOutOfRange(range.upperBound, count: layers.count) }
        let expected = inputShape(ofLayer: range.lowerBound)
        guard Array(x.shape.dropFirst()) == expected else {
            throw ModelError.shapeMismatch(layer: range.isEmpty ? "model" : layers[range.lowerBound].name,
                                           input: Array(x.shape.dropFirst()), expected: Shape.describe(expected))
        }
        var h = x
        for layer in layers[range] { h = try layer.forward(h, context, skipOutputActivation: false) }
        return h
    }
}
