import Foundation

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
    let stateFolder: String

    /// A pane `width` x `height` running gradbook with `arguments`, under `term` (tmux's own TERM when nil)
    /// and with `environment` added (an empty value unsets the variable: `swift test` sets NO_COLOR).
    /// `stateFolder` shares another pane's history; by default the pane has a folder of its own.
    init(width: Int, height: Int, arguments: [String] = [], term: String? = nil, environment: [String: String] = [:],
         stateFolder: String? = nil) throws {
        name = "gradbook-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.stateFolder = stateFolder ?? FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        let state = self.stateFolder
        let quoted = ([Self.binary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        // The shell catches Ctrl-C (as an interactive shell would) so it outlives the notebook's Ctrl-C and reports the exit.
        let variables = environment.sorted { $0.key < $1.key }
        let terminal = (term.map { "TERM='\($0)' " } ?? "") + variables.filter { !$0.value.isEmpty }.map { "\($0.key)='\($0.value)' " }.joined()
        let unset = variables.filter { $0.value.isEmpty }.map { "unset \($0.key); " }.joined()
        let script = "trap : INT; \(unset)\(terminal)XDG_STATE_HOME='\(state)' LANG=C.UTF-8 LC_ALL=C.UTF-8 \(quoted); echo GRADBOOK-EXITED $?; sleep 120"
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

    /// The pane's text with its colours and attributes as SGR escapes.
    func captureStyled() -> String { run(["capture-pane", "-p", "-e", "-t", name]) }

    /// The process id of the gradbook the pane's shell runs (nil once it ended).
    var gradbookPID: pid_t? {
        guard let shell = pid_t(run(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for entry in entries {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // pid (comm) state ppid ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == shell, stat.contains("(gradbook)") { return pid }
        }
        return nil
    }

    var alternateScreen: Bool { run(["display-message", "-p", "-t", name, "#{alternate_on}"]).hasPrefix("1") }

    func waitFor(_ text: String, seconds: Double = 15) throws {
        try waitUntil("'\(text)'", seconds: seconds) { $0.joined(separator: "\n").contains(text) }
    }

    /// Types each command with Enter and waits for its answer.
    func enter(_ session: [(command: String, answer: String)], seconds: Double = 15) throws {
        for (command, answer) in session {
            type(command)
            keys("Enter")
            try waitFor(answer, seconds: seconds)
        }
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

    /// The input line's text after the prompt (`› `), trailing spaces dropped; nil when no row starts with the prompt.
    static func inputLine(_ lines: [String]) -> String? {
        guard let row = lines.last(where: { $0.hasPrefix("› ") }) else { return nil }
        var text = String(row.dropFirst(2))
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Sends raw bytes (`ESC [ H`) as one write, as a terminal sends a key.
    func bytes(_ bytes: [UInt8]) { run(["send-keys", "-t", name, "-H"] + bytes.map { String($0, radix: 16) }) }

    /// The rows from the live panel's title down to its footer.
    static func livePanel(_ lines: [String]) -> [String] {
        guard let start = lines.firstIndex(where: { ($0.hasPrefix("training") || $0.hasPrefix("last training")) && $0.contains("  epoch ") }) else { return [] }
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
