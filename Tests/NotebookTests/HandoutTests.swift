import Datasets
import Foundation
import Notebook
import Testing

/// `save transcript FILE.md|FILE.html|FILE.ipynb`: the comments as prose in order, the pictures as PNG, the HTML
/// self-contained, the notebook valid nbformat 4; `save session` keeps the comments above the lines it keeps.
@Suite(.serialized) struct HandoutTests {
    /// A short lesson with comments: a paragraph, a section title, inline code, characters HTML escapes.
    static let lesson = """
        # Handouts: a tiny classifier.
        # The data: 60 generated shapes.
        load shapes count=60 classes=2 size=8
        split validation=0.2

        ## The model
        # One dense layer, `dense 2 softmax`.
        model
        flatten
        dense 2 softmax
        compile metrics=accuracy
        # A look at the model (not saved by save session).
        summary
        # Train & chart <it>.
        train 2
        chart loss
        show samples 4
        confusion on=validation
        # The end.
        """

    /// Runs the lesson, then writes the three handouts and the session into a fresh folder.
    static func written() throws -> (folder: URL, events: [RunEvent]) {
        let folder = makeTemporaryDirectory("handouts")
        let runner = SessionRunner()
        let saves = ["lesson.md", "lesson.html", "lesson.ipynb"].map { "save transcript \(folder.path)/\($0)" }
            + ["save session \(folder.path)/lesson.grad"]
        let events = runner.run(RunRequest(source: lesson + "\n" + saves.joined(separator: "\n")))
        return (folder, events)
    }

    @Test func markdownKeepsTheProseInOrder() throws {
        let (folder, events) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(events.last == .finished(RunOutcome(commands: 15, failures: 0)))
        let text = try String(contentsOf: folder.appendingPathComponent("lesson.md"), encoding: .utf8)
        #expect(text.hasPrefix("# Gradbook transcript\n\n11 commands, as they ran.\n\nHandouts: a tiny classifier.\nThe data: 60 generated shapes.\n\n```text\n>>> load shapes"))
        try expectInOrder(text, ["The data: 60 generated shapes.", ">>> load shapes", ">>> split", "## The model", "One dense layer, `dense 2 softmax`.",
                                 ">>> model", ">>> summary", "Train & chart <it>.", ">>> train 2", ">>> chart loss", ">>> show samples", ">>> confusion", "The end."])
        #expect(!text.contains("\u{1B}"), "no colour codes")
        #expect(!text.contains("# A look at the model"), "comments come out as prose, without #")
    }

