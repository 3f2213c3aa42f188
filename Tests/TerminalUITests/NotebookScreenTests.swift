import Foundation
import Testing

/// End-to-end: the real `gradbook` binary in a tmux pane, driven with send-keys and read with
/// capture-pane. Skipped (with the reason) when tmux or the built binary is missing.
@Suite(.serialized, .enabled(if: TmuxPane.skipReason == nil, "\(TmuxPane.skipReason ?? "")"))
struct NotebookScreenTests {
    @Test func trainingSessionStaysResponsiveResizesStopsAndQuits() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        let session = [
            ("load shapes count=3000 classes=3", "3000 training images"),
            ("model", "model 'model'"),
            ("conv2d 8 3 relu", "conv2d_1"),
            ("maxpool 2", "max_pooling2d_1"),
            ("flatten", "flatten_1"),
            ("dense 3 softmax", "dense_1"),
            ("compile optimizer=adam lr=1e-3 metrics=accuracy", "compiled 'model'"),
        ]
        try pane.enter(session)
        pane.type("train 20")
        pane.keys("Enter")
        try pane.waitFor("loss per batch", seconds: 30)
        let first = pane.capture()
        let panelBefore = TmuxPane.livePanel(first)
        try pane.waitUntil("the live panel changes", seconds: 20) { TmuxPane.livePanel($0) != panelBefore }

        // Typing while training lands on the input line.
        pane.type("summ")
        try pane.waitUntil("typed text on the input line") { $0.contains { $0.hasPrefix("› summ") } }
        pane.keys("C-u")

        // A model change is refused, politely.
        pane.type("dense 4")
        pane.keys("Enter")
        try pane.waitFor("would change the session while training runs")

        // Resizing keeps the cells and lays out for 80 columns.
        pane.resize(width: 80, height: 24)
        try pane.waitUntil("the screen re-laid out at 80x24") { lines in
            lines.count == 24 && lines.joined().contains("dense 4") && lines.allSatisfy { $0.count <= 80 }
        }

        // Ctrl-C stops at a batch boundary and the prompt comes back.
        pane.keys("C-c")
        try pane.waitUntil("training stopped and the idle keys are back", seconds: 20) { lines in
            let text = lines.joined(separator: "\n")
            return text.contains("F1 help") && text.contains("stopped")
        }
        pane.resize(width: 120, height: 40)
        try pane.waitFor("stopped at a batch boundary")

        pane.type("quit")
        pane.keys("Enter")
        try pane.waitFor("GRADBOOK-EXITED 0")
        #expect(pane.alternateScreen == false)
    }

    @Test func helpViewBrowsesCommandsOpensPagesAndCloses() throws {
        let pane = try TmuxPane(width: 80, height: 24)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        pane.type("help")
        pane.keys("Enter")
        try pane.waitFor("Help: commands")
        #expect(pane.capture().contains { $0.hasPrefix("> seed ") })
        pane.keys("Down")
        try pane.waitUntil("threads selected") { $0.contains { $0.hasPrefix("> threads ") } }
        pane.type("com")
        try pane.waitUntil("compile selected by typing") { $0.contains { $0.hasPrefix("> compile ") } }
        pane.keys("Enter")
        try pane.waitFor("Help: compile")
        try pane.waitFor("Usage")
        pane.keys("BSpace")
        try pane.waitUntil("back on the list at compile") { $0.contains { $0.hasPrefix("> compile ") } }
        pane.keys("Escape")
        try pane.waitUntil("help closed") { lines in
            lines.joined().contains("Gradbook notebook") && !lines.joined().contains("Help:")
        }

        // F1 on a word opens its page; the typed line stays.
        pane.type("compile optimizer=adam")
        pane.keys("F1")
        try pane.waitFor("Help: adam")
        pane.type("q")
        try pane.waitUntil("help closed, line kept") { $0.contains { $0.hasPrefix("› compile optimizer=adam") } && !$0.joined().contains("Help:") }
        pane.keys("C-u")
        pane.type("help relu")
        pane.keys("Enter")
        try pane.waitFor("Help: relu")
        pane.keys("Escape")
        try pane.waitUntil("help closed") { !$0.joined().contains("Help:") }

        // Emptying a recalled line and pressing Enter keeps the history entry (and saves no blank line).
        pane.keys("C-p")
        try pane.waitUntil("history recalled") { $0.contains { $0.hasPrefix("› help relu") } }
        pane.keys("C-u")
        pane.keys("Enter")
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
        let history = try String(contentsOfFile: pane.stateFolder + "/gradbook/history", encoding: .utf8)
        #expect(history == "help\nhelp relu\n")
    }

    @Test func openedLessonStepsCellByCellWithCtrlN() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lesson = folder.appendingPathComponent("lesson.grad")
        try """
            # Shapes, a first look.

            # The built-in shapes.
            load shapes count=300 classes=3
            # A tiny model.
            model
            flatten
            """.write(to: lesson, atomically: true, encoding: .utf8)
        let pane = try TmuxPane(width: 100, height: 30, arguments: ["open", lesson.path])
        defer { pane.kill() }
        try pane.waitFor("The built-in shapes.")
        #expect(pane.capture().filter { $0.hasSuffix("not run") }.count == 3)
        pane.keys("C-n")
        try pane.waitFor("300 training images")
        try pane.waitUntil("two cells still not run") { $0.filter { $0.hasSuffix("not run") }.count == 2 }
        pane.keys("C-n")
        try pane.waitFor("model 'model'")
        try pane.waitUntil("one cell still not run") { $0.filter { $0.hasSuffix("not run") }.count == 1 }
        // Shift-Enter as xterm sends it with modifyOtherKeys (ESC [ 27 ; 2 ; 13 ~) runs the last one.
        pane.type("\u{1B}[27;2;13~")
        try pane.waitFor("flatten_1")
        try pane.waitUntil("every cell run") { $0.filter { $0.hasSuffix("not run") }.isEmpty }
        // The lesson's note and each cell's explanation reach the transcript as prose, before their commands.
        // A note typed now goes with the next command: it ends the transcript.
        pane.type("# A typed note.")
        pane.keys("Enter")
        let handout = folder.appendingPathComponent("lesson.md").path
        pane.type("save transcript \(handout)")
        pane.keys("Enter")
        try pane.waitFor("saved 3 commands")
        let text = try String(contentsOfFile: handout, encoding: .utf8)
        #expect(text.contains("\nShapes, a first look.\n\nThe built-in shapes.\n\n```text\n>>> load shapes count=300 classes=3\n"), "\(text)")
        #expect(text.contains("\nA tiny model.\n\n```text\n>>> model\n"), "\(text)")
        #expect(text.hasSuffix(">>> flatten\n1. flatten_1 (Flatten) -> (None, 784), 0 params\n```\n\nA typed note.\n"), "\(text)")
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
        #expect(pane.alternateScreen == false)
    }
}
