import Foundation
import NeuralNet
import Notebook
import Testing

/// Recurrent layers written in the language: Keras's names and parameter counts in `summary`, Keras calls
/// answered with the line, errors, and an LSTM that learns a per-token task.
@Suite struct InterpreterRecurrentTests {
    @Test func summaryShowsKerasTypesAndParameterCounts() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["model input=10x16", "lstm 32 return_sequences=on", "gru 32 return_sequences=on",
                               "gru 8 reset_after=off return_sequences=on", "simplernn 32 activation=relu"])
        let summary = try #require(interpreter.session.modelEntry?.model.summary)
        #expect(summary.rows.map(\.name) == ["lstm_1", "gru_1", "gru_2", "simple_rnn_1"])
        #expect(summary.rows.map(\.type) == ["LSTM", "GRU", "GRU", "SimpleRNN"])
        // Keras: LSTM 4(UD + UU + U), GRU 3(UD + UU + 2U) (3(UD + UU + U) with reset_after=False), SimpleRNN UD + UU + U.
        #expect(summary.rows.map(\.parameters) == [6_272, 6_336, 3 * (8 * 32 + 8 * 8 + 8), 8 * 32 + 32 * 32 + 32])
        #expect(summary.rows.map(\.outputShape) == [[10, 32], [10, 32], [10, 8], [32]])
        #expect(summary.rows.map(\.config) == ["32 units, sequences", "32 units, sequences", "8 units, sequences, reset before", "32 units relu"])
    }

    @Test("Recurrent layers need a sequence and say how to make one", arguments: [
        (["model input=28x28x1", "lstm 8"], "turn an image into one with `patches SIZE DIM` first"),
        (["model input=10", "gru 8"], "make one with `embedding VOCAB DIM`"),
        (["model input=4x3", "simplernn 0"], "units"),
        (["model input=4x3", "lstm 4097"], "must be in [1, 4096]"),
        (["model input=4x3", "lstm 8 activation=softmax"], "unknown activation 'softmax'"),
    ])
    func errors(lines: [String], message: String) {
        let interpreter = Interpreter()
        runLines(interpreter, Array(lines.dropLast()))
        let error = failure(interpreter, lines[lines.count - 1])
        #expect(error?.contains(message) == true, "\(error ?? "no error")")
    }

    @Test func helpExplainsTheEquationsAndTheWeightLayout() {
        let lstm = Help.lines(for: "lstm").joined(separator: " ")
        #expect(lstm.contains("c_t = f·c_{t-1} + i·g") && lstm.contains("gate order i, f, c, o") && lstm.contains("unit_forget_bias"))
        let gru = Help.lines(for: "gru").joined(separator: " ")
        #expect(gru.contains("h_t = z·h_{t-1} + (1 - z)·h̃") && gru.contains("row 0 b_in"))
        #expect(Help.lines(for: "simplernn").joined(separator: " ").contains("U·D + U·U + U"))
    }

    /// `shift` with shift=1: the target at t is the input at t - 1, which a causal LSTM reads one step
    /// earlier (position 0's target is the sequence's last token, which no causal model can know: at most
    /// (T - 1)/T + 1/(T·V) of the tokens, 0.977 here).
    @Test func anLSTMLearnsToShiftASequence() throws {
        let interpreter = Interpreter()
        let started = Date()
        runLines(interpreter, [
            "seed 4", "load sequences shift length=32 vocab=4 count=768 validation=64 test=128 shift=1", "model",
            "embedding 4 8", "lstm 24 return_sequences=on", "dense 4 softmax",
            "compile loss=sparse_categorical_crossentropy optimizer=adam lr=0.02 metrics=accuracy", "batch 32", "train 6",
        ])
        let blocks = try interpreter.execute(line: "evaluate on=test")
        guard case let .table(table)? = blocks.first else {
            Issue.record("expected a table")
            return
        }
        let accuracy = table.rows.first { $0.first == "accuracy" }.flatMap { Double($0[1]) } ?? 0
        #expect(accuracy >= 0.95, "held-out accuracy \(accuracy)")
        print("lstm shift: held-out accuracy \(accuracy) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
