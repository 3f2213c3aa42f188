import Foundation
@preconcurrency import CReadline

/// The input line: GNU readline's callback interface, fed byte by byte from curses keys, drawing
/// nothing itself (the screen draws `state`). Main thread only; readline's C callbacks run inside
/// `feed`, on the main thread, which is why they may assume the main actor.
@MainActor final class LineEditor {
    /// Lines accepted (Enter) since the last `takeLines`; nil is end of input (Ctrl-D on an empty line).
    private static var accepted: [String?] = []
    private static var pending: [UInt8] = []
    private static var changed = true
    private static var candidates: [String] = []
    private static var candidateIndex = 0
    /// Completions readline wants listed; the screen shows them on the message line.
    private(set) static var listedMatches: [String] = []
    static var completer: ((String, String) -> [String])?

    let prompt: String
    private let historyFile: String?

    /// Sets readline up for the callback interface with `prompt`, loading `historyFile`.
    init(prompt: String, historyFile: String?) {
        self.prompt = prompt
        self.historyFile = historyFile
        // Before any other rl_* call: otherwise readline exports LINES/COLUMNS and curses stops seeing resizes.
        rl_change_environment = 0
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        rl_prep_term_function = nil
        rl_deprep_term_function = nil
        rl_readline_name = UnsafePointer(strdup("gradbook"))
        rl_outstream = fopen("/dev/null", "w")
        rl_getc_function = { _ in MainActor.assumeIsolated { LineEditor.nextByte() } }
        rl_input_available_hook = { MainActor.assumeIsolated { LineEditor.pending.isEmpty ? 0 : 1 } }
        rl_redisplay_function = { MainActor.assumeIsolated { LineEditor.changed = true } }
        rl_attempted_completion_function = { text, start, _ in
            // Pointers are not Sendable: they leave the main-actor closure as their address.
            let address = MainActor.assumeIsolated { Int(bitPattern: LineEditor.complete(text.map { String(cString: $0) } ?? "", start: Int(start))) }
            return UnsafeMutablePointer(bitPattern: address)
        }
        rl_completion_display_matches_hook = { matches, count, _ in
            MainActor.assumeIsolated { LineEditor.list(matches, count: Int(count)) }
        }
        rl_variable_bind("bell-style", "none")
        rl_variable_bind("show-all-if-ambiguous", "on")
        rl_variable_bind("enable-bracketed-paste", "off")
        // Editing a recalled line must not rewrite that history entry (emptied, it was saved blank).
        rl_variable_bind("revert-all-at-newline", "on")
        using_history()
        stifle_history(Int32(HistoryFile.limit))
        if let historyFile {
            for line in HistoryFile.load(path: historyFile) {
                add_history(line)
            }
        }
        rl_callback_handler_install(prompt) { line in
            MainActor.assumeIsolated {
                if let line {
                    LineEditor.accepted.append(String(cString: line))
                    free(line)
                } else {
                    LineEditor.accepted.append(nil)
                }
                LineEditor.changed = true
            }
        }
    }

    /// Gives readline the bytes of one key.
    func feed(_ bytes: [UInt8]) {
        LineEditor.pending.append(contentsOf: bytes)
        while !LineEditor.pending.isEmpty {
            rl_callback_read_char()
        }
    }

    /// Lines accepted since the last call (nil: Ctrl-D on an empty line).
    func takeLines() -> [String?] {
        defer { LineEditor.accepted.removeAll() }
        return LineEditor.accepted
    }

    /// The prompt (readline's, e.g. during Ctrl-R), the text and the cursor byte.
    var state: InputLine {
        let text = rl_line_buffer.map { buffer in
            String(decoding: UnsafeRawBufferPointer(start: buffer, count: Int(max(0, rl_end))), as: UTF8.self)
        } ?? ""
        let shown = rl_display_prompt.map { String(cString: $0) } ?? prompt
        return InputLine(prompt: shown, text: text, cursorByte: Int(rl_point))
    }

    /// True while readline's incremental search (Ctrl-R) runs.
    var searching: Bool { rl_readline_state & UInt(RL_STATE_ISEARCH) != 0 }

    /// True when something changed since the last call.
    func takeChanged() -> Bool {
        defer { LineEditor.changed = false }
        return LineEditor.changed
    }

    /// The word under (or just before) the cursor.
    var wordAtCursor: String {
        let line = state
        let bytes = Array(line.text.utf8)
        var start = min(line.cursorByte, bytes.count)
        var end = start
        func isWord(_ b: UInt8) -> Bool { b != 32 && b != 61 && b != 9 }
        while start > 0, isWord(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, isWord(bytes[end]) { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Replaces the line's text, cursor at the end.
    func replace(with text: String) {
        rl_replace_line(text, 0)
        rl_point = rl_end
        LineEditor.changed = true
    }

    /// Empties the line and leaves any search or completion in progress.
    func clear() {
        rl_callback_sigcleanup()
        rl_replace_line("", 0)
        rl_point = 0
        rl_callback_handler_install(prompt) { line in
            MainActor.assumeIsolated {
                LineEditor.accepted.append(line.map { String(cString: $0) })
                free(line)
                LineEditor.changed = true
            }
        }
        LineEditor.listedMatches = []
        LineEditor.changed = true
    }

    /// Forgets the last completion list.
    func clearMatches() { LineEditor.listedMatches = [] }

    /// Records `line` in the history, unless it is blank or the same as the last entry.
    func remember(_ line: String) {
        guard HistoryFile.keeps(line, after: entries.last) else { return }
        add_history(line)
        // readline already set up the next line, as the entry after the old last one: without this
        // the new entry would be the line being edited, and typing would overwrite it (saved blank).
        using_history()
    }

    /// readline's history, oldest first.
    var entries: [String] {
        (0..<Int(max(0, history_length))).compactMap { offset in
            history_get(history_base + Int32(offset)).flatMap { $0.pointee.line.map { String(cString: $0) } }
        }
    }

    /// Writes the history file (cleaned) and removes readline's handler.
    func close() {
        if let historyFile {
            HistoryFile.save(entries, path: historyFile)
        }
        rl_callback_handler_remove()
    }

    // MARK: - Callbacks

    private static func nextByte() -> Int32 {
        guard !pending.isEmpty else { return 0 }
        return Int32(pending.removeFirst())
    }

    private static func complete(_ word: String, start: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1
        let bytes = rl_line_buffer.map { Array(UnsafeBufferPointer(start: $0, count: max(0, min(start, Int(rl_end))))) } ?? []
        let before = String(decoding: bytes.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        candidates = completer?(before, word) ?? []
        candidateIndex = 0
        guard !candidates.isEmpty else { return nil }
        let open = candidates.allSatisfy { $0.hasSuffix("=") || $0.hasSuffix("/") }
        rl_completion_append_character = open ? 0 : 32
        return rl_completion_matches(word) { _, state in
            let address = MainActor.assumeIsolated { () -> Int in
                if state == 0 {
                    LineEditor.candidateIndex = 0
                }
                guard LineEditor.candidateIndex < LineEditor.candidates.count else { return 0 }
                defer { LineEditor.candidateIndex += 1 }
                return Int(bitPattern: strdup(LineEditor.candidates[LineEditor.candidateIndex]))
            }
            return UnsafeMutablePointer(bitPattern: address)
        }
    }

    private static func list(_ matches: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int) {
        guard let matches else { return }
        listedMatches = (0..<count).compactMap { i in matches[i + 1].map { String(cString: $0) } }
        changed = true
    }
}
