import Foundation
import Testing
import Canvas
@testable import NeuralNet
@testable import TerminalUI

/// Issue 16 item 9: the status line and the live panel at 80 columns.
@Suite struct ScreenFitTests {
    @Test func statusLineDropsLowerFactsBeforeCuttingModelOrEpoch() {
        let keys = "F1 help  F2 panel  Up select  PgUp/PgDn  Ctrl-D quit"
        let status = StatusLine(data: "fashion_mnist", model: "fashion_cnn_large", epoch: 12, threads: 2,
                                memory: 27 * 1_048_576, keys: keys)
        let line = status.grid(width: 80, glyphs: .unicode).lines(trimTrailing: false)[0]
        #expect(TextWidth.of(line) == 80)
        #expect(line.hasPrefix(" model fashion_cnn_large  epoch 12  "), "facts first, the keys last: \(line)")
        #expect(!line.contains("…"))
        var short = status
        short.model = "cnn"
        let keyed = short.grid(width: 80, glyphs: .unicode).lines(trimTrailing: false)[0]
        #expect(keyed.hasPrefix(" model cnn  epoch 12  ") && keyed.hasSuffix(keys + " "), "\(keyed)")
        #expect(!keyed.contains("threads") && !keyed.contains("mem"), "threads and memory go first")
        // Just too wide for everything: a gap of two blanks stays between the facts and the keys.
        let lesson = StatusLine(data: "-", model: "-", epoch: 0, threads: 2, memory: 27 * 1_048_576,
                                keys: "Ctrl-N next cell (1/20)  F1 help")
        let fitted = lesson.grid(width: 80, glyphs: .unicode).lines()[0]
        #expect(!fitted.contains("MBCtrl"), "\(fitted)")
        #expect(fitted.contains("epoch 0") && fitted.contains("Ctrl-N next cell (1/20)  F1 help"), "\(fitted)")
        // Everything fits on a wide screen.
        #expect(status.grid(width: 160, glyphs: .unicode).lines()[0].contains("threads 2  mem 27 MB"))
    }

    static func training(accuracy: Bool) -> TrainingMonitor.Snapshot {
        let monitor = TrainingMonitor()
        monitor.publish(.running(true))
        for epoch in 1...2 {
            for batch in 1...20 {
                monitor.publish(.batchEnd(BatchReport(epoch: epoch, batch: batch, batches: 20,
                                                      loss: 0.9 / Double(batch + 20 * (epoch - 1)) + 0.001 * Double(batch % 3),
                                                      runningLoss: 0.5, runningMetrics: accuracy ? ["accuracy": 0.7] : [:],
                                                      samplesPerSecond: 500)))
            }
            monitor.publish(.epochEnd(EpochRecord(epoch: epoch, loss: 0.5 / Double(epoch), metrics: accuracy ? ["accuracy": 0.6] : [:],
                                                  validationLoss: nil, validationMetrics: [:], seconds: 1, learningRate: 0.001, samples: 640)))
        }
        return monitor.snapshot
    }

    @Test func shortPanelShowsProgressOnceAndAnAccuracyChart() {
        // The stacked live panel at 80x24 is 10 rows.
        let panel = LivePanel(snapshot: Self.training(accuracy: true), eta: 3, logScale: false, options: .unicode)
        let lines = panel.grid(width: 80, height: 10).lines()
        #expect(lines.count { $0.contains("20/20") } == 1, "\(lines.joined(separator: "\n"))")
        #expect(lines[0].hasPrefix("epoch 2"), "the progress line comes first, without the title")
        #expect(lines[1].contains("loss per batch") && lines[1].contains("accuracy"), "\(lines[1])")
        // Taller panels keep their title.
        #expect(panel.grid(width: 80, height: 16).lines()[0].hasPrefix("training  epoch 2"))
    }

    @Test func logScaleLabelsArePlainNumbers() {
        let panel = LivePanel(snapshot: Self.training(accuracy: false), eta: nil, logScale: true, options: .unicode)
        let lines = panel.grid(width: 80, height: 16).lines()
        #expect(lines[2] == "loss per batch (log scale)")
        let labels = lines[3..<13].compactMap { line -> String? in
            guard let axis = line.firstIndex(where: { $0 == "┤" }) else { return nil }
            return line[..<axis].trimmingCharacters(in: .whitespaces)
        }
        #expect(labels.count >= 2, "\(lines.joined(separator: "\n"))")
        for label in labels {
            #expect(!label.hasPrefix("-"), "a log axis labels the loss, not its exponent: \(label)")
            #expect(Double(label).map { $0 > 0 && $0 < 1 } == true, "loss labels between 0.001 and 1: \(label)")
        }
    }
}
