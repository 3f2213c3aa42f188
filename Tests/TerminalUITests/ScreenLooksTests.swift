import Foundation
import Testing

/// Issue 16 items 7 and 9 on the notebook screen at 80x24: the welcome keeps example commands whole, Up
/// on a fresh notebook recalls history, training shows its progress once beside an accuracy chart, the
/// F3 log axis reads 0.1 not -1, nothing is drawn in black or white (TERM=xterm has 8 colours), the
/// status line keeps model and epoch, and SIGTERM restores the terminal and exits 128+15.
@Suite(.serialized, .enabled(if: TmuxPane.skipReason == nil, "\(TmuxPane.skipReason ?? "")"))
struct ScreenLooksTests {
    @Test func welcomeKeepsCommandsWholeAndUpRecallsHistory() throws {
        let pane = try TmuxPane(width: 80, height: 24, term: "xterm")
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        let welcome = pane.capture()
        #expect(welcome.contains { $0.contains("model input=28x28x1, conv2d 8 3 relu, ...") }, "\(welcome.joined(separator: "\n"))")
        #expect(welcome.contains { $0.contains("load shapes count=3000 classes=3") })
        // `help relu` makes no cell; Up on the still empty notebook recalls it, as a shell does.
        pane.type("help relu")
        pane.keys("Enter")
        try pane.waitFor("Help: relu")
        pane.keys("Escape")
        try pane.waitUntil("help closed") { !$0.joined().contains("Help:") }
        pane.keys("Up")
        try pane.waitUntil("history recalled by Up") { TmuxPane.inputLine($0) == "help relu" }
        pane.keys("C-u")
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")

        // The next run starts empty too: Up recalls the last entry of the saved history file.
        let next = try TmuxPane(width: 80, height: 24, term: "screen", stateFolder: pane.stateFolder)
        defer { next.kill() }
        try next.waitFor("Gradbook notebook")
        next.keys("Up")
        try next.waitUntil("the saved history recalled by Up") { TmuxPane.inputLine($0) == "help relu" }
    }

    /// SGR parameters that set a black or white foreground (30, 37, 97, or 38;5;0/7/15/16/231). Bright
    /// black (90) is the grey of 16 and 256 colours; under TERM=xterm it would come out as 30.
    static func blackOrWhiteForegrounds(_ styled: String) -> [String] {
        var found: [String] = []
        var rest = Substring(styled)
        while let start = rest.range(of: "\u{1B}[") {
            let body = rest[start.upperBound...].prefix { $0 != "m" }
            let codes = body.split(separator: ";").map(String.init)
            var i = 0
            while i < codes.count {
                if ["30", "37", "97"].contains(codes[i]) { found.append(String(body)) }
                if codes[i] == "38", i + 2 < codes.count, codes[i + 1] == "5" {
                    if ["0", "7", "15", "16", "231"].contains(codes[i + 2]) { found.append(String(body)) }
                    i += 2
                }
                i += 1
            }
            rest = rest[start.upperBound...]
        }
        return found
    }

    @Test(arguments: ["xterm", "xterm-256color", "screen"])
    func trainingAt80x24(term: String) throws {
        // In colour: `swift test` sets NO_COLOR, which the pane would inherit.
        let pane = try TmuxPane(width: 80, height: 24, term: term, environment: ["NO_COLOR": ""])
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        try pane.enter([("load shapes count=600 classes=3", "600 training images"), ("model", "model 'model'"),
                        ("flatten", "flatten_1"), ("dense 3 softmax", "dense_1"), ("compile metrics=accuracy", "compiled 'model'")])
        pane.type("train 100000")
        pane.keys("Enter")
        try pane.waitUntil("the accuracy chart beside the loss", seconds: 30) { lines in
            lines.contains { $0.hasPrefix("loss per batch") && $0.contains("accuracy") }
        }
        let screen = pane.capture()
        let text = screen.joined(separator: "\n")
        #expect(!screen.contains { $0.hasPrefix("training 'model'") }, "the short panel has no title row: \(text)")
        let counters = screen.filter { $0.range(of: #"\d+/19 "#, options: .regularExpression) != nil }
        #expect(counters.count <= 2, "the batch counter shows in the cell and the panel only: \(text)")
        let status = try #require(screen.last)
        #expect(status.contains("model model  epoch") && !status.contains("…"), "\(status)")
        let styled = pane.captureStyled()
        #expect(styled.contains("\u{1B}[36m") || styled.contains("\u{1B}[33m"), "the charts are in colour")
        #expect(Self.blackOrWhiteForegrounds(styled).isEmpty, "no black or white foreground under \(term): \(Self.blackOrWhiteForegrounds(styled))")

        pane.keys("F3")
        // The title and the axis may reach the pane in separate writes: wait for both.
        func axisLabels(_ lines: [String]) -> [String] {
            lines.compactMap { line -> String? in
                guard let axis = line.firstIndex(of: "┤") else { return nil }
                return line[..<axis].trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        }
        try pane.waitUntil("the log scale with its axis") { lines in
            lines.contains { $0.hasPrefix("loss per batch (log scale)") } && !axisLabels(lines).isEmpty
        }
        let labels = axisLabels(pane.capture())
        #expect(!labels.isEmpty)
        #expect(!labels.contains { $0.hasPrefix("-") }, "log axis labels are losses, not exponents: \(labels)")

        // SIGTERM while training: the terminal is restored and the exit status is 128 + 15.
        let pid = try #require(pane.gradbookPID)
        kill(pid, SIGTERM)
        try pane.waitFor("GRADBOOK-EXITED 143", seconds: 30)
        #expect(pane.alternateScreen == false)
    }
}
