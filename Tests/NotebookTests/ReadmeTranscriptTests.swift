// The README's claims about what the program prints, checked against the program: the quickstart
// transcript it quotes (sessions/quickstart.grad run headless, timings masked: every quoted line appears,
// in order, `...` standing for lines left out) and the example error it quotes.
//
// The quoted numbers are the same on any CPU (the fixed-order kernels; InstructionSetTranscriptTests and
// BLASCoreTypeTranscriptTests check that), as for Golden/basic.grad.out. After an intended change, run
// `gradbook run sessions/quickstart.grad` and paste the lines into README.md.

import Foundation
import Notebook
import Testing

private let readme = packageRoot().appendingPathComponent("README.md")

/// The lines of the README's code block that starts with `$ gradbook run sessions/quickstart.grad`.
func readmeQuickstartLines(_ text: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(of: "$ gradbook run sessions/quickstart.grad") else { return [] }
    return Array(lines[(start + 1)...].prefix { $0 != "```" })
}

/// The quoted lines missing from `output`, in order: `...` skips any number of lines, every other quoted
/// line must be the next matching line of `output` (timings masked on both sides).
func missingQuotedLines(_ quoted: [String], in output: String) -> [String] {
    let actual = maskTimings(output).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var next = 0
    var missing: [String] = []
    for line in quoted.map(maskTimings) where line != "..." {
        if let i = actual[next...].firstIndex(of: line) {
            next = i + 1
        } else {
            missing.append(line)
        }
    }
    return missing
}

@Suite struct ReadmeTranscriptTests {
    @Test func theQuickstartTranscriptIsWhatTheSessionPrints() throws {
        let quoted = readmeQuickstartLines(try String(contentsOf: readme, encoding: .utf8))
        #expect(quoted.count >= 8, "README.md quotes the quickstart transcript")
        #expect(quoted.contains { $0.hasPrefix("epoch 3 ") }, "the quote includes the training lines")
        let session = try String(contentsOf: packageRoot().appendingPathComponent("sessions/quickstart.grad"), encoding: .utf8)
        let capture = TranscriptCapture(width: 80, options: .ascii)
        #expect(capture.run(session, file: "quickstart.grad") == 0, "\(capture.errors)")
        let missing = missingQuotedLines(quoted, in: capture.output)
        #expect(missing.isEmpty, "README.md quotes lines the session does not print:\n\(missing.joined(separator: "\n"))")
    }

    @Test func aChangedNumberIsCaught() {
        let output = ">>> train 1\nepoch 1 (0.3s): loss 0.3119 acc 0.8931\n"
        #expect(missingQuotedLines([">>> train 1", "...", "epoch 1 (0.1s): loss 0.3119 acc 0.8931"], in: output).isEmpty)
        #expect(missingQuotedLines(["epoch 1 (0.1s): loss 0.3123 acc 0.8931"], in: output).count == 1)
        #expect(missingQuotedLines(["epoch 1 (0.1s): loss 0.3119 acc 0.8931", ">>> train 1"], in: output).count == 1, "order counts")
    }

    @Test func theExampleErrorIsWhatTheProgramPrints() throws {
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let r = text.range(of: #"`sessions/x\.grad:4:1: error: [^`]*`"#, options: .regularExpression) else {
            Issue.record("README.md quotes no `sessions/x.grad:4:1: error: ...`")
            return
        }
        let quoted = String(text[r].dropFirst().dropLast())
        let capture = TranscriptCapture(width: 200, options: .ascii)
        capture.run("load shapes count=40\nmodel\nconv2d 4 3 relu\nconv2 8 3 relu", file: "sessions/x.grad")
        #expect(capture.errors.count == 1)
        #expect(capture.errors.first?.hasPrefix(quoted) == true, "program: \(capture.errors)\nREADME:  \(quoted)")
    }

    @Test func theFuzzingSectionCountsTheTargetsAndNamesFoldersACloneHas() throws {
        let root = packageRoot()
        let text = try String(contentsOf: readme, encoding: .utf8)
        let sources = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Sources").path)
        let targets = sources.filter { $0.hasPrefix("Fuzz") && $0 != "FuzzSupport" }.sorted()
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        #expect(targets.count < words.count)
        #expect(text.contains("builds \(words[min(targets.count, words.count - 1)]) libFuzzer targets"), "\(targets)")
        for target in targets { #expect(text.contains("`\(target)`"), "README.md's fuzzing section names \(target)") }
        // Every replay command names a folder with files in it (tracked files: a clone has them).
        let runs = text.matches(of: /`swift run (Fuzz\w+) ([^`]+)`/)
        #expect(!runs.isEmpty)
        for run in runs {
            #expect(targets.contains(String(run.1)), "\(run.1) is a fuzz target")
            let listed = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(String(run.2)).path)) ?? []
            #expect(listed.contains { !$0.hasPrefix(".") }, "\(run.2) holds saved inputs")
        }
    }
}
