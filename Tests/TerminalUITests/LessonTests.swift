import Testing
import Notebook
@testable import TerminalUI

@Suite struct LessonTests {
    @Test func commandsAndCommentBlocksAreCells() {
        let lesson = Lesson(file: "l.grad", text: """
            # Intro to the data.
            # Three classes.
            load shapes count=600

            # A note on its own.

            model
              # indented comment
            dense 3 softmax   # trailing comment stays in the command
            """)
        #expect(lesson.cells == [
            .note("Intro to the data.\nThree classes.", attached: true, line: 1),
            .command("load shapes count=600", line: 3),
            .note("A note on its own.", line: 5),
            .command("model", line: 7),
            .note("indented comment", attached: true, line: 8),
            .command("dense 3 softmax   # trailing comment stays in the command", line: 9),
        ])
        #expect(lesson.commandCount == 3)
    }

    @Test func crlfAndTrailingCommentsAreKept() {
        let lesson = Lesson(file: "l.grad", text: "seed 1\r\ntrain 2\r\n# the end\r\n")
        #expect(lesson.cells.map(\.kind) == [.command, .command, .note])
        #expect(lesson.cells.last?.text == "the end")
    }

    @Test func emptyFileHasNoCells() {
        #expect(Lesson(file: "e.grad", text: "").cells.isEmpty)
    }
}
