import Testing
import Canvas
import Notebook
@testable import TerminalUI

/// A cell whose `expect` lines ran is marked on the right: held, or not met (the cell is not failed).
@Suite struct ExpectationMarkTests {
    @Test func aCellIsMarkedHeldOrNotMet() {
        let ascii = CellRenderer(blocks: BlockRenderer(options: .ascii, width: 40))
        let unicode = CellRenderer(blocks: BlockRenderer(options: .unicodeMonochrome, width: 40))
        var cell = NotebookCell(id: 1, source: "expect accuracy > 0.9", state: .running)
        cell.receive(.finished(RunOutcome(commands: 1, expectations: ExpectationTally(held: 1))))
        #expect(cell.state == .done)
        #expect(ascii.grid(for: cell, width: 40, selected: false).lines()[0] == "> expect accuracy > 0.9        PASS held")
        #expect(unicode.grid(for: cell, width: 40, selected: false).lines()[0] == "❯ expect accuracy > 0.9           ✓ held")

        cell.reset(to: .running)
        #expect(cell.expectations.total == 0, "running again clears the mark")
        cell.receive(.finished(RunOutcome(commands: 1, expectations: ExpectationTally(failed: 1))))
        #expect(cell.state == .done, "an unmet expectation is not a failed line")
        #expect(unicode.grid(for: cell, width: 40, selected: false).lines()[0] == "❯ expect accuracy > 0.9        ✗ not met")

        // A cell of several lines (a pasted block) counts them.
        cell.receive(.finished(RunOutcome(commands: 2, expectations: ExpectationTally(held: 1, failed: 1))))
        #expect(unicode.grid(for: cell, width: 40, selected: false).lines()[0] == "❯ expect accuracy > 0.9 ✗ 1 of 2 not met")
    }

    @Test func theMarkIsColoured() {
        let renderer = CellRenderer(blocks: BlockRenderer(options: .unicode, width: 40))
        var cell = NotebookCell(id: 1, source: "expect loss < 1", state: .running)
        cell.receive(.finished(RunOutcome(commands: 1, expectations: ExpectationTally(failed: 1))))
        let grid = renderer.grid(for: cell, width: 40, selected: false)
        #expect(grid[39, 0].foreground == .red)
        cell.receive(.finished(RunOutcome(commands: 1, expectations: ExpectationTally(held: 1))))
        #expect(renderer.grid(for: cell, width: 40, selected: false)[39, 0].foreground == .green)
    }
}
