import Foundation
import Testing

/// Issue 16, items 1 and 2: while training runs, editing keys in every form a terminal sends (CSI and
/// SS3 Home/End/arrows, vt220 Home/End, Alt+letter, Ctrl-Left) edit the line and never stop training;
/// Esc closes the completion list first and stops training only on an empty line with nothing open.
/// Under TERM=xterm-256color, xterm and screen (curses knows different forms under each).
@Suite(.serialized, .enabled(if: TmuxPane.skipReason == nil, "\(TmuxPane.skipReason ?? "")"))
struct TrainingKeysScreenTests {
    static let esc: UInt8 = 27

    /// A key form, the keys sent before it, and the input line it must leave ("ab cd" typed, then the
    /// keys, then "|" typed at the cursor).
    struct Form: Sendable {
        let name: String
        let before: [UInt8]
        let bytes: [UInt8]
        let expected: String
        init(_ name: String, before: String = "", _ sequence: String, _ expected: String) {
            self.name = name
            self.before = Array(before.utf8)
            self.bytes = Array(sequence.utf8)
            self.expected = expected
        }
    }

    static let home = "\u{1B}[H"
    static let forms: [Form] = [
        Form("CSI Home", home, "|ab cd"),
        Form("CSI End", before: home, "\u{1B}[F", "ab cd|"),
        Form("vt220 Home", "\u{1B}[1~", "|ab cd"),
        Form("vt220 End", before: home, "\u{1B}[4~", "ab cd|"),
        Form("SS3 Home", "\u{1B}OH", "|ab cd"),
        Form("SS3 End", before: home, "\u{1B}OF", "ab cd|"),
        Form("CSI Left", "\u{1B}[D", "ab c|d"),
        Form("SS3 Left", "\u{1B}OD", "ab c|d"),
        Form("CSI Right", before: home, "\u{1B}[C", "a|b cd"),
        Form("SS3 Right", before: home, "\u{1B}OC", "a|b cd"),
        Form("CSI Up then Down", "\u{1B}[A\u{1B}[B", "ab cd|"),
        Form("SS3 Up then Down", "\u{1B}OA\u{1B}OB", "ab cd|"),
        Form("Alt-b", "\u{1B}b", "ab |cd"),
        Form("Alt-b Alt-f", "\u{1B}b\u{1B}b\u{1B}f", "ab| cd"),
        Form("xterm Ctrl-Left", "\u{1B}[1;5D", "ab |cd"),
        Form("rxvt Home", "\u{1B}[7~", "|ab cd"),
    ]

    @Test(arguments: ["xterm-256color", "xterm", "screen"])
    func editingKeysNeverStopTraining(term: String) throws {
        let pane = try TmuxPane(width: 120, height: 40, term: term)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        try pane.enter([("load shapes count=600 classes=3", "600 training images"), ("model", "model 'model'"),
                        ("flatten", "flatten_1"), ("dense 3 softmax", "dense_1"), ("compile", "compiled 'model'")])
        pane.type("train 100000")
        pane.keys("Enter")
        try pane.waitFor("loss per batch", seconds: 30)

        for form in Self.forms {
            try check(pane, form.name + " under " + term) {
                pane.keys("C-e", "C-u")
                pane.type("ab cd")
                if !form.before.isEmpty { pane.bytes(form.before) }
                pane.bytes(form.bytes)
                pane.type("|")
            } leaves: { $0 == form.expected }
        }
        // tmux's own key names, sent in the form the pane's TERM asks for.
        for (keys, expected) in [(["Home"], "|ab cd"), (["Home", "End"], "ab cd|"), (["Left"], "ab c|d"),
                                 (["C-Left"], "ab |cd"), (["M-b"], "ab |cd")] {
            try check(pane, keys.joined(separator: " ") + " (tmux key) under " + term) {
                pane.keys("C-e", "C-u")
                pane.type("ab cd")
                for key in keys { pane.keys(key) }
                pane.type("|")
            } leaves: { $0 == expected }
        }

        // Esc with the completion list open closes the list, on an empty line too; training goes on.
        pane.keys("C-e", "C-u")
        pane.keys("Tab")
        try pane.waitUntil("the completion list under \(term)") { $0.joined().contains("activation  attention  augment") }
        pane.bytes([Self.esc])
        try pane.waitUntil("the completion list closed under \(term)") { !$0.joined().contains("activation  attention  augment") }
        try expectTraining(pane, "after Esc closed the list under \(term)")
        // Esc with text on the line explains and does not stop.
        pane.type("ab")
        pane.bytes([Self.esc])
        try pane.waitFor("Esc stops training only on an empty line")
        try expectTraining(pane, "after Esc with text under \(term)")

        // Esc on an empty line with nothing open stops training.
        pane.keys("C-e", "C-u")
        pane.bytes([Self.esc])
        try pane.waitUntil("training stopped by Esc under \(term)", seconds: 30) { lines in
            let status = lines.last ?? ""
            return status.contains("F1 help") && !status.contains("Ctrl-C stop")
        }
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
    }

    /// Runs `keys` and waits until the input line satisfies `leaves`, then checks training still runs.
    private func check(_ pane: TmuxPane, _ what: String, keys: () -> Void, leaves: @escaping (String) -> Bool) throws {
        keys()
        try pane.waitUntil("the input line after \(what)", seconds: 10) { lines in
            TmuxPane.inputLine(lines).map(leaves) ?? false
        }
        try expectTraining(pane, "after " + what)
    }

    /// Training runs: the status line offers Ctrl-C stop and nothing says it stops.
    private func expectTraining(_ pane: TmuxPane, _ what: String) throws {
        let screen = pane.capture().joined(separator: "\n")
        #expect(screen.contains("Ctrl-C stop"), "training ended \(what):\n\(screen)")
        #expect(!screen.contains("stopping at the next batch") && !screen.contains("stopped at a batch boundary"),
                "training stopped \(what):\n\(screen)")
    }
}
