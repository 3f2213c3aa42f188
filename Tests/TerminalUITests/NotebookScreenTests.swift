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
        for (command, answer) in session {
            pane.type(command)
            pane.keys("Enter")
            try pane.waitFor(answer)
        }
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
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
        #expect(pane.alternateScreen == false)
    }
}

/// One tmux session running `gradbook` inside `sh`, which prints `GRADBOOK-EXITED <status>` after it.
struct TmuxPane {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/gradbook").path
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static var skipReason: String? {
        if tmux == nil { return "tmux is not installed (scripts/setup.sh installs it)" }
        if !FileManager.default.isExecutableFile(atPath: binary) { return "the gradbook binary is not built (swift build)" }
        return nil
    }

    struct Timeout: Error, CustomStringConvertible {
        let what: String
        let screen: [String]
        var description: String { "timed out waiting for \(what); the screen was:\n" + screen.joined(separator: "\n") }
    }

    let name: String

    /// The pane's XDG_STATE_HOME (the history file goes under it).
    var stateFolder: String { FileManager.default.temporaryDirectory.appendingPathComponent(name).path }

    init(width: Int, height: Int, arguments: [String] = []) throws {
        name = "gradbook-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let state = stateFolder
        let quoted = ([Self.binary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        // The shell catches Ctrl-C (as an interactive shell would) so it outlives the notebook's Ctrl-C and reports the exit.
        let script = "trap : INT; XDG_STATE_HOME='\(state)' LANG=C.UTF-8 LC_ALL=C.UTF-8 \(quoted); echo GRADBOOK-EXITED $?; sleep 120"
        run(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "sh", "-c", script])
    }

    /// Ends the pane's own tmux server (each pane has one, on a socket of its own: `-L name`).
    func kill() { run(["kill-server"]) }

    /// Types `text` literally.
    func type(_ text: String) { run(["send-keys", "-t", name, "-l", text]) }

    /// Sends tmux key names (`Enter`, `C-c`).
    func keys(_ names: String...) { run(["send-keys", "-t", name] + names) }

    func resize(width: Int, height: Int) { run(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"]) }

    /// The pane's text, one string per row.
    func capture() -> [String] {
        var lines = run(["capture-pane", "-p", "-t", name]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" {
            lines.removeLast()
        }
        return lines
    }

    var alternateScreen: Bool { run(["display-message", "-p", "-t", name, "#{alternate_on}"]).hasPrefix("1") }

    func waitFor(_ text: String, seconds: Double = 15) throws {
        try waitUntil("'\(text)'", seconds: seconds) { $0.joined(separator: "\n").contains(text) }
    }

    /// Polls the pane every 0.1 s until `condition` holds, at most `seconds`.
    func waitUntil(_ what: String, seconds: Double = 15, _ condition: ([String]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let screen = capture()
            if condition(screen) { return }
            if Date() > deadline { throw Timeout(what: what, screen: screen) }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// The rows from the live panel's title down to its footer.
    static func livePanel(_ lines: [String]) -> [String] {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("training  epoch") }) else { return [] }
        return Array(lines[start...].prefix { !$0.hasPrefix("lr ") && !$0.hasPrefix("smoothing") })
    }

    /// Runs tmux on this pane's private server, so no other tmux user (or test) can end it.
    ///
    /// posix_spawn and waitpid, not Foundation's Process: a server that `new-session` starts would
    /// inherit Process's blocked signals and its exit watch, and waiting for the client would not end.
    @discardableResult func run(_ arguments: [String]) -> String {
        guard let tmux = Self.tmux else { return "" }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UInt32.random(in: 0...UInt32.max)).out").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([tmux, "-L", name] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, tmux, &actions, &attributes, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }
}
