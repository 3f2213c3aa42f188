import Foundation
import NeuralNet
import TensorRuntime
@testable import Notebook
import Testing

/// `vocab` and `classes` in layer lines stand for the loaded data's sizes; `perplexity` and
/// `bits_per_token` report the per-token cross-entropy.
@Suite struct DataSizeArgumentTests {
    @Test func vocabAndClassesTakeTheDataSizes() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load sequences reverse length=6 vocab=12 count=64", "model", "embedding vocab 8", "dense vocab softmax"])
        let model = try #require(interpreter.session.modelEntry?.model)
        // Keras: Embedding(12, 8) 96; Dense(12) on 8 features 8*12 + 12 = 108.
        #expect(model.summary.total == 12 * 8 + 8 * 12 + 12)
        runLines(interpreter, ["load shapes count=20 classes=4", "model", "flatten", "dense classes softmax"])
        let images = try #require(interpreter.session.modelEntry?.model)
        #expect(images.summary.total == 28 * 28 * 4 + 4)
    }

    @Test func theWordIsKeptForReplay() throws {
        let interpreter = Interpreter()
        let blocks = runLines(interpreter, ["load sequences sort vocab=5 count=16", "model", "embedding vocab 4"])
        #expect(!blocks.isEmpty)
        let statement = try #require(try Parser.parseLine("embedding vocab 4").get())
        #expect(statement.source == "embedding vocab 4")
    }

    @Test("Located errors", arguments: [
        (["model input=4"], "dense vocab", "<input>:1:7: error: `vocab` stands for the loaded data's vocabulary size, but no data is loaded"),
        (["load shapes count=10", "model"], "dense vocab softmax", "<input>:1:7: error: 'shapes' holds images, which have no vocabulary"),
        ([], "dense vocabulary", "<input>:1:7: error: expected an integer (or vocab / classes: the loaded data's size) for 'units', found 'vocabulary'"),
    ] as [([String], String, String)])
    func errors(setup: [String], line: String, expected: String) {
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        let layers = interpreter.session.modelEntry?.model.layers.count
        let message = failure(interpreter, line)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
        #expect(interpreter.session.modelEntry?.model.layers.count == layers)
    }

    @Test func aSizeOutsideTheBoundsIsLocatedAtTheWord() throws {
        let statement = try #require(try Parser.parseLine("attention vocab").get())
        let layer = try #require((statement.command as? LayerLine)?.layer)
        let error = #expect(throws: NotebookError.self) {
            try layer.arguments.resolvingDataSizes(layer.entry, command: "attention") { _, _ in 1000 }
        }
        #expect(error?.message == "vocab is 1000 for the loaded data, but heads of attention must be in [1, 256]")
        #expect(error?.range.start.column == 11)
    }

    @Test func perplexityOfAUniformGuessIsTheVocabulary() {
        // (N 2, T 3, K 5): uniform probabilities and all-zero logits.
        let uniform = Tensor(repeating: 0.2, shape: [2, 3, 5])
        let zeros = Tensor(zeros: [2, 3, 5])
        let targets = Targets.values(Tensor([0, 1, 2, 3, 4, 0], shape: [2, 3]))
        for (output, logits) in [(uniform, false), (zeros, true)] {
            let mean = Metric.perplexity.score(output, targets: targets, logits: logits) / 2
            #expect(abs(Metric.perplexity.finish(mean) - 5) < 1e-5)
            #expect(abs(Metric.bitsPerToken.finish(mean) - log2(5)) < 1e-5)
        }
    }

    @Test func perplexityIsTheExpOfTheEvaluatedLoss() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 3", "load sequences shift length=6 vocab=8 count=256", "model", "embedding vocab 16",
                               "dense vocab softmax", "compile metrics=accuracy,perplexity,bits_per_token lr=0.01", "train 2"])
        let trainer = try #require(interpreter.session.modelEntry?.trainer)
        let record = try #require(trainer.history.last)
        let validationLoss = try #require(record.validationLoss)
        let perplexity = try #require(record.validationMetrics["perplexity"])
        #expect(abs(perplexity - exp(validationLoss)) < 1e-4 * perplexity)
        #expect(abs(try #require(record.validationMetrics["bits_per_token"]) - validationLoss / log(2)) < 1e-4)
        // Per position alone the shift task cannot be learnt: about a uniform guess over 8 tokens.
        #expect(perplexity > 1 && perplexity < 9)
        let chart = runLines(interpreter, ["chart perplexity"])
        #expect(chart.contains { if case .chart(let c) = $0 { c.title.contains("perplexity") } else { false } })
    }
}
