import Foundation
import Testing

/// Issue 19, notebook cells, on the real screen: a typed `#` line is a note, `e` edits a cell in place
/// and Enter runs it again, `R` runs from a cell in a fresh session, `d` deletes (after y), `J`/`K` and
/// Alt-Up move, `save notebook` reopens with `gradbook open` as the same cells, `restart` runs them all
/// again; while training, none of these keys changes a cell or stops training.
@Suite(.serialized, .enabled(if: TmuxPane.skipReason == nil, "\(TmuxPane.skipReason ?? "")"))
struct NotebookCellsScreenTests {
    /// The command rows of the cells on screen, without their state tags.
    static func commands(_ lines: [String]) -> [String] {
        lines.filter { $0.hasPrefix("❯ ") }.map { row in
            var text = String(row.dropFirst(2))
            for tag in ["not run", "queued", "running…", "failed", "stopped", "refused", "editing"] where text.hasSuffix(tag) {
                text.removeLast(tag.count)
            }
            return text.trimmingCharacters(in: .whitespaces)
        }
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-cells-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aHashLineIsANoteAndEditRunsTheCellAgain() throws {
        let pane = try TmuxPane(width: 80, height: 24)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        pane.type("# Shapes: three classes, drawn on the fly.")
        pane.keys("Enter")
        try pane.waitUntil("the note drawn as prose") { lines in
            lines.contains("Shapes: three classes, drawn on the fly.") && !lines.contains { $0.hasPrefix("❯ #") }
        }
        try pane.enter(["load shapes count=300 classes=3", "model", "dense 3 softmax"])

        // e puts the cell's text on the input line; Esc cancels and changes nothing.
        pane.keys("Up")
        try pane.waitUntil("the last cell selected") { $0.last?.contains("e edit") == true }
        pane.type("e")
        try pane.waitUntil("the cell's text on the input line") { TmuxPane.inputLine($0) == "dense 3 softmax" && $0.joined().contains("editing") }
        pane.type(" x")
        pane.keys("Escape")
        try pane.waitUntil("the edit cancelled") { $0.contains("›") && $0.contains { $0.contains("edit cancelled") } }
        #expect(Self.commands(pane.capture()).last == "dense 3 softmax")

        // e, a new text and Enter: the cell itself changes and runs again (no new cell).
        pane.keys("Up")
        pane.type("e")
        try pane.waitUntil("editing again") { TmuxPane.inputLine($0) == "dense 3 softmax" }
        pane.keys("C-u")
        pane.type("flatten")
        pane.keys("Enter")
        try pane.waitUntil("the edited cell ran in place") { lines in
            lines.contains { $0.contains("flatten_1 (Flatten)") } && Self.commands(lines) == ["load shapes count=300 classes=3", "model", "flatten"]
        }
        // A note can be edited too (Up four times: flatten, model, load, then the note).
        pane.keys("Up", "Up", "Up", "Up")
        pane.type("e")
        try pane.waitUntil("the note's text on the input line") { TmuxPane.inputLine($0) == "# Shapes: three classes, drawn on the fly." }
        pane.keys("C-u")
        pane.type("# Shapes, edited.")
        pane.keys("Enter")
        try pane.waitUntil("the note replaced") { $0.contains("Shapes, edited.") && !$0.joined().contains("drawn on the fly") }
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
    }

    @Test func deleteAsksFirstAndJKMoveCells() throws {
        let pane = try TmuxPane(width: 80, height: 24, term: "xterm")
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        try pane.enter(["seed 1", "seed 2", "seed 3"])
        pane.keys("Up")
        pane.type("K")
        try pane.waitUntil("seed 3 moved up") { Self.commands($0) == ["seed 1", "seed 3", "seed 2"] }
        pane.type("K")
        try pane.waitUntil("seed 3 moved to the top") { Self.commands($0) == ["seed 3", "seed 1", "seed 2"] }
        pane.type("J")
        try pane.waitUntil("seed 3 moved down") { Self.commands($0) == ["seed 1", "seed 3", "seed 2"] }
        pane.keys("M-Up")
        try pane.waitUntil("Alt-Up moved it up") { Self.commands($0) == ["seed 3", "seed 1", "seed 2"] }
        pane.keys("M-Down")
        try pane.waitUntil("Alt-Down moved it down") { Self.commands($0) == ["seed 1", "seed 3", "seed 2"] }

        pane.type("d")
        try pane.waitFor("delete 'seed 3'? y deletes it")
        pane.type("n")
        try pane.waitFor("kept")
        #expect(Self.commands(pane.capture()) == ["seed 1", "seed 3", "seed 2"])
        pane.type("d")
        try pane.waitFor("delete 'seed 3'?")
        pane.type("y")
        try pane.waitUntil("seed 3 deleted") { Self.commands($0) == ["seed 1", "seed 2"] }
        // The selection moved to the next cell: i inserts above it, edited at once.
        pane.type("i")
        pane.type("seed 9")
        pane.keys("Enter")
        try pane.waitUntil("a cell inserted above seed 2 and run") { lines in
            Self.commands(lines) == ["seed 1", "seed 9", "seed 2"] && lines.contains("  seed 9")
        }
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
    }

    @Test func savedNotebookReopensAsTheSameCells() throws {
        let folder = try Self.folder()
        let file = folder.appendingPathComponent("saved.grad").path
        let pane = try TmuxPane(width: 100, height: 30)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        pane.type("# Data first.")
        pane.keys("Enter")
        try pane.enter(["load shapes count=300 classes=3", "model", "flatten"])
        pane.type("# Then the classifier.")
        pane.keys("Enter")
        try pane.enter(["dense 3 softmax"])
        try pane.enter([("save notebook \(file)", "saved 4 commands and 2 notes")])
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == """
            # Data first.

            load shapes count=300 classes=3
            model
            flatten

            # Then the classifier.

            dense 3 softmax

            """)

        let reopened = try TmuxPane(width: 100, height: 30, arguments: ["open", file])
        defer { reopened.kill() }
        try reopened.waitFor("Ctrl-N runs the next one")
        let lines = reopened.capture()
        #expect(Self.commands(lines) == ["load shapes count=300 classes=3", "model", "flatten", "dense 3 softmax"])
        #expect(lines.filter { $0.hasSuffix("not run") }.count == 4)
        let notes = lines.filter { $0 == "Data first." || $0 == "Then the classifier." }
        #expect(notes == ["Data first.", "Then the classifier."])
        reopened.keys("C-d")
        try reopened.waitFor("GRADBOOK-EXITED 0")
    }

