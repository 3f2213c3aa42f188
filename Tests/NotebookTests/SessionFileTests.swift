// Every prepared session in sessions/ runs headless (one epoch per `train`, small subsets), and its
// transcript has the expected structure: each command echoed, summaries, epoch tables, and
// evaluations that beat chance.

import Foundation
import Notebook
import Testing

private let sessionsDirectory = packageRoot().appendingPathComponent("sessions")

private let fashionDirectory = "/usr/share/datasets/fashion-mnist"
private let fashionAvailable = FileManager.default.fileExists(atPath: fashionDirectory + "/train-images-idx3-ubyte.gz")
    || FileManager.default.fileExists(atPath: fashionDirectory + "/train-images-idx3-ubyte")

/// The session files, split by whether they need Fashion-MNIST.
private func sessionFiles(fashion: Bool) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: sessionsDirectory.path)) ?? []
    return names.filter { $0.hasSuffix(".grad") }.sorted().filter { name in
        let text = (try? String(contentsOf: sessionsDirectory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.contains("load fashion-mnist") == fashion
    }
}

@Suite struct SessionFileTests {
    @Test func theSessionsFolderIsFound() {
        #expect(FileManager.default.fileExists(atPath: sessionsDirectory.appendingPathComponent("quickstart.grad").path))
        #expect(sessionFiles(fashion: false).contains("quickstart.grad"))
        #expect(sessionFiles(fashion: true).count + sessionFiles(fashion: false).count >= 3)
    }

    @Test(arguments: sessionFiles(fashion: false))
    func syntheticSessionRuns(_ name: String) throws {
        try check(name)
    }

    @Test(.enabled(if: fashionAvailable, "Fashion-MNIST is not installed at \(fashionDirectory)"),
          arguments: sessionFiles(fashion: true))
    func fashionSessionRuns(_ name: String) throws {
        try check(name)
    }

    /// Runs one session and checks its transcript.
    private func check(_ name: String) throws {
        let source = try String(contentsOf: sessionsDirectory.appendingPathComponent(name), encoding: .utf8)
        let interpreter = Interpreter()
        interpreter.epochsMax = 1
        interpreter.subsetMax = 1000
        let capture = TranscriptCapture(interpreter: interpreter)
        let failures = capture.run(source, file: name)
        #expect(failures == 0, "\(capture.errors)")
        let transcript = capture.output
        let lines = transcript.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        // Every statement is echoed, in order; comments and blank lines are not.
        let statements = source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let echoed = lines.filter { $0.hasPrefix(">>> ") }.map { String($0.dropFirst(4)) }
        #expect(echoed == statements)
        #expect(!lines.contains { $0.hasPrefix(">>> #") })

        if statements.contains("summary") {
            #expect(transcript.contains("Total params: "))
            #expect(transcript.contains("Trainable params: "))
        }
        let trains = statements.filter { $0.hasPrefix("train ") || $0 == "step" }
        if !trains.isEmpty {
            // An epoch table per train: a header row holding `epoch` and `loss` as words, and `seconds`
            // (`sec` when many metrics share 80 columns; tolerant of a cut header too).
            let headers = lines.filter { line in
                let words = line.split(whereSeparator: { $0 == " " || $0 == "|" })
                let seconds = words.contains { word in
                    let stem = word.hasSuffix("~") || word.hasSuffix("…") ? word.dropLast() : word
                    return stem.count >= 3 && "seconds".hasPrefix(stem)
                }
                return words.first == "epoch" && words.contains("loss") && seconds
            }
            // `train gan` streams its epoch lines and ends with a chart of both losses instead of a table.
            let gans = statements.filter { $0.hasPrefix("train gan ") }.count
            // `step N batches` shows a table when its batches end an epoch (a quick replay caps it at one epoch).
            let expected = trains.count - gans + statements.filter { $0 == "history" }.count
            let batchSteps = statements.filter { $0.hasPrefix("step ") && $0.hasSuffix(" batches") }.count
            #expect(headers.count >= expected && headers.count <= expected + batchSteps)
            // epochsMax = 1: one streamed epoch line per train, each for epoch 1.
            let epochLines = lines.filter { $0.hasPrefix("epoch ") && $0.contains("loss ") }
            #expect(epochLines.count == trains.count)
            #expect(epochLines.allSatisfy { $0.hasPrefix("epoch 1 ") })
        }

        // Evaluations: the accuracy row of each evaluate table beats chance.
        let classes = try #require(interpreter.session.data?.classNames.count)
        let accuracies = lines.compactMap(accuracy(in:))
        let evaluations = statements.filter { $0.hasPrefix("evaluate") }.count
        // A language model's evaluation reports perplexity instead of accuracy.
        let perplexities = lines.filter { $0.range(of: #"^[|│] perplexity +[|│]"#, options: .regularExpression) != nil }.count
        #expect(accuracies.count + perplexities == evaluations)
        for a in accuracies {
            #expect(a > 1.0 / Double(classes) + 0.05, "accuracy \(a) with \(classes) classes")
            #expect(a <= 1)
        }
    }

    /// The value of an `accuracy` row of a metric/value table, e.g. `| accuracy | 0.8125 |`.
    private func accuracy(in line: String) -> Double? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "|" })
        guard words.count == 2, words[0] == "accuracy" else { return nil }
        return Double(words[1])
    }
}
