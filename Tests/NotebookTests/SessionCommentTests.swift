// Numbers that session comments state about their data hold (issue 16, item 32): mlp-basics.grad's
// `split validation=0.25` of 2,000 images rounds per class to 1,497 training and 503 validation images.

import Foundation
import Notebook
import Testing

private let fashionPresent = FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

@Suite struct SessionCommentTests {
    @Test(.enabled(if: fashionPresent, "Fashion-MNIST is not installed"))
    func mlpBasicsStatesItsSplitSizes() throws {
        let text = try String(contentsOf: packageRoot().appendingPathComponent("sessions/mlp-basics.grad"), encoding: .utf8)
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 3", "load fashion-mnist subset=2000", "split validation=0.25"])
        let images = try #require(interpreter.session.data?.images)
        #expect(text.contains("seed 3\nload fashion-mnist subset=2000\nsplit validation=0.25\n"), "the session still splits this way")
        #expect(text.contains("\(images.train.count.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) training images"))
        #expect(text.contains("\(images.validation?.count ?? 0) of the 2,000"))
    }
}