    @Test func runFromHereAndRestartRunTheCellsInAFreshSession() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        try pane.enter(["load shapes count=300 classes=3", "model", "flatten", "dense 3 softmax", "compile", "train 1"])
        // Edit the dense layer, then R: a fresh session replays the cells above, then it and every cell below.
        pane.keys("Up", "Up", "Up")
        pane.type("e")
        try pane.waitUntil("editing the dense cell") { TmuxPane.inputLine($0) == "dense 3 softmax" }
        pane.keys("C-u")
        pane.type("dense 3 sigmoid")
        pane.keys("Enter")
        try pane.waitFor("R on this cell runs from here")
        pane.keys("Up", "Up", "Up")
        pane.type("R")
        try pane.waitUntil("ran again from a fresh session") { lines in
            lines.contains { $0.contains("ran 6 cells again from a fresh session") } && AttentionWatchScreenTests.idle(lines, epochs: 1)
        }
        try pane.enter([("summary", "Total params")])
        var text = pane.capture().joined(separator: "\n")
        #expect(text.contains("dense_1") && !text.contains("dense_2"), "the model was built again from nothing:\n\(text)")

        // restart: no cell of its own; every cell again (summary too).
        pane.type("restart")
        pane.keys("Enter")
        try pane.waitUntil("restart ran every cell") { lines in
            lines.contains { $0.contains("ran 7 cells again from a fresh session") } && AttentionWatchScreenTests.idle(lines, epochs: 1)
        }
        text = pane.capture().joined(separator: "\n")
        #expect(!text.contains("❯ restart"))
        #expect(!text.contains("dense_2") && !text.contains("failed"), "\(text)")
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
    }

    /// Idle, the new keys work under each TERM; while training, each is refused with a message and none
    /// stops training (only Ctrl-C and Esc on an empty line with nothing open do).
    @Test(arguments: ["xterm-256color", "xterm", "screen"])
    func cellKeysWhileTrainingNeverStopIt(term: String) throws {
        let pane = try TmuxPane(width: 120, height: 40, term: term)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        try pane.enter(["load shapes count=600 classes=3", "model", "flatten", "dense 3 softmax", "compile"])
        pane.keys("Up")
        pane.keys("M-Up")
        try pane.waitUntil("Alt-Up moves a cell under \(term)") { Self.commands($0) == ["load shapes count=600 classes=3", "model", "flatten", "compile", "dense 3 softmax"] }
        pane.type("J")
        try pane.waitUntil("J moves it back under \(term)") { Self.commands($0).last == "compile" }
        pane.keys("Escape")
        try pane.waitUntil("the selection left under \(term)") { $0.last?.contains("Up select") == true }
        pane.type("train 100000")
        pane.keys("Enter")
        try pane.waitFor("loss per batch", seconds: 30)
        pane.keys("Up")
        try pane.waitUntil("a cell selected while training under \(term)") { $0.last?.contains("e edit") == true }
        for key in ["e", "d", "R", "i", "a", "J", "K"] {
            pane.type(key)
            try pane.waitFor("cells cannot be changed while commands run")
            Thread.sleep(forTimeInterval: 0.3)
            try expectTraining(pane, "after \(key) under \(term)")
        }
        pane.keys("M-Down")
        try expectTraining(pane, "after Alt-Down under \(term)")
        // Esc leaves the selection and does not stop training; typing restart is refused.
        pane.keys("Escape")
        try pane.waitUntil("the selection left") { $0.last?.contains("Ctrl-C stop") == true }
        try expectTraining(pane, "after Esc on a selection under \(term)")
        pane.type("restart")
        pane.keys("Enter")
        try pane.waitFor("'restart' would change the session while training runs")
        try expectTraining(pane, "after restart under \(term)")
        pane.keys("C-c")
        try pane.waitUntil("training stopped by Ctrl-C", seconds: 30) { AttentionWatchScreenTests.idle($0) }
        // No cell moved, went or came.
        let file = try Self.folder().appendingPathComponent("after.grad").path
        try pane.enter([("save notebook \(file)", "saved 6 commands")])
        #expect(try String(contentsOfFile: file, encoding: .utf8)
                == "load shapes count=600 classes=3\nmodel\nflatten\ndense 3 softmax\ncompile\ntrain 100000\n")
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
    }

    /// Training runs (the live panel's title says so: between epochs it is gone for an instant, hence the
    /// wait) and nothing says it stops; no cell went back to not run or into an edit.
    private func expectTraining(_ pane: TmuxPane, _ what: String) throws {
        try pane.waitUntil("training going on \(what)", seconds: 5) { lines in lines.contains { $0.hasPrefix("training 'model'") } }
        let screen = pane.capture().joined(separator: "\n")
        #expect(!screen.contains("stopping at the next batch") && !screen.contains("stopped at a batch boundary"),
                "training stopped \(what):\n\(screen)")
        #expect(!screen.contains("not run") && !screen.contains("editing"), "a cell changed \(what):\n\(screen)")
    }
}
