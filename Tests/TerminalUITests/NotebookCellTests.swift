import Testing
import Canvas
import Notebook
@testable import TerminalUI

@Suite struct NotebookCellTests {
    private let progress = OutputBlock.progress(ProgressBlock(fraction: 0.5, label: "epoch 1 1/2", suffix: "loss 1"))

    @Test func progressIsReplacedAndEndedByTheEpochLine() {
        var cell = NotebookCell(id: 1, source: "train 1", state: .queued)
        cell.receive(.echo(source: "train 1", file: nil, line: 1))
        #expect(cell.state == .running)
        cell.receive(.block(progress))
        cell.receive(.block(progress))
        #expect(cell.blocks.count == 1)
        cell.receive(.block(.text("epoch 1: loss 0.5")))
        #expect(cell.blocks == [.text("epoch 1: loss 0.5")])
        cell.receive(.finished(RunOutcome(commands: 1)))
        #expect(cell.state == .done)
    }

    @Test func stopAndFailureSetTheState() {
        var stopped = NotebookCell(id: 1, source: "train 5", state: .running)
        stopped.receive(.block(progress))
        stopped.receive(.finished(RunOutcome(commands: 1, stopped: true)))
        #expect(stopped.state == .stopped)
        #expect(stopped.blocks.isEmpty)
        var failed = NotebookCell(id: 2, source: "dense", state: .running)
        failed.receive(.finished(RunOutcome(commands: 1, failures: 1)))
        #expect(failed.state == .failed)
    }

    @Test func everyChangeBumpsTheRevision() {
        var cell = NotebookCell(id: 1, source: "summary", state: .queued)
        let start = cell.revision
        cell.append(.text("x"))
        cell.toggleFold()
        cell.reset(to: .queued)
        #expect(cell.revision == start + 3)
        #expect(cell.blocks.isEmpty)
        #expect(cell.folded)
    }

    @Test func rendererShowsExplanationCommandStateAndIndentedOutput() {
        var cell = NotebookCell(id: 1, source: "load shapes", explanation: ["Shapes, drawn on the fly."], state: .notRun)
        let renderer = CellRenderer(blocks: BlockRenderer(options: .ascii, width: 40))
        #expect(renderer.grid(for: cell, width: 40, selected: false).lines() == [
            "Shapes, drawn on the fly.",
            "> load shapes                    not run",
            "",
        ])
        cell.reset(to: .done)
        cell.append(.text("loaded"))
        #expect(renderer.grid(for: cell, width: 40, selected: false).lines() == [
            "Shapes, drawn on the fly.", "> load shapes", "  loaded", "",
        ])
        cell.toggleFold()
        #expect(renderer.grid(for: cell, width: 40, selected: false).lines()[2] == "  ~ 1 row folded")
    }

    @Test func selectedCommandRowIsReversed() {
        let cell = NotebookCell(id: 1, source: "summary", state: .done)
        let renderer = CellRenderer(blocks: BlockRenderer(options: .ascii, width: 20))
        let grid = renderer.grid(for: cell, width: 20, selected: true)
        #expect(grid[0, 0].attributes.contains(.reverse))
        #expect(grid[19, 0].attributes.contains(.reverse))
    }
}
