// Catalog entries of the sequence data and attention commands.

import Datasets

extension Catalog {
    static let sequences: [CommandSpec] = [
        CommandSpec(.loadSequences, .data, "generate a toy sequence task whose correct attention pattern is known, and make it current",
                    positionals: [ParameterSpec("task", .choice(noun: "sequence task", words: SequenceDataset.Task.words),
                                                "reverse, sort, or shift (copy rotated right)", required: true, placeholder: "reverse|sort|shift")],
                    options: [
                        ParameterSpec("length", .integer, "tokens per sequence (T)", default: "8",
                                      range: .between(Double(SequenceDataset.lengthRange.lowerBound), Double(SequenceDataset.lengthRange.upperBound))),
                        ParameterSpec("vocab", .integer, "number of distinct tokens, 0...V-1", default: "10",
                                      range: .between(Double(SequenceDataset.vocabularyRange.lowerBound), Double(SequenceDataset.vocabularyRange.upperBound))),
                        ParameterSpec("count", .integer, "training sequences", default: "2000", range: .between(1, 1_000_000)),
                        ParameterSpec("test", .integer, "held-out test sequences", default: "200", range: .between(1, 1_000_000)),
                        ParameterSpec("shift", .integer, "positions the shift task rotates by (0...length-1)", default: "1", range: .between(0, 63)),
                        ParameterSpec("seed", .integer, "generator seed", note: "the session seed", range: .atLeast(0)),
                    ],
                    example: "load sequences reverse length=8 vocab=10",
                    details: "Inputs are T token ids; targets are one class per token: the reversed sequence (attention on the anti-diagonal), "
                        + "the sorted tokens, or the sequence rotated right by shift (a shifted diagonal). Use loss sparse_categorical_crossentropy "
                        + "(per token) and metrics accuracy (per token) and sequence_accuracy (whole sequences right). The test split is drawn "
                        + "from another stream of the same seed.",
                    canBind: true),
    ]

    static let attention: [CommandSpec] = [
        CommandSpec(.showAttention, .inspection, "draw an attention layer's weights for one example as a query x key heat map",
                    positionals: [layerRef("an attention layer (name, number or path such as transformer_1.attention), or all for every layer", placeholder: "LAYER|all")],
                    options: attentionOptions,
                    example: "show attention multi_head_attention_1 head=all sample=3",
                    details: "Rows are queries, columns keys, each labelled with the token at that position; colours run from 0 to 1 (each row sums to 1) "
                        + "and the strongest cell is named under the matrix. head=all draws every head side by side; show attention all draws every "
                        + "attention layer x head (the model view). For a patch model (image input) the heads are also laid over the picture: the class "
                        + "token's attention to each patch, or the mean over queries. export attention FILE.png writes the latest matrix."),
        CommandSpec(.watchAttention, .inspection, "keep an attention heat map in the live panel, redrawn while training",
                    positionals: [layerRef("an attention layer (name, number or path)")],
                    options: attentionOptions.filter { $0.name != "from" } + [
                        ParameterSpec("every", .integer, "redraw every N batches as well as at each epoch end", note: "epoch ends only", range: .between(1, Limits.count)),
                    ],
                    example: "watch attention multi_head_attention_1 head=0 every=20",
                    details: "The heat map is computed on the training thread from a test example (no weights change) and refreshed at each epoch "
                        + "end, or every N batches; a headless run prints it at each epoch end. watch off stops."),
        CommandSpec(.watchOff, .inspection, "stop watching: clear the live heat map",
                    example: "watch off"),
    ]

    static let attentionOptions: [ParameterSpec] = [
        ParameterSpec("head", .indexOrPath, "0-based head, or all", default: "0", range: .between(0, 4096), placeholder: "H|all"),
        ParameterSpec("sample", .integer, "0-based example", default: "0", range: .between(0, Limits.count)),
        splitChoice("from", "the split the example comes from", ["test", "train"], default: "test"),
    ]
}
