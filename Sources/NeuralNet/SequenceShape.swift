import TensorRuntime

/// The input check shared by the layers that work on sequences of feature vectors.
enum SequenceShape {
    /// (tokens, features) of a [T, D] input; a located, hinted error for any other rank.
    /// `layer` names the layer in the message, `word` is its word in the language (for the hint).
    static func tokensAndFeatures(_ inputShape: [Int], layer: String, word: String) throws -> (tokens: Int, features: Int) {
        guard inputShape.count == 2, inputShape[0] > 0, inputShape[1] > 0 else {
            throw ModelError.unfitInput(
                layer: layer, input: inputShape, expected: "a sequence (tokens, features)",
                hint: inputShape.count == 3
                    ? "\(word) works on sequences; turn an image into one with `patches SIZE DIM` first"
                    : "\(word) works on sequences; make one with `embedding VOCAB DIM` or `patches SIZE DIM` first")
        }
        return (inputShape[0], inputShape[1])
    }

    /// Bytes kept for backward by a [T, D]-to-[T, D] step: the output and its gradient.
    static func activationBytes(values: Int, batch: Int) -> Int {
        Shape.saturatingProduct(LayerMemory.bytes(values: values, batch: batch), 2)
    }
}
