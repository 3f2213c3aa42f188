import Testing
import Canvas
@testable import NeuralNet
@testable import TerminalUI

@Suite struct WidgetLineTests {
    @Test func inputLineScrollsToKeepTheCursorVisible() {
        let short = InputLine(prompt: "> ", text: "summary", cursorByte: 3)
        let (grid, cursor) = short.grid(width: 20, promptStyle: .plain)
        #expect(grid.lines() == ["> summary"])
        #expect(cursor == 5)
        let long = InputLine(prompt: "> ", text: String(repeating: "x", count: 30) + "END", cursorByte: 33)
        let (scrolled, end) = long.grid(width: 20, promptStyle: .plain)
        #expect(scrolled.lines().first?.hasSuffix("END") == true)
        #expect(end == 18)
    }

    @Test func inputLineCountsWideCharactersAsTwoColumns() {
        let line = InputLine(prompt: "> ", text: "中文", cursorByte: 3)
        #expect(line.grid(width: 20, promptStyle: .plain).cursor == 4)
    }

    @Test func statusLineShowsFactsAndKeys() {
        let status = StatusLine(data: "shapes", model: "cnn", epoch: 3, threads: 2, memory: 87 * 1_048_576, keys: "Ctrl-C stop")
        let line = status.grid(width: 80, glyphs: .ascii).lines(trimTrailing: false)[0]
        #expect(line.hasPrefix(" data shapes  model cnn  epoch 3  threads 2  mem 87 MB"))
        #expect(line.hasSuffix("Ctrl-C stop "))
        #expect(status.grid(width: 80, glyphs: .ascii)[0, 0].attributes.contains(.reverse))
        #expect(StatusLine.bytes(3 * 1024 * 1_048_576 / 2) == "1.5 GB")
    }

    @Test func livePanelShowsProgressAndChartsFromASnapshot() {
        let monitor = TrainingMonitor()
        monitor.publish(.running(true))
        for batch in 1...10 {
            monitor.publish(.batchEnd(BatchReport(epoch: 1, batch: batch, batches: 20, loss: 2.0 / Double(batch),
                                                  runningLoss: 1.5, runningMetrics: ["accuracy": 0.5], samplesPerSecond: 1000)))
        }
        let panel = LivePanel(snapshot: monitor.snapshot, eta: 65, logScale: false, options: .ascii)
        let lines = panel.grid(width: 80, height: 16).lines()
        #expect(lines[0] == "training  epoch 1  batch 10/20")
        #expect(lines[1] == "epoch 1  10/20 [======>........] ETA 1:05  loss 1.5000  acc 0.5000   1,000 img/s")
        #expect(lines[2].hasPrefix("loss per batch  ") && lines[2].hasSuffix("accuracy"), "accuracy beside the loss (issue 16 item 9)")
        #expect(lines.contains { $0.contains("*") })
        #expect(lines[15].hasPrefix("smoothing 0.9  linear (F3: log scale)"))
        let log = LivePanel(snapshot: monitor.snapshot, eta: nil, logScale: true, options: .ascii)
        #expect(log.grid(width: 80, height: 16).lines()[2].hasPrefix("loss per batch (log scale)  "))
        #expect(log.grid(width: 80, height: 16) != panel.grid(width: 80, height: 16))
    }

    @Test func clockFormatsMinutesAndHours() {
        #expect(LivePanel.clock(5) == "0:05")
        #expect(LivePanel.clock(754) == "12:34")
        #expect(LivePanel.clock(3723) == "1:02:03")
    }
}
