import Foundation
import Notebook
import Testing

/// `save transcript FILE.md`: the commands with their output, as a class hand-out.
@Suite struct TranscriptSaveTests {
    @Test func writesEveryCommandWithItsOutputAndErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-transcript-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lesson.md").path
        let runner = SessionRunner()
        let events = runner.run(RunRequest(source: """
            load shapes count=60 classes=2 size=8
            model
            flatten
            dense 2 softmax
            compile
            train 1
            batch 0
            evaluate on=validation
            save transcript \(path)
            """, keepGoing: true))
        #expect(events.last == .finished(RunOutcome(commands: 9, failures: 2)))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# Gradbook transcript\n\n7 commands, as they ran.\n"), "a parse error never ran; the save itself is not in it")
        #expect(!text.contains("\u{1B}"), "no colour codes")
        #expect(text.contains("```text\n>>> load shapes count=60 classes=2 size=8\nshapes: 60 training images"))
        #expect(text.contains(">>> train 1\nepoch 1 ("), "epoch lines streamed during training are kept")
        #expect(text.contains("│ epoch │"), "tables render as text")
        #expect(text.contains(">>> evaluate on=validation\n<input>:8:"), "a failed command shows its error")
        #expect(!text.contains("ETA"), "progress bars are not kept")
    }
}
