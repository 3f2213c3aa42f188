// A small session's whole transcript (ASCII, no colour, 80 columns) compared line by line with
// Golden/basic.grad.out. Timings are the only volatile output; they are masked before comparing.
//
// To regenerate after an intended change: GRADBOOK_UPDATE_GOLDEN=1 swift test --filter InterpreterGoldenTests,
// then review the diff of Golden/basic.grad.out.

import Foundation
import Notebook
import Testing

private let goldenSession = """
# golden: a tiny CNN on generated shapes
seed 1
load shapes count=120 classes=3 size=12 noise=0.05
split validation=0.25
info
show samples 4
model
conv2d 4 3 relu
maxpool 2
flatten
dense 3 softmax
summary
compile optimizer=adam lr=0.01
step 2 batches
step
evaluate on=validation
predict 0 from=test
stats weights dense_1
dense 3 relu name=dense_1
history
"""

private let goldenURL = packageRoot().appendingPathComponent("Tests/NotebookTests/Golden/basic.grad.out")

/// Masks timings: the seconds of streamed epoch lines (`epoch 2 - 0.1s - loss ...`) and the `seconds`
/// column of epoch tables (the last cell of a row under a header ending in `seconds`).
func maskTimings(_ transcript: String) -> String {
    var out: [String] = []
    var inEpochTable = false
    for line in transcript.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        var line = line
        if line.hasPrefix("epoch "), line.range(of: #"^epoch \d+ [-(] ?\d+\.\ds"#, options: .regularExpression) != nil,
           let r = line.range(of: #"\d+\.\ds"#, options: .regularExpression) {
            line.replaceSubrange(r, with: "#.#s")
        }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "\u{2502}" })
        if words.first == "epoch", words.last == "seconds" {
            inEpochTable = true
        } else if inEpochTable {
            // Rows start with a vertical bar, borders with a corner; anything else ends the table.
            if line.first == "|" || line.first == "\u{2502}" {
                if let r = line.range(of: #"\d+\.\d(?=[ |\x{2502}]*$)"#, options: .regularExpression) {
                    let width = line.distance(from: r.lowerBound, to: r.upperBound)
                    line.replaceSubrange(r, with: String(repeating: " ", count: max(0, width - 3)) + "#.#")
                }
            } else if !(line.first.map { "+\u{250C}\u{251C}\u{2514}".contains($0) } ?? false) {
                inEpochTable = false
            }
        }
        out.append(line)
    }
    return out.joined(separator: "\n")
}

@Suite struct InterpreterGoldenTests {
    @Test func basicSessionMatchesTheGoldenTranscript() throws {
        let capture = TranscriptCapture(width: 80, options: .ascii)
        let failures = capture.run(goldenSession, file: "basic.grad")
        #expect(failures == 1, "only the duplicate layer name fails: \(capture.errors)")
        let actual = maskTimings(capture.output)
        #expect(!actual.contains("\u{1B}"), "no colour")
        #expect(actual.unicodeScalars.allSatisfy { $0.isASCII }, "ASCII only")

        if ProcessInfo.processInfo.environment["GRADBOOK_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: goldenURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: goldenURL, encoding: .utf8)
        let expectedLines = golden.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, (e, a)) in zip(expectedLines, actualLines).enumerated() where e != a {
            Issue.record("line \(i + 1) differs:\n  golden: \(e)\n  actual: \(a)")
        }
        #expect(actualLines.count == expectedLines.count)
        #expect(actualLines.allSatisfy { $0.count <= 80 }, "fits 80 columns")
    }

    @Test func timingsAreMaskedAndNothingElse() {
        #expect(maskTimings("epoch 12 (3.4s): loss 0.5000 acc 0.2500") == "epoch 12 (#.#s): loss 0.5000 acc 0.2500")
        #expect(maskTimings("epoch 12 - 13.4s - loss 0.5000") == "epoch 12 - #.#s - loss 0.5000")
        let table = """
        +-------+--------+--------+---------+
        | epoch |   loss |     lr | seconds |
        +-------+--------+--------+---------+
        |     1 | 1.1433 | 0.0100 |    12.3 |
        |     2 | 1.0433 | 0.0100 |     0.1 |
        +-------+--------+--------+---------+
        loss 0.5 after 1.5
        """
        #expect(maskTimings(table) == """
        +-------+--------+--------+---------+
        | epoch |   loss |     lr | seconds |
        +-------+--------+--------+---------+
        |     1 | 1.1433 | 0.0100 |     #.# |
        |     2 | 1.0433 | 0.0100 |     #.# |
        +-------+--------+--------+---------+
        loss 0.5 after 1.5
        """)
        #expect(maskTimings("| loss     | 1.0929 |") == "| loss     | 1.0929 |")
        #expect(maskTimings("model: 2 batches - loss 1.1653 (mean 1.1527) - epoch 1 at batch 2/3")
                == "model: 2 batches - loss 1.1653 (mean 1.1527) - epoch 1 at batch 2/3")
    }
}
