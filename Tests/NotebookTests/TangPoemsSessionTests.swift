// sessions/tang-poems.grad shows what it teaches (issue 17): pre-trained on `chinese`, the fine-tuned GPT
// ends with a lower validation perplexity on the Tang poems than the same model trained on them alone for
// the same steps. Shortened (two epochs, at most 1,000 training windows); needs fortunes-zh.

import Foundation
import NeuralNet
import Notebook
import Testing

private let fortunesZh = FileManager.default.fileExists(atPath: "/usr/share/games/fortunes/tang300")

@Suite struct TangPoemsSessionTests {
    @Test(.enabled(if: fortunesZh, "fortunes-zh is not installed"))
    func fineTuningBeatsTrainingFromScratch() throws {
        let dir = makeTemporaryDirectory("tang-poems")
        defer { try? FileManager.default.removeItem(at: dir) }
        let weights = dir.appendingPathComponent("pre.safetensors").path
        let source = try String(contentsOf: packageRoot().appendingPathComponent("sessions/tang-poems.grad"), encoding: .utf8)
            .replacingOccurrences(of: "tang-pretrained.safetensors", with: weights)
        let interpreter = Interpreter()
        interpreter.epochsMax = 2
        interpreter.subsetMax = 1000
        let capture = TranscriptCapture(interpreter: interpreter)
        #expect(capture.run(source, file: "tang-poems.grad") == 0, "\(capture.errors)")
        let session = capture.interpreter.session
        let fine = try #require(session.models["finetuned"]?.trainer?.history.last?.validationMetrics["perplexity"])
        let scratch = try #require(session.models["scratch"]?.trainer?.history.last?.validationMetrics["perplexity"])
        #expect(fine < 0.9 * scratch, "fine-tuned \(fine) against scratch \(scratch)")
        // Both evaluations and the three generations are printed.
        let rows = capture.output.split(separator: "\n").filter { $0.range(of: #"^[|│] perplexity +[|│]"#, options: .regularExpression) != nil }
        #expect(rows.count == 2, "\(rows)")
        #expect(capture.output.components(separatedBy: "48 tokens after 5").count - 1 == 3)
    }

    @Test(.enabled(if: fortunesZh, "fortunes-zh is not installed"))
    func generationIsReproducibleBitForBit() throws {
        let lines = ["seed 3", "load text corpus tang300 context=16", "model", "embedding vocab 16", "lstm 32 return_sequences=on",
                     "dense vocab softmax", "compile", "step 3 batches"]
        var outputs: [[OutputBlock]] = []
        for _ in 0..<2 {
            let interpreter = Interpreter()
            runLines(interpreter, lines)
            outputs.append(try interpreter.execute(line: "generate 40 prompt=\"春\" temperature=0.9 top_k=30 seed=11"))
        }
        guard case .stream(let first)? = outputs[0].first, case .stream(let second)? = outputs[1].first else {
            Issue.record("no generated text"); return
        }
        #expect(first.text == second.text)
        #expect(first.text.count >= 20)
    }
}
