import Foundation
import NeuralNet
import Notebook
import TensorRuntime
import Testing

/// `generate`: sampling rules, determinism, streaming and the located refusals.
@Suite struct GenerateTests {
    static let causalModel = ["seed 5", "load sequences shift length=8 vocab=8 count=256", "model", "embedding vocab 16",
                              "positional learned", "transformer 2 32 causal=on", "dense vocab softmax", "compile lr=0.01", "train 1"]

    @Test func greedyAndTopOneTakeTheMostLikelyTokenLowestIndexFirst() {
        let scores: [Float] = [0.1, 0.4, 0.4, 0.1]
        var rng = SeededGenerator(seed: 1)
        scores.withUnsafeBufferPointer { row in
            #expect(TokenSampler(temperature: 0).sample(row, logits: false, rng: &rng) == 1)
            for _ in 0..<20 { #expect(TokenSampler(temperature: 2, topK: 1).sample(row, logits: false, rng: &rng) == 1) }
            for _ in 0..<50 { #expect([1, 2].contains(TokenSampler(temperature: 1, topK: 2).sample(row, logits: false, rng: &rng))) }
        }
    }

    @Test func drawsFollowTheDistribution() {
        let probabilities: [Float] = [0.5, 0.3, 0.2]
        var rng = SeededGenerator(seed: 9)
        var counts = [0, 0, 0]
        probabilities.withUnsafeBufferPointer { row in
            for _ in 0..<20_000 { counts[TokenSampler().sample(row, logits: false, rng: &rng)] += 1 }
        }
        for (count, p) in zip(counts, probabilities) { #expect(abs(Double(count) / 20_000 - Double(p)) < 0.015) }
        // Logits: the same distribution as log-probabilities.
        let logits = probabilities.map { Float(log(Double($0))) + 3 }
        var a = SeededGenerator(seed: 4), b = SeededGenerator(seed: 4)
        probabilities.withUnsafeBufferPointer { p in
            logits.withUnsafeBufferPointer { z in
                for _ in 0..<100 { #expect(TokenSampler().sample(p, logits: false, rng: &a) == TokenSampler().sample(z, logits: true, rng: &b)) }
            }
        }
    }

    @Test func theSameSeedWritesTheSameTokens() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.causalModel)
        func text(_ line: String) throws -> (String, String) {
            let blocks = try interpreter.execute(line: line)
            guard case .stream(let s)? = blocks.first, s.done else { Issue.record("no stream"); return ("", "") }
            return (s.prompt, s.text)
        }
        let first = try text("generate 12 seed=3")
        #expect(first.0 == "")
        #expect(first.1.split(separator: " ").count == 12)
        #expect(try text("generate 12 seed=3") == first)
        #expect(try text("generate 12 seed=4 temperature=1.5") != first)
        let prompted = try text("generate 5 prompt=\"1 2 3\" temperature=0")
        #expect(prompted.0 == "1 2 3")
        #expect(prompted.1.hasPrefix(" ") && prompted.1.split(separator: " ").count == 5)
        // Greedy ignores the seed.
        #expect(try text("generate 5 prompt=\"1 2 3\" temperature=0 seed=99") == prompted)
    }

    @Test func headlessOutputStreamsThenEndsTheLine() {
        var written: [String] = []
        let transcript = Transcript(sink: { written.append($0) }, options: .ascii, isTerminal: false)
        transcript.emit(.stream(StreamBlock(prompt: "ab", text: "c", done: false)))
        transcript.emit(.stream(StreamBlock(prompt: "ab", text: "cd", done: false)))
        transcript.emit(.stream(StreamBlock(prompt: "ab", text: "cde", done: true)))
        transcript.emit(.text("after"))
        #expect(written == ["abc", "d", "e", "\n", "after\n"])
    }

    @Test func onlyTheFinishedStreamIsKeptInTheTranscript() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.causalModel + ["generate 4"])
        let cell = try #require(interpreter.session.cells.last)
        let streams = cell.blocks.filter { if case .stream = $0 { true } else { false } }
        #expect(streams.count == 1)
    }

    @Test("Located refusals", arguments: [
        (["load shapes count=10", "model", "flatten", "dense 3 softmax"], "generate 5",
         "<input>:1:1: error: 'shapes' holds images, not tokens: there is nothing to generate"),
        (["load sequences reverse length=8 vocab=8 count=16", "model", "embedding vocab 8", "attention 2", "dense vocab softmax"], "generate 5",
         "<input>:1:1: error: 'multi_head_attention_1' attends to later tokens (causal=off)"),
        (["load sequences reverse length=8 vocab=8 count=16", "model", "embedding vocab 8", "flatten", "dense 8 softmax"], "generate 5",
         "<input>:1:1: error: generate needs a model from 8 token ids to a score for each of the 8 tokens at every position"),
        (["load sequences reverse length=8 vocab=8 count=16", "model", "embedding vocab 8", "dense vocab softmax"], "generate 5 prompt=\"1 9\"",
         "<input>:1:19: error: '9' is not a token of this data (ids 0...7)"),
        ([], "generate 0", "<input>:1:10: error: count 0 for generate must be in [1, 10000]"),
    ] as [([String], String, String)])
    func refusals(setup: [String], line: String, expected: String) {
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        let message = failure(interpreter, line)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }
}

/// `load weights layers=`: pre-training and fine-tuning move the weights that fit.
@Suite struct SelectiveLoadTests {
    @Test func matchingLoadsWhatFitsAndListsTheRest() throws {
        let folder = makeTemporaryDirectory("selective-load")
        let file = folder.appendingPathComponent("pre.safetensors").path
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 2", "load sequences shift vocab=12 count=64", "pre = model", "embedding vocab 16", "transformer 2 32 causal=on",
                               "dense vocab softmax", "save weights \(file)",
                               "load sequences shift vocab=9 count=64", "fine = model", "embedding vocab 16", "transformer 2 32 causal=on",
                               "dense vocab softmax"])
        let pre = try #require(interpreter.session.models["pre"]?.model)
        let fine = try #require(interpreter.session.models["fine"]?.model)
        let blocks = runLines(interpreter, ["load weights \(file) layers=matching"])
        let lines = texts(blocks)
        #expect(lines.first?.hasPrefix("loaded ") == true)
        #expect(lines.last?.contains("embedding_1.embeddings (the file's is (12, 16), the model's (9, 16))") == true, "\(lines)")
        let transferred = pre.namedParameters.filter { $0.name.hasPrefix("transformer_1.") }
        for (name, p, _) in transferred {
            let q = try #require(fine.namedParameters.first { $0.name == name })
            #expect(p.tensor.array == q.parameter.tensor.array, "\(name)")
        }
        // A named layer that is missing, and a required weight of another shape, change nothing.
        let before = fine.namedParameters.map(\.parameter.tensor.array)
        #expect(failure(interpreter, "load weights \(file) layers=transfomer_1")?.contains("did you mean 'transformer_1'?") == true)
        #expect(failure(interpreter, "load weights \(file) layers=transformer_1,dense_1")?.contains("'dense_1.kernel' has shape (16, 12), the model needs (16, 9)") == true)
        #expect(fine.namedParameters.map(\.parameter.tensor.array) == before)
        runLines(interpreter, ["load weights \(file) layers=transformer_1"])
    }
}
