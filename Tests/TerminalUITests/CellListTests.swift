import Foundation
import Testing
import Notebook
@testable import TerminalUI

/// The cell list's edits (insert, remove, move, rewrite), its source for `save notebook` and the
/// plan for running it again from a cell (issue 19: notebook cells).
@Suite struct CellListTests {
    static func list(_ lines: String...) -> CellList {
        var cells = CellList()
        for line in lines {
            if line.hasPrefix("#") {
                cells.rewrite(at: cells.add(.note, source: ""), line)
            } else {
                cells.add(.done, source: line)
            }
        }
        return cells
    }

    @Test func insertRemoveMoveAndRewriteKeepIdsUnique() {
        var cells = Self.list("load shapes", "model", "dense 3 softmax")
        let inserted = cells.insert(.notRun, source: "flatten", at: 2)
        #expect(cells.map(\.source) == ["load shapes", "model", "flatten", "dense 3 softmax"])
        #expect(Set(cells.map(\.id)).count == 4 && cells[inserted].id == 4)
        #expect(cells.insert(.notRun, source: "summary", at: 99) == 4)
        #expect(cells.remove(at: 4).source == "summary")
        #expect(cells.move(at: 2, by: -1) == 1)
        #expect(cells.map(\.source) == ["load shapes", "flatten", "model", "dense 3 softmax"])
        #expect(cells.move(at: 0, by: -1) == 0, "the first cell cannot go up")
        #expect(cells.move(at: 3, by: 1) == 3, "the last cannot go down")
        cells.rewrite(at: 1, "# now a note")
        #expect(cells[1].state == .note && cells[1].source == "now a note")
        #expect(cells.index(of: 5) == nil && cells.index(of: 2) == 2)
    }

    @Test func sourceRoundTripsThroughLessonParsing() {
        var cells = Self.list("# Shapes\n# first a data set", "load shapes count=300", "# A note\n#\n#   Q = X Wq",
                              "model", "## Exercise", "dense 3 softmax   # trailing comment")
        cells[0].attached = true
        let text = cells.source.text
        #expect(text == """
            # Shapes
            # first a data set
            load shapes count=300

            # A note
            #
            #   Q = X Wq

            model

            ## Exercise

            dense 3 softmax   # trailing comment

            """)
        let reopened = CellList(Lesson(file: "n.grad", text: text).cells)
        #expect(reopened.map(\.source) == cells.map(\.source))
        #expect(reopened.map(\.state) == cells.map { $0.isCommand ? .notRun : .note })
        #expect(reopened.map(\.attached) == cells.map(\.attached))
        #expect(reopened.source.text == text)
    }

    @Test func aNoteAttachedToACommandMovedAwayGetsItsBlankLine() {
        var cells = Self.list("# explains", "model", "# another")
        cells[0].attached = true
        cells.move(at: 1, by: 1)
        #expect(!cells[0].attached, "a note followed by a note is not attached")
        let text = cells.source.text
        #expect(Lesson(file: "n.grad", text: text).cells.map(\.text) == ["explains", "another", "model"])
    }

    @Test func aNoteBeingEditedShowsItsLineBreaks() {
        var line = InputLine(prompt: "> ", text: "# a\n# b\r# c", cursorByte: 8)
        line.newline = "|"
        let (grid, cursor) = line.grid(width: 20, promptStyle: .plain)
        #expect(grid.lines() == ["> # a|# b|# c"])
        #expect(cursor == 10)
    }

    @Test func replayPlanKeepsWhatChangesStateAboveAndEverythingFromTheCell() {
        let cells = Self.list("# data", "load shapes count=200", "info", "model", "summary", "flatten", "conv2 8 3",
                              "save weights /tmp/x.safetensors", "dense 3 softmax", "summary", "quit", "chart loss")
        let sources = { (ids: [Int]) in ids.compactMap { id in cells.first { $0.id == id }?.source } }
        #expect(sources(cells.replayPlan(from: 8)) == ["load shapes count=200", "model", "flatten", "dense 3 softmax", "summary", "chart loss"])
        #expect(sources(cells.replayPlan(from: 0)) == ["load shapes count=200", "info", "model", "summary", "flatten", "conv2 8 3",
                                                       "save weights /tmp/x.safetensors", "dense 3 softmax", "summary", "chart loss"])
    }
}
