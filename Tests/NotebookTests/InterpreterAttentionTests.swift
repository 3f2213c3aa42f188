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
}
