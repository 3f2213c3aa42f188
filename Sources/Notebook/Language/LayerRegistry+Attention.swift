// The registry entries of attention models: self-attention, transformer blocks, positional encodings,
// image patches, class token, token selection and sequence mean pooling.

import NeuralNet

extension LayerRegistry {
    /// In documentation order, after the other layers.
    static let attentionEntries: [LayerEntry] = [attention]

    // MARK: Shared parameters

    static let heads = ParameterSpec("heads", .integer, "number of attention heads", required: true,
                                     range: .between(1, Limits.heads), placeholder: "HEADS")
    static let keyDim = ParameterSpec("key_dim", .integer, "size of each head's query and key", note: "DIM / HEADS",
                                      range: .between(1, Limits.units))
    static let causal = ParameterSpec("causal", .boolean, "on: each token attends only to itself and earlier tokens",
                                      default: "off")
    static let attentionDropout = ParameterSpec("dropout", .number, "fraction of attention weights dropped while training",
                                                default: "0", range: .halfOpen(0, 1))

    // MARK: Entries

    static let attention = LayerEntry(
        "attention", aliases: ["multiheadattention"], keras: "MultiHeadAttention", kerasPositionals: ["heads", "key_dim"],
        "append multi-head self-attention over a sequence",
        positionals: [heads],
        options: [keyDim, causal, attentionDropout],
        example: "attention 4",
        details: "Takes a sequence (tokens, features) and returns the same shape: query = key = value = the input, "
            + "four Dense projections (query, key, value, attention_output) as in Keras, scaled dot-product per head. "
            + "Each pass keeps its attention weights (heads x tokens x tokens) for display."
    ) { a, _ in
        try MultiHeadAttention(heads: a.integer("heads"), keyDim: a.int("key_dim")?.value,
                               causal: a.boolean("causal"), dropout: a.float("dropout"))
    }
}
