// Numbers are bounded where they are parsed: each row pins the exact message and where it points.
// Before the bounds, the first six rows crashed the process with an overflow trap.

import Foundation
import Testing
@testable import Notebook

@Suite struct LanguageBoundsTests {
    static let rows: [(String, String)] = [
        ("dense 9223372036854775807", "<input>:1:7: error: units 9223372036854775807 for dense must be in [1, 65536]"),
        ("reshape 3037000500x3037000500",
         "<input>:1:9: error: shape '3037000500x3037000500' for 'shape' has more than 268435456 elements - each dimension is at most 1048576"),
        ("embedding 267 9007199254740993", "<input>:1:15: error: dim 9007199254740993 for embedding must be in [1, 65536]"),
        ("conv2d 9223372036854775807 3", "<input>:1:8: error: filters 9223372036854775807 for conv2d must be in [1, 65536]"),
        ("conv2d 1 3 stride=9223372036854775807 padding=same",
         "<input>:1:19: error: stride 9223372036854775807 for conv2d must be in [1, 1024]"),
        ("batch 9223372036854775807", "<input>:1:7: error: size 9223372036854775807 for batch must be in [1, 1048576]"),
        // Printed as typed, and checked as the engine's Float sees it (0.99999999999 rounds to 1).
        ("dropout 0.99999999999", "<input>:1:9: error: rate 0.99999999999 for dropout must be in [0, 1)"),
        ("load shapes noise=1e308", "<input>:1:19: error: noise 1e308 for load shapes must be in [0, 10]"),
        ("dense 99999999999999999999", "<input>:1:7: error: number '99999999999999999999' is too large"),
        ("reshape 2000x2000x2000",
         "<input>:1:9: error: shape '2000x2000x2000' for 'shape' has more than 268435456 elements - each dimension is at most 1048576"),
        ("model input=28x28x1x99999999",
         "<input>:1:13: error: shape '28x28x1x99999999' for 'input' has more than 268435456 elements - each dimension is at most 1048576"),
        ("maxpool 2000", "<input>:1:9: error: size 2000 for maxpool must be in [1, 1024]"),
        ("embedding 16777217 4", "<input>:1:11: error: vocab 16777217 for embedding must be in [1, 16777216]"),
        ("train 2000000", "<input>:1:7: error: epochs 2000000 for train must be in [1, 1048576]"),
        ("compile lr=100", "<input>:1:12: error: lr 100 for compile must be in (0, 10]"),
        ("compile schedule=cosine epochs=0", "<input>:1:32: error: epochs 0 for compile must be in [1, 1048576]"),
        ("dense 8 l2=5", "<input>:1:12: error: l2 5 for dense must be in [0, 1]"),
        ("threads 5000", "<input>:1:9: error: count 5000 for threads must be in [1, 1024]"),
        ("predict 99999999", "<input>:1:9: error: index 99999999 for predict must be in [0, 16777216]"),
        // Issue 16 items 23 and 24: the image side limit is the one named, at the argument.
        ("load images d size=100000x100000", "<input>:1:20: error: size 100000x100000 for load images must be in [1, 1024] on each side"),
        ("load images d size=2000x20", "<input>:1:20: error: size 2000x20 for load images must be in [1, 1024] on each side"),
    ]

    @Test(arguments: rows)
    func outOfBoundsIsALocatedError(source: String, expected: String) {
        #expect(Parser.parse(source).renderedDiagnostics() == [expected])
    }

    @Test func everyNumberParameterHasAnUpperBound() {
        // The seeds may be any non-negative Int (the scanner bounds them).
        for spec in Catalog.commands {
            for p in spec.parameters where p.type == .integer || p.type == .number || p.type == .layer {
                guard p.name != "seed" else { continue }
                #expect(p.range?.upper != nil, "\(spec.name) \(p.name)")
            }
        }
    }

    @Test("issue 16 item 24: limits that depend on two arguments are stated in help and reported at the argument")
    func combinedLimitsAreLocated() throws {
        #expect(Help.lines(for: "load sequences").contains { $0.contains("at most 16 Mi tokens") })
        #expect(Help.lines(for: "make-dataset shapes-rgb").contains { $0.contains("at most 256 MiB") })
        #expect(Help.lines(for: "load images").contains { $0.contains("in [1, 1024]") })
        let interpreter = Interpreter()
        #expect(failure(interpreter, "load sequences reverse length=64 count=1000000")
            == "<input>:1:40: error: 1000000 sequences of 64 tokens exceed 16 Mi tokens - use at most 262144 sequences of length 64, or a shorter length")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-limits-\(UUID().uuidString)").path
        let line = "make-dataset shapes-rgb \(dir) count=20000 size=256"
        let column = line.distance(from: line.startIndex, to: line.range(of: "20000")!.lowerBound) + 1
        #expect(failure(interpreter, line) == "<input>:1:\(column): error: count=20000 pictures of 256x256x3 exceed 256 MiB - use at most count=1365 at size=256, or a smaller size")
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func helpShowsTheBounds() {
        #expect(Help.lines(for: "dense").contains { $0.contains("number of outputs (integer, in [1, 65536])") })
        #expect(Help.lines(for: "batch").contains { $0.contains("in [1, 1048576]") })
    }
}
