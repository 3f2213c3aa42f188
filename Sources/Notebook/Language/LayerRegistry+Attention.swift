// The registry entries of attention models: self-attention, transformer blocks, positional encodings,
// image patches, class token, token selection and sequence mean pooling.

import NeuralNet

extension LayerRegistry {
    /// In documentation order, after the other layers.
    static let attentionEntries: [LayerEntry] = [attention, transformer, positional, patches, classtoken, token, meanpool]

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
            + "four Dense projections (query, key, value, attention_output) as in Keras, scaled dot-product per head: "
            + "Q = x*Wq_h + bq_h, K = x*Wk_h + bk_h, V = x*Wv_h + bv_h (N = key_dim columns each), A = softmax(Q*K^T / sqrt(N)) "
            + "row by row (causal: -inf where a key comes after the query), O_h = A*V, y = [O_0 ... O_H-1]*Wo + bo. "
            + "explain LAYER steps works it through on an example. "
            + "Each pass keeps its attention weights (heads x tokens x tokens) for display."
            + " Saved weights hold the projections 2-D: the query, key and value kernels (D, H*N) with biases (H*N), the output kernel (H*N, D),"
            + " where Keras's MultiHeadAttention holds (D, H, N), (H, N) and (H, N, D) (D features, H heads, N key_dim)."
            + " To move them to Keras, reshape in C order, heads first: kernel.reshape(D, H, N), bias.reshape(H, N), output kernel.reshape(H, N, D);"
            + " back with reshape(D, H*N) and reshape(H*N, D)."
    ) { a, _ in
        try MultiHeadAttention(heads: a.integer("heads"), keyDim: a.int("key_dim")?.value,
                               causal: a.boolean("causal"), dropout: a.float("dropout"))
    }
}

extension PositionalKind: LanguageWord {}

extension LayerRegistry {
    static let transformer = LayerEntry(
        "transformer", keras: "TransformerEncoder", kerasPositionals: ["mlp", "heads"],
        "append a pre-LN transformer encoder block",
        positionals: [
            heads,
            ParameterSpec("mlp", .integer, "hidden units of the block's MLP", required: true,
                          range: .between(1, Limits.units), placeholder: "MLP"),
        ],
        options: [keyDim, causal, ParameterSpec("dropout", .number, "fraction of attention weights and branch outputs dropped while training",
                                                default: "0", range: .halfOpen(0, 1))],
        example: "transformer 4 128",
        details: "x + MHA(LN(x)), then x + Dense(DIM)(GELU(Dense(MLP)(LN(x)))), over a sequence (tokens, features). "
            + "Its layers are named inside it: transformer_1.attention.query.kernel, transformer_1.dense_1.kernel."
            + " Both layer normalisations use epsilon 1e-3 (Keras's LayerNormalization default; many PyTorch and KerasHub blocks use 1e-5 or 1e-6),"
            + " and GELU is the exact erf form, not the tanh approximation. Its attention's weights are saved 2-D as `help attention` describes."
    ) { a, _ in
        try TransformerBlock(heads: a.integer("heads"), mlpUnits: a.integer("mlp"), keyDim: a.int("key_dim")?.value,
                             causal: a.boolean("causal"), dropout: a.float("dropout"))
    }

    static let positional = LayerEntry(
        "positional", keras: "PositionEmbedding", "append a layer adding positional encodings to a sequence",
        positionals: [ParameterSpec("kind", .choice(noun: "encoding", words: PositionalKind.words),
                                    "learned: a trained table; sinusoidal: fixed sines and cosines", required: true)],
        example: "positional learned",
        details: "learned adds a trained (tokens x features) table (keras_hub's PositionEmbedding); sinusoidal adds "
            + "sin(t / 10000^(2i/D)) and cos of the same at features 2i and 2i+1 (SinePositionEncoding), with no weights."
    ) { a, _ in
        PositionalEncoding(try a.choice("kind"))
    }

    static let patches = LayerEntry(
        "patches", keras: "PatchEmbedding", "append a layer cutting an image into patches projected to vectors",
        positionals: [
            ParameterSpec("size", .integer, "side of each square patch", required: true,
                          range: .between(1, Limits.patch), placeholder: "SIZE"),
            ParameterSpec("dim", .integer, "length of each patch's vector", required: true,
                          range: .between(1, Limits.units), placeholder: "DIM"),
        ],
        example: "patches 7 64",
        details: "An HxWxC image becomes (H/SIZE)*(W/SIZE) tokens in row-major order, each SIZE*SIZE*C values through "
            + "one Dense(DIM) named projection; SIZE must divide H and W."
    ) { a, _ in
        try PatchEmbedding(size: a.integer("size"), dimension: a.integer("dim"))
    }

    static let classtoken = LayerEntry(
        "classtoken", keras: "ClassToken", "append a layer prepending a learned token to a sequence",
        example: "classtoken"
    ) { _, _ in
        ClassToken()
    }

    static let token = LayerEntry(
        "token", keras: "TokenSelect", "append a layer keeping one token of a sequence",
        positionals: [ParameterSpec("index", .integer, "position of the token kept, from 0", required: true,
                                    range: .between(0, Limits.dimension - 1), placeholder: "INDEX")],
        example: "token 0"
    ) { a, _ in
        try TokenSelect(index: a.integer("index"))
    }

    static let meanpool = LayerEntry(
        "globalaveragepooling1d", aliases: ["meanpool"], keras: "GlobalAveragePooling1D",
        "append a layer averaging a sequence over its tokens", example: "globalaveragepooling1d"
    ) { _, _ in
        GlobalAveragePooling1D()
    }
}
