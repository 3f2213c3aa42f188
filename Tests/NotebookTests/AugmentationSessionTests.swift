// sessions/augmentation.grad shows what it teaches (issue 16, item 11): run whole, the augmented model's
// train/validation gap is smaller than the plain model's and its validation accuracy and loss end better.
// Its comments state the figures measured on the release build. Needs Fashion-MNIST.

import Foundation
import NeuralNet
import Notebook
import Testing

private let fashionInstalled = FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

@Suite struct AugmentationSessionTests {
    @Test(.enabled(if: fashionInstalled, "Fashion-MNIST is not installed"))
    func augmentationClosesTheGapAndImprovesValidation() throws {
        // Its own folder: SessionFileTests runs the same session (into out/) at the same time.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-augmentation-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = try String(contentsOf: packageRoot().appendingPathComponent("sessions/augmentation.grad"), encoding: .utf8)
            .replacingOccurrences(of: "out/fashion-png", with: dir)
        #expect(source.contains(dir))
        let capture = TranscriptCapture()
        #expect(capture.run(source, file: "augmentation.grad") == 0, "\(capture.errors)")
        let session = capture.interpreter.session
        let plain = try #require(session.models["plain"]?.trainer?.history.last)
        let augmented = try #require(session.models["augmented"]?.trainer?.history.last)
        func gap(_ r: EpochRecord) -> Double { (r.metrics["accuracy"] ?? 0) - (r.validationMetrics["accuracy"] ?? 1) }
        #expect(gap(augmented) < gap(plain) / 2, "gap \(gap(augmented)) against \(gap(plain))")
        #expect((augmented.validationMetrics["accuracy"] ?? 0) > (plain.validationMetrics["accuracy"] ?? 1))
        #expect((augmented.validationLoss ?? .infinity) < (plain.validationLoss ?? 0))
    }
}
