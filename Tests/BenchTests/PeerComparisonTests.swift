import Testing
@testable import Bench

// `--compare`: Gradbook's epochs beside the peers' figures, missing figures and figures of runs not made.

@Suite struct PeerComparisonTests {
    private func run(_ model: String, batch: Int, seconds: Double) -> ModelRun {
        let memory = MemorySplit(peak: 0, data: 0, weights: 0, activations: 0, scratch: 0, cache: 0)
        return ModelRun(model: model, batch: batch, images: 60_000, measuredSeconds: seconds, epochSeconds: seconds,
                        testAccuracy: 0.9, minorFaultsPerEpoch: 0, memory: memory, profile: nil)
    }

    @Test func eachRunMeetsEveryPeerAndAbsentFiguresAreSaid() {
        let figures = PeerFigures(entries: [
            .init(framework: "torch", model: "cnn", batch: 32, epochSeconds: 10),
            .init(framework: "keras", model: "cnn", batch: 32, epochSeconds: 20),
            .init(framework: "torch", model: "vit", batch: 128, epochSeconds: 4),
            .init(framework: "keras", model: "vit", batch: 128, epochSeconds: 5),
        ])
        let comparison = PeerComparison(runs: [run("cnn", batch: 32, seconds: 15), run("mlp", batch: 128, seconds: 3)],
                                        figures: figures)
        #expect(comparison.tableRows == [
            ["cnn", "32", "15.00", "torch", "10.00", "1.50x"],
            ["cnn", "32", "15.00", "keras", "20.00", "0.75x"],
            ["mlp", "128", "3.00", "-", "missing", "-"],
        ])
        #expect(comparison.notRun == ["torch vit@128", "keras vit@128"])
        #expect(comparison.footer.count == 3)
        #expect(comparison.footer[1].hasPrefix("missing: "))
        #expect(comparison.footer[2] == "in the file but not run here: torch vit@128, keras vit@128")
        #expect(comparison.json[0]["ratio"] as? Double == 1.5)
        #expect(comparison.json[2]["framework"] == nil)
    }

    @Test func aFileCoveringEveryRunHasOnlyTheRatioFooter() {
        let figures = PeerFigures(entries: [.init(framework: "torch", model: "mlp", batch: 128, epochSeconds: 2)])
        let comparison = PeerComparison(runs: [run("mlp", batch: 128, seconds: 3)], figures: figures)
        #expect(comparison.rows.map(\.ratio) == [1.5])
        #expect(comparison.footer.count == 1)
    }
}
