import Foundation
import Testing
@testable import Notebook

/// The notebook's cells as text (issue 19): parsing a session file into commands and notes, writing
/// them back, and `save notebook` headless and with cells a front end published.
@Suite struct NotebookSourceTests {
    static let lesson = """
        # What we learn: shapes.
        ## The data
        load shapes count=60 classes=2

        # A note on its own,
        #
        #   with a formula:  y = W x + b

          model
        flatten   # trailing comment

        """

    @Test func parsesNotesAndCommandsAndWritesThemBack() {
        let source = NotebookSource(parsing: Self.lesson)
        #expect(source.cells == [
            .note("What we learn: shapes.\n# The data", attached: true, line: 1),
            .command("load shapes count=60 classes=2", line: 3),
            .note("A note on its own,\n\n  with a formula:  y = W x + b", line: 5),
            .command("model", line: 9),
            .command("flatten   # trailing comment", line: 10),
        ])
        #expect(source.commandCount == 3)
        #expect(source.text == """
            # What we learn: shapes.
            ## The data
            load shapes count=60 classes=2

            # A note on its own,
            #
            #   with a formula:  y = W x + b

            model
            flatten   # trailing comment

            """)
        let again = NotebookSource(parsing: source.text)
        #expect(again.cells.map(\.text) == source.cells.map(\.text) && again.cells.map(\.attached) == source.cells.map(\.attached))
    }

    @Test func aTrailingCommentBlockIsANoteAndNothingIsEmpty() {
        #expect(NotebookSource(parsing: "seed 1\n# the end").cells.last == .note("the end", line: 2))
        #expect(NotebookSource(parsing: "").text == "")
        #expect(NotebookSource(cells: [.note("")]).text == "#\n")
    }

    @Test func saveNotebookHeadlessWritesTheLinesRunSoFarWithoutItself() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-nb-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.grad").path
        let runner = SessionRunner()
        let events = runner.run(RunRequest(source: Self.lesson + "save notebook \(path)\n# after\nseed 3\n"))
        #expect(!events.contains { if case .failure = $0 { true } else { false } })
        #expect(events.contains(.block(.text("saved 3 commands and 2 notes to \(path) - reopen with gradbook open \(path)", style: .success))))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == NotebookSource(parsing: Self.lesson).text)

        // A front end's published cells win over the lines run.
        runner.notebook.publish(NotebookSource(cells: [.note("mine", attached: true), .command("seed 5"), .command("save notebook \(path)")]))
        _ = runner.run(RunRequest(source: "save notebook \(path)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# mine\nseed 5\n")
    }

    @Test func saveNotebookToAFolderFailsAtThePath() {
        let runner = SessionRunner()
        let events = runner.run(RunRequest(source: "save notebook /"))
        let failure = events.compactMap { if case .failure(let report) = $0 { report.rendered } else { nil } }.first ?? ""
        #expect(failure.contains("1:15: error:"), "\(failure)")
    }
}
