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

    @Test func rendererShowsCommandStateAndIndentedOutput() {
        var cell = NotebookCell(id: 1, source: "load shapes", state: .notRun)
        let renderer = CellRenderer(blocks: BlockRenderer(options: .ascii, width: 40))
        #expect(renderer.grid(for: cell, width: 40, selected: false).lines() == [
            "> load shapes                    not run",
            "",
        ])
        cell.reset(to: .done)
        cell.append(.text("loaded"))
        #expect(renderer.grid(for: cell, width: 40, selected: false).lines() == ["> load shapes", "  loaded", ""])
        cell.toggleFold()
        #expect(renderer.grid(for: cell, width: 40, selected: false).lines()[1] == "  ~ 1 row folded")
        #expect(renderer.grid(for: cell, width: 40, selected: false, edited: true).lines()[0] == "> load shapes                    editing")
    }

    @Test func notesAreProseWithBoldHeadingsAndNoBlankRowWhenAttached() {
        let renderer = CellRenderer(blocks: BlockRenderer(options: .ascii, width: 30))
        let note = NotebookCell(id: 1, source: "# Shapes\nDrawn on the fly, three classes of them.", state: .note)
        let grid = renderer.grid(for: note, width: 30, selected: false)
        #expect(grid.lines() == ["Shapes", "Drawn on the fly, three", "classes of them.", ""])
        #expect(grid[0, 0].attributes.contains(.bold))
        #expect(!grid[0, 1].attributes.contains(.bold))
        let attached = NotebookCell(id: 2, source: "Explains the next line.", state: .note, attached: true)
        #expect(renderer.grid(for: attached, width: 30, selected: false).lines() == ["Explains the next line."])
        #expect(renderer.grid(for: attached, width: 30, selected: true)[29, 0].attributes.contains(.reverse))
    }

    @Test func rewritingTurnsLinesStartingWithHashIntoNotes() {
        var cell = NotebookCell(id: 1, source: "dense 3", state: .done)
        cell.append(.text("dense_1"))
        cell.rewrite("# first\n#  indented\n#")
        #expect(cell.state == .note && cell.source == "first\n indented\n" && cell.blocks.isEmpty)
        #expect(cell.editText == "# first\n#  indented\n#")
        cell.rewrite("dense 4")
        #expect(cell.state == .notRun && cell.source == "dense 4" && cell.isCommand)
    }

    @Test func selectedCommandRowIsReversed() {
        let cell = NotebookCell(id: 1, source: "summary", state: .done)
        let renderer = CellRenderer(blocks: BlockRenderer(options: .ascii, width: 20))
        let grid = renderer.grid(for: cell, width: 20, selected: true)
        #expect(grid[0, 0].attributes.contains(.reverse))
        #expect(grid[19, 0].attributes.contains(.reverse))
    }
}
