// `load sequences`, per-token training, `show samples`/`info` of sequences, and the errors of
// `show attention` and `watch` that need no attention layer.

import Canvas
import NeuralNet
import Notebook
import Testing

@Suite struct InterpreterSequencesTests {
    @Test func loadSequencesDescribesTheTaskAndShowsTokenRows() throws {
        let interpreter = Interpreter()
        let loaded = runLines(interpreter, ["seed 3", "load sequences reverse length=4 vocab=5 count=20 validation=5 test=6"])
        #expect(texts(loaded).last == "reverse: 20 training sequences, 5 validation, 6 test - 4 tokens of 5, reverse the sequence")
        let blocks = try interpreter.execute(line: "show samples 2 from=test")
        guard case let .table(table)? = blocks.first else {
            Issue.record("expected a table")
            return
        }
        #expect(table.headers == ["#", "", "0", "1", "2", "3"])
        #expect(table.rows.count == 4)
        #expect(table.rows[0][1] == "input")
        #expect(table.rows[1][1] == "target")
        #expect(Array(table.rows[1].dropFirst(2)) == Array(table.rows[0].dropFirst(2).reversed()))
        let info = try interpreter.execute(line: "info")
        guard case let .table(described)? = info.first else {
            Issue.record("expected a table")
            return
        }
        #expect(described.rows.first == ["task", "reverse (reverse the sequence)"])
    }

    @Test func aPerTokenModelTrainsAndReportsSequenceAccuracy() throws {
        let interpreter = Interpreter()
        runLines(interpreter, [
            "seed 1", "load sequences shift length=4 vocab=4 count=64 test=16 shift=0", "model",
            "embedding 4 8", "dense 4 softmax",
            "compile loss=sparse_categorical_crossentropy optimizer=adam lr=0.05 metrics=accuracy,sequence_accuracy",
            "batch 16", "train 5",
        ])
        let blocks = try interpreter.execute(line: "evaluate on=test")
        guard case let .table(table)? = blocks.first else {
            Issue.record("expected a table")
            return
        }
        // Copying (shift 0) needs no attention: an embedding and a dense layer learn it per token.
        #expect(table.title?.contains("(16 sequences)") == true)
        let accuracy = table.rows.first { $0.first == "accuracy" }.flatMap { Double($0[1]) } ?? 0
        let sequences = table.rows.first { $0.first == "sequence_accuracy" }.flatMap { Double($0[1]) } ?? 0
        #expect(accuracy > 0.9)
        #expect(sequences > 0.6)
    }

    @Test(arguments: [
        ("compile loss=categorical_crossentropy", "sequence targets are token indices"),
        ("show attention 1", "has no attention layer"),
        ("watch attention 1", "has no attention layer"),
        ("split validation=0.2", "with their own validation split"),
    ])
    func sequenceErrorsSayWhatToDo(line: String, message: String) {
        let interpreter = Interpreter()
        runLines(interpreter, ["load sequences reverse length=4 vocab=5 count=8 test=2", "model", "embedding 5 4", "dense 5 softmax"])
        #expect(failure(interpreter, line)?.contains(message) == true, "\(failure(interpreter, line) ?? "no error")")
    }

    @Test(arguments: [
        ("load sequences reverse length=1", "length"),
        ("load sequences reverse length=4 shift=4", "shift 4 must be less than the length 4"),
        ("load sequences mirror", "unknown sequence task"),
        ("show attention 1 head=x", "a head number (0, 1...) or all"),
    ])
    func badArgumentsAreNamed(line: String, message: String) {
        let interpreter = Interpreter()
        runLines(interpreter, ["load sequences reverse length=4 vocab=5 count=8 test=2", "model", "embedding 5 4", "dense 5 softmax"])
        #expect(failure(interpreter, line)?.contains(message) == true, "\(failure(interpreter, line) ?? "no error")")
    }

    @Test func theModelOutputMustScoreEveryToken() {
        let interpreter = Interpreter()
        runLines(interpreter, ["load sequences reverse length=4 vocab=5 count=8 test=2", "model", "embedding 5 4", "flatten", "dense 5 softmax"])
        #expect(failure(interpreter, "compile")?.contains("does not give each of the 4 positions a score for each of the 5 tokens") == true)
    }
}