    @Test func htmlIsSelfContainedWithInlinePictures() throws {
        let (folder, _) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try String(contentsOf: folder.appendingPathComponent("lesson.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        try expectInOrder(html, ["<p>Handouts: a tiny classifier.\nThe data: 60 generated shapes.</p>", "&gt;&gt;&gt; load shapes",
                                 "<h2>The model</h2>", "<p>One dense layer, <code>dense 2 softmax</code>.</p>", "&gt;&gt;&gt; model",
                                 "<p>Train &amp; chart &lt;it&gt;.</p>", "&gt;&gt;&gt; train 2", "<p>The end.</p>"])
        // Every picture is inline PNG: the two charts of `chart loss` (per epoch, per batch), the samples, the confusion matrix.
        let sources = html.components(separatedBy: "src=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(sources.count == 4)
        for source in sources {
            #expect(source.hasPrefix("data:image/png;base64,"))
            let bytes = try #require(Data(base64Encoded: String(source.dropFirst("data:image/png;base64,".count))))
            #expect(ImageDecoder.format(of: Array(bytes)) == .png)
            let picture = try ImageDecoder.decode(Array(bytes), channels: 3)
            #expect(picture.width >= 100 && picture.height >= 50)
        }
        // Nothing outside the page: no address, no file, no style sheet or script from elsewhere.
        let withoutData = sources.reduce(html) { $0.replacingOccurrences(of: $1, with: "") }
        #expect(!withoutData.lowercased().contains("http"))
        #expect(!withoutData.contains("<link") && !withoutData.contains("<script") && !withoutData.contains("url("))
        #expect(html.contains("<span style=\"color:"), "the text output keeps its colours")
        #expect(html.contains("epoch 1 ("), "epoch lines are there as text")
    }

    @Test func notebookHasTheKeysAndTypesOfNbformat4() throws {
        let (folder, _) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lesson.ipynb").path
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let problems = NotebookSchemaCheck.problems(document)
        #expect(problems.isEmpty, "\(problems)")
        let cells = try #require(document["cells"] as? [[String: Any]])
        let kinds = cells.map { $0["cell_type"] as? String ?? "" }
        #expect(kinds.count(where: { $0 == "code" }) == 13, "the 11 commands and the two saves before this one")
        let sources = cells.map { ($0["cell_type"] as? String ?? "") + ": " + ($0["source"] as? String ?? "") }
        try expectInOrder(sources.joined(separator: "\n"), ["markdown: # Gradbook transcript", "markdown: Handouts: a tiny classifier.\nThe data",
                                                             "code: load shapes", "markdown: ## The model\n\nOne dense layer", "code: model",
                                                             "markdown: Train & chart <it>.", "code: train 2", "markdown: The end."])
        let outputs = cells.compactMap { $0["outputs"] as? [[String: Any]] }.flatMap { $0 }
        let pngs = outputs.compactMap { ($0["data"] as? [String: Any])?["image/png"] as? String }
        #expect(pngs.count == 4, "two charts, the samples and the confusion matrix as PNG")
        for png in pngs {
            #expect(ImageDecoder.format(of: Array(try #require(Data(base64Encoded: png)))) == .png)
        }
        let counts = cells.compactMap { $0["execution_count"] as? Int }
        #expect(counts == Array(1...13))
        try validateWithNbformatIfInstalled(path)
    }

    @Test func saveSessionKeepsTheCommentsAboveKeptLines() throws {
        let (folder, _) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lesson.grad").path
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(saved.contains("\n# Handouts: a tiny classifier.\n# The data: 60 generated shapes.\nload shapes count=60 classes=2 size=8\nsplit validation=0.2\n"))
        #expect(saved.contains("\n## The model\n# One dense layer, `dense 2 softmax`.\nmodel\n"))
        #expect(saved.contains("\n# Train & chart <it>.\ntrain 2\n"))
        #expect(!saved.contains("A look at the model"), "summary is not saved, nor the comment above it")
        #expect(!saved.contains("The end."), "a comment above nothing kept")
        // The saved file replays to the same lines.
        let replay = SessionRunner()
        let events = replay.run(RunRequest(source: saved + "save session \(path)\n"))
        #expect(events.last == .finished(RunOutcome(commands: 8, failures: 0)))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == saved)
    }

    @Test func otherExtensionsAreRefusedWithAHint() {
        let interpreter = Interpreter()
        #expect(failure(interpreter, "save transcript lesson.pdf")
            == "<input>:1:17: error: save transcript writes .md, .html or .ipynb files; 'lesson.pdf' ends in none of them - "
            + "name the file like lesson-1.md (text), lesson-1.html (a page with pictures) or lesson-1.ipynb (Jupyter)")
    }

    @Test func typedCommentsAndLessonExplanationsReachTheTranscript() throws {
        let folder = makeTemporaryDirectory("handouts-typed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = SessionRunner()
        _ = runner.run(RunRequest(source: "# typed on its own"))
        _ = runner.run(RunRequest(source: "seed 7", comments: ["# from a lesson cell"]))
        _ = runner.run(RunRequest(source: "save transcript \(folder.path)/t.md"))
        let text = try String(contentsOfFile: folder.path + "/t.md", encoding: .utf8)
        try expectInOrder(text, ["typed on its own", "from a lesson cell", ">>> seed 7"])
    }
}

/// Fails the test unless every piece occurs in `text`, each after the one before.
private func expectInOrder(_ text: String, _ pieces: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    var rest = text[...]
    for piece in pieces {
        guard let found = rest.range(of: piece) else {
            Issue.record("'\(piece)' missing or out of order in:\n\(text.prefix(3000))", sourceLocation: sourceLocation)
            return
        }
        rest = rest[found.upperBound...]
    }
}

/// Validates with the nbformat Python package (Debian's python3-nbformat) when it is installed; the Swift
/// checks above stand alone.
private func validateWithNbformatIfInstalled(_ path: String) throws {
    // Debian's interpreter, where python3-nbformat installs (a python3 earlier on PATH may not have it).
    let python = URL(fileURLWithPath: "/usr/bin/python3")
    guard FileManager.default.isExecutableFile(atPath: python.path) else { return }
    let probe = Process()
    probe.executableURL = python
    probe.arguments = ["-c", "import nbformat"]
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return }
    probe.waitUntilExit()
    guard probe.terminationStatus == 0 else { return }
    let check = Process()
    check.executableURL = python
    check.arguments = ["-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", path]
    let output = Pipe()
    check.standardOutput = output
    check.standardError = output
    try check.run()
    check.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(check.terminationStatus == 0 && text.contains("valid"), "nbformat says: \(text)")
}
