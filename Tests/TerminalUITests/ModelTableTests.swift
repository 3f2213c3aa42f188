import Testing
import Canvas
@testable import NeuralNet
@testable import TerminalUI

@Suite struct ModelTableTests {
    static func row(_ name: String, _ shape: [Int], _ parameters: Int, trainable: Bool = true) -> ModelSummary.Row {
        ModelSummary.Row(name: name, type: "", outputShape: shape, parameters: parameters, trainable: trainable, config: "")
    }

    static let cnn = ModelTable(name: "cnn", summary: ModelSummary(rows: [
        row("conv2d_1", [26, 26, 8], 80),
        row("max_pooling2d_1", [13, 13, 8], 0),
        row("flatten_1", [1352], 0),
        row("dense_1", [3], 4059, trainable: false),
    ], inputShape: [28, 28, 1], trainable: 80, nonTrainable: 4059))

    static func training() -> TrainingMonitor.Snapshot {
        let monitor = TrainingMonitor()
        monitor.publish(.running(true))
        for batch in 1...10 {
            monitor.publish(.batchEnd(BatchReport(epoch: 1, batch: batch, batches: 20, loss: 2.0 / Double(batch),
                                                  runningLoss: 1.5, runningMetrics: ["accuracy": 0.5], samplesPerSecond: 1000)))
        }
        return monitor.snapshot
    }

    @Test func theTableListsLayersShapesAndParameters() {
        var grid = Grid(width: 40, height: 8)
        Self.cnn.draw(into: &grid, area: grid.area, options: .ascii)
        #expect(grid.lines() == [
            "model 'cnn' - 4,139 params",
            "layer            | output  | params",
            "-----------------+---------+-------",
            "conv2d_1         | 26x26x8 |     80",
            "max_pooling2d_1  | 13x13x8 |      0",
            "flatten_1        | 1352    |      0",
            "dense_1 (frozen) | 3       |  4,059",
            "",
        ])
    }

    @Test func layersThatDoNotFitAreCounted() {
        var grid = Grid(width: 40, height: 5)
        Self.cnn.draw(into: &grid, area: grid.area, options: .ascii)
        let lines = grid.lines()
        #expect(lines.count == 5)
        #expect(lines[3].hasPrefix("conv2d_1"))
        #expect(lines[4].hasPrefix("~ 3 more"))
    }

    @Test func aWidePanelPutsTheTableBesideBothCharts() {
        let panel = LivePanel(snapshot: Self.training(), eta: nil, logScale: false, options: .ascii, model: Self.cnn)
        let lines = panel.grid(width: 120, height: 16).lines()
        #expect(lines[2].hasPrefix("loss per batch"))
        #expect(lines[2].contains("accuracy"))
        #expect(lines[2].hasSuffix("model 'cnn' - 4,139 params"))
        let column = 120 - Self.cnn.naturalWidth
        #expect(lines[5].count > column)
        #expect(lines[5].dropFirst(column).hasPrefix("conv2d_1"))
        #expect(lines.allSatisfy { $0.count <= 120 })
    }

    @Test func aTallPanelPutsTheTableBelowTheCharts() {
        let panel = LivePanel(snapshot: Self.training(), eta: nil, logScale: false, options: .ascii, model: Self.cnn)
        let lines = panel.grid(width: 64, height: 45).lines()
        guard let title = lines.firstIndex(where: { $0.hasPrefix("model 'cnn'") }) else {
            Issue.record("no model table in \(lines)")
            return
        }
        #expect(title > 20)
        #expect(lines[title + 6].hasPrefix("dense_1 (frozen)"))
        #expect(lines[44].hasPrefix("smoothing"))
        #expect(lines.contains("accuracy"))
    }

    @Test func aSmallPanelHasNoTable() {
        let panel = LivePanel(snapshot: Self.training(), eta: nil, logScale: false, options: .ascii, model: Self.cnn)
        let without = LivePanel(snapshot: Self.training(), eta: nil, logScale: false, options: .ascii)
        #expect(panel.grid(width: 100, height: 16) == without.grid(width: 100, height: 16))
        #expect(!panel.grid(width: 80, height: 24).lines().joined().contains("model 'cnn'"))
    }
}

@Suite struct LivePanelIdleTests {
    @Test func beforeAnyTrainingThePanelSaysSoWithoutAStrayCounter() {
        let panel = LivePanel(snapshot: TrainingMonitor().snapshot, eta: nil, logScale: false, options: .ascii)
        let lines = panel.grid(width: 64, height: 12).lines()
        #expect(lines[0] == "no training yet - train N starts one")
        #expect(lines[1] == "")
    }
}
