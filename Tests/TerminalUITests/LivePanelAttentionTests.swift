import Testing
import Canvas
@testable import NeuralNet
import Notebook
@testable import TerminalUI

/// The watched heat map in the live panel: where it goes and that it says when it was taken.
@Suite struct LivePanelAttentionTests {
    /// Training in epoch 4, batch 2.
    static func training() -> TrainingMonitor.Snapshot {
        let monitor = TrainingMonitor()
        monitor.publish(.running(true))
        monitor.publish(.batchEnd(BatchReport(epoch: 4, batch: 2, batches: 16, loss: 0.5, runningLoss: 0.5,
                                              runningMetrics: ["accuracy": 0.7], samplesPerSecond: 1000)))
        return monitor.snapshot
    }

    /// Two heads over 4 tokens, taken at epoch 4, batch 2 of 16, with the title `show attention` gives.
    static func watched() -> AttentionView {
        let antiDiagonal = (0..<4).map { q in (0..<4).map { k in k == 3 - q ? 0.9 : 0.1 / 3 } }
        let uniform = [[Double]](repeating: [0.25, 0.25, 0.25, 0.25], count: 4)
        return AttentionView(
            title: "multi_head_attention_1, every head, test #0: rows are queries, columns keys",
            captions: ["head 0", "head 1"], weights: [antiDiagonal, uniform],
            queryLabels: ["7", "1", "3", "9"], keyLabels: ["7", "1", "3", "9"], epoch: 4, batch: 2, batches: 16)
    }

    @Test("The heat map's title starts with when it was taken, so a narrow heat map still shows it", arguments: [
        (120, 40, true), (120, 40, false), (80, 24, false), (100, 30, false),
    ])
    func theStampIsShown(width: Int, height: Int, withModel: Bool) throws {
        var panel = LivePanel(snapshot: Self.training(), eta: nil, logScale: false, options: .ascii,
                              model: withModel ? ModelTableTests.cnn : nil)
        let plain = panel.grid(width: width, height: height).lines()
        #expect(!plain.contains { $0.contains("multi_head_a") }, "no heat map unless one is watched")
        panel.attention = Self.watched()
        let lines = panel.grid(width: width, height: height).lines()
        let title = try #require(lines.firstIndex { $0.contains("epoch 4, batch 2/16:") }, "\(lines)")
        // The title wraps at words over up to three rows instead of being cut.
        let heads = try #require(lines[title...].firstIndex { $0.contains("head 0") }, "\(lines)")
        #expect(heads - title <= 3)
        #expect(lines[heads].contains("head 1"))
        let shown = lines[title..<heads].joined(separator: " ")
        #expect(shown.contains("multi_head_attention_1,"), "\(lines)")
        #expect(!shown.contains("..."), "\(lines)")
        #expect(lines.contains { $0.contains("max q0->k3 0.90") })
        #expect(lines.allSatisfy { $0.count <= width })
    }

    @Test func titlesWrapAtWords() {
        let lines = LivePanel.titleLines("epoch 4, batch 2/16: multi_head_attention_1, every head, test #0: rows are queries, columns keys", width: 30)
        #expect(lines.count == 3)
        #expect(lines[0] == "epoch 4, batch 2/16:")
        #expect(lines[1] == "multi_head_attention_1, every")
        #expect(LivePanel.titleLines("short", width: 30) == ["short"])
    }
}
