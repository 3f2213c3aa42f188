import Testing
@testable import TerminalUI

@Suite struct LessonTests {
    @Test func commentsDirectlyAboveACommandExplainIt() {
        let lesson = Lesson(file: "l.grad", text: """
            # Intro to the data.
            # Three classes.
            load shapes count=600

            # A note on its own.

            model
              # indented comment
            dense 3 softmax   # trailing comment stays in the command
            """)
        #expect(lesson.entries == [
            .init(source: "load shapes count=600", explanation: ["Intro to the data.", "Three classes."], line: 3),
            .init(source: nil, explanation: ["A note on its own."], line: 5),
            .init(source: "model", explanation: [], line: 7),
            .init(source: "dense 3 softmax   # trailing comment stays in the command", explanation: ["indented comment"], line: 9),
        ])
        #expect(lesson.commandCount == 3)
    }

    @Test func crlfAndTrailingCommentsAreKept() {
        let lesson = Lesson(file: "l.grad", text: "seed 1\r\ntrain 2\r\n# the end\r\n")
        #expect(lesson.entries.map(\.source) == ["seed 1", "train 2", nil])
        #expect(lesson.entries.last?.explanation == ["the end"])
    }

    @Test func emptyFileHasNoCells() {
        #expect(Lesson(file: "e.grad", text: "").entries.isEmpty)
    }
}
