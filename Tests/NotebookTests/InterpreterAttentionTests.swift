import NeuralNet
import Notebook
import Testing

/// Attention models written in the language: the words, Keras's type names and parameter counts in `summary`,
/// and located, hinted errors for inputs that do not fit.
@Suite struct InterpreterAttentionTests {
    /// Keras: MultiHeadAttention over D features, H heads of size k: 3·(D·H·k + H·k) + H·k·D + D.
    static func multiHeadAttention(_ d: Int, _ h: Int, _ k: Int) -> Int { 3 * (d * h * k + h * k) + h * k * d + d }

    @Test func attentionIsOneKerasRowWithKerasParameters() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["model input=16x64", "attention 4", "multiheadattention 2 key_dim=8 causal=on dropout=0.1"])
        let summary = try #require(interpreter.session.modelEntry?.model.summary)
        #expect(summary.rows.map(\.type) == ["MultiHeadAttention", "MultiHeadAttention"])
        #expect(summary.rows.map(\.parameters) == [Self.multiHeadAttention(64, 4, 16), Self.multiHeadAttention(64, 2, 8)])
        #expect(summary.rows[0].parameters == 16_640)
        #expect(summary.rows.map(\.outputShape) == [[16, 64], [16, 64]])
        #expect(summary.rows[1].config == "2 heads, key_dim 8, causal, dropout 0.1")
    }

    @Test("Attention errors point at the layer line and say what to do", arguments: [
        (["model input=8", "attention 2"],
         "<input>:2:1: error: multi_head_attention_1 cannot take input of shape (8): expected a sequence (tokens, features) - "
            + "attention works on sequences; make one with `embedding VOCAB DIM` or `patches SIZE DIM` first"),
        (["model input=5x10", "attention 4"],
         "<input>:2:1: error: multi_head_attention_1 cannot take input of shape (5, 10): expected features that split evenly "
            + "into 4 heads - use a number of heads that divides 10, or give the size of each head: key_dim=N"),
    ])
    func locatedErrors(lines: [String], expected: String) {
        let interpreter = Interpreter()
        runLines(interpreter, Array(lines.dropLast()))
        let error = #expect(throws: NotebookError.self) { try interpreter.execute(line: lines[lines.count - 1], lineNumber: lines.count) }
        #expect(error?.rendered() == expected)
    }

    @Test("Attention bounds are checked where they are written", arguments: [
        ("attention 0", "heads"), ("attention 257", "heads"), ("attention 2 key_dim=0", "key_dim"), ("attention 2 dropout=1", "dropout"),
    ])
    func bounds(line: String, parameter: String) {
        let interpreter = Interpreter()
        runLines(interpreter, ["model input=4x8"])
        let message = failure(interpreter, line)
        #expect(message?.contains(parameter) == true, "\(String(describing: message))")
    }

    @Test func aTinyVisionTransformerTrainsWithKerasCounts() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=64 classes=3 size=16", "model", "patches 4 16", "positional learned",
                               "transformer 2 32", "classtoken", "transformer 2 32 causal=on", "layernorm", "token 0",
                               "dense 3 softmax", "compile", "step 2 batches"])
        let model = try #require(interpreter.session.modelEntry?.model)
        let summary = model.summary
        #expect(summary.rows.map(\.type) == ["PatchEmbedding", "PositionEmbedding", "TransformerEncoder", "ClassToken",
                                             "TransformerEncoder", "LayerNormalization", "TokenSelect", "Dense"])
        let channels = model.inputShape[2]
        // Keras: Conv2D(16, 4, strides=4) patches, a (16, 16) position table, encoder blocks of MHA + 2 LN + 2 Dense.
        let encoder = Self.multiHeadAttention(16, 2, 8) + 2 * (2 * 16) + (16 * 32 + 32) + (32 * 16 + 16)
        #expect(summary.rows.map(\.parameters) == [4 * 4 * channels * 16 + 16, 16 * 16, encoder, 16, encoder, 32, 0, 16 * 3 + 3])
        #expect(summary.rows.map(\.outputShape) == [[16, 16], [16, 16], [16, 16], [17, 16], [17, 16], [17, 16], [16], [3]])
        #expect(model.namedParameters.map(\.name).contains("transformer_2.attention.query.kernel"))
        #expect(interpreter.session.modelEntry?.trainer?.batchLosses.count == 2)
    }

    @Test func meanPoolingAndSinusoidalPositionsHaveNoWeights() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["model input=10", "embedding 20 8", "positional sinusoidal", "attention 2", "meanpool", "dense 2 softmax"])
        let summary = try #require(interpreter.session.modelEntry?.model.summary)
        #expect(summary.rows.map(\.type) == ["Embedding", "SinePositionEncoding", "MultiHeadAttention", "GlobalAveragePooling1D", "Dense"])
        #expect(summary.rows.map(\.parameters) == [20 * 8, 0, Self.multiHeadAttention(8, 2, 4), 0, 8 * 2 + 2])
    }

    @Test("Sequence layer errors are located and hinted", arguments: [
        (["model input=28x28x1", "patches 5 16"],
         "<input>:2:1: error: patch_embedding_1 cannot take input of shape (28, 28, 1): expected a height and width that 5 x 5 "
            + "patches tile exactly - use a patch size that divides 28: 2, 4, 7, 14, 28"),
        (["model input=28x28x1", "meanpool"],
         "<input>:2:1: error: global_average_pooling1d_1 cannot take input of shape (28, 28, 1): expected a sequence (tokens, features) - "
            + "for an image, average each channel with `globalavgpool`"),
        (["model input=28x28x1", "patches 7 16", "token 16"],
         "<input>:3:1: error: token_1 cannot take input of shape (16, 16): expected more than 16 tokens - positions are 0 to 15"),
    ])
    func sequenceErrors(lines: [String], expected: String) {
        let interpreter = Interpreter()
        runLines(interpreter, Array(lines.dropLast()))
        let error = #expect(throws: NotebookError.self) { try interpreter.execute(line: lines[lines.count - 1], lineNumber: lines.count) }
        #expect(error?.rendered() == expected)
    }
}
