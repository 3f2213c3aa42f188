// The registry entries of recurrent layers: SimpleRNN, LSTM and GRU with Keras's names, defaults,
// weight layout and parameter counts.

import NeuralNet

extension LayerRegistry {
    /// In documentation order, after the attention layers.
    static let recurrentEntries: [LayerEntry] = [simplernn, lstm, gru]

    // MARK: Shared parameters

    /// The largest state: drawing the orthogonal recurrent kernel takes about 4·U³ multiply-adds (seconds at 4096).
    static let maxRecurrentUnits = 4_096
    static let recurrentUnits = ParameterSpec("units", .integer, "size of the state (outputs per step)", required: true,
                                              range: .between(1, maxRecurrentUnits), placeholder: "UNITS")
    static let returnSequences = ParameterSpec("return_sequences", .boolean,
                                               "on: every step's state (tokens, UNITS); off: the last one (UNITS)", default: "off")
    static let cellActivation = ParameterSpec(
        "activation", .choice(noun: "activation", words: ActivationKind.words.filter { $0 != ActivationKind.softmax.rawValue }),
        "the cell's activation (the gates always use the sigmoid)", default: ActivationKind.tanh.rawValue,
        placeholder: "ACTIVATION")
    static let recurrentOptions = [returnSequences, cellActivation]

    /// What every recurrent entry says of its shapes and weights.
    static let recurrentShapes = " Takes a sequence (tokens, features), e.g. after `embedding`, and reads it from the first token to the last"
        + " with a state of UNITS values starting at zero (UNITS at most \(maxRecurrentUnits): drawing the orthogonal recurrent kernel"
        + " takes about 4·UNITS³ operations). Weights as Keras stores them (D features, U units, gates side by side): "

    /// The layer of `cell` from the arguments every recurrent entry has.
    static func recurrent(_ cell: RecurrentCell, _ a: LayerArguments) throws -> NeuralNet.Layer {
        try RecurrentLayer(cell, units: a.integer("units"), activation: a.choice("activation"),
                           returnSequences: a.boolean("return_sequences"))
    }

    // MARK: Entries

    static let simplernn = LayerEntry(
        "simplernn", keras: "SimpleRNN", kerasPositionals: ["units"], "append a simple recurrent layer over a sequence",
        positionals: [recurrentUnits], options: recurrentOptions,
        example: "simplernn 32",
        details: "h_t = tanh(x_t·W + h_{t-1}·R + b)." + recurrentShapes
            + "kernel W (D, U) glorot_uniform, recurrent_kernel R (U, U) orthogonal, bias b (U) zeros; U·D + U·U + U parameters."
    ) { a, _ in
        try recurrent(.simple, a)
    }

    static let lstm = LayerEntry(
        "lstm", keras: "LSTM", kerasPositionals: ["units"], "append a long short-term memory layer over a sequence",
        positionals: [recurrentUnits], options: recurrentOptions,
        example: "lstm 64 return_sequences=on",
        details: "z = x_t·W + h_{t-1}·R + b split into [i, f, c, o]; i = σ(z_i), f = σ(z_f), g = tanh(z_c), o = σ(z_o);"
            + " c_t = f·c_{t-1} + i·g; h_t = o·tanh(c_t) (σ the sigmoid; activation= replaces tanh)." + recurrentShapes
            + "kernel W (D, 4U) glorot_uniform, recurrent_kernel R (U, 4U) orthogonal, bias b (4U), columns in the gate order i, f, c, o;"
            + " the bias starts at zero except the forget gate's at 1 (unit_forget_bias). 4·(U·D + U·U + U) parameters."
    ) { a, _ in
        try recurrent(.lstm, a)
    }

    static let gru = LayerEntry(
        "gru", keras: "GRU", kerasPositionals: ["units"], "append a gated recurrent unit layer over a sequence",
        positionals: [recurrentUnits],
        options: recurrentOptions + [ParameterSpec("reset_after", .boolean,
                                                   "on: the reset gate applies after the recurrent product (Keras 3); off: before it",
                                                   default: "on")],
        example: "gru 32 return_sequences=on",
        details: "x̂ = x_t·W + b_in and ĥ = h_{t-1}·R + b_rec split into [z, r, h]; z = σ(x̂_z + ĥ_z), r = σ(x̂_r + ĥ_r),"
            + " h̃ = tanh(x̂_h + r·ĥ_h); h_t = z·h_{t-1} + (1 - z)·h̃ (σ the sigmoid; activation= replaces tanh)."
            + " With reset_after=off: h̃ = tanh(x_t·W_h + (r·h_{t-1})·R_h + b_h) and one bias." + recurrentShapes
            + "kernel W (D, 3U) glorot_uniform, recurrent_kernel R (U, 3U) orthogonal, columns in the gate order z, r, h;"
            + " bias (2, 3U) zeros, row 0 b_in and row 1 b_rec (with reset_after=off: (3U)). 3·(U·D + U·U + 2U) parameters (3·(U·D + U·U + U) with reset_after=off)."
    ) { a, _ in
        try recurrent(.gru(resetAfter: a.boolean("reset_after")), a)
    }
}
