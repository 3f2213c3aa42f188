import Foundation
import Testing

/// End-to-end: the reverse session's model in the real notebook, `watch attention`, and the live panel's
/// heat map read back from tmux (with its colours) after epoch 1 and after epoch 2.
@Suite(.serialized, .enabled(if: TmuxPane.skipReason == nil, "\(TmuxPane.skipReason ?? "")"))
struct AttentionWatchScreenTests {
    /// The statements of sessions/attention-reverse.grad up to its `watch` line.
    static func setupLines() throws -> [String] {
        let file = TmuxPane.root.appendingPathComponent("sessions/attention-reverse.grad")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let statements = lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let watch = statements.firstIndex { $0.hasPrefix("watch attention ") } ?? statements.count - 1
        return Array(statements.prefix(through: watch))
    }

    @Test func theLivePanelHeatMapChangesBetweenTwoEpochs() throws {
        let setup = try Self.setupLines()
        #expect(setup.contains("positional learned"))
        #expect(setup.last?.hasPrefix("watch attention multi_head_attention_1 head=all") == true)
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        for line in setup {
            pane.type(line)
            pane.keys("Enter")
            try pane.waitUntil("`\(line)` run") { lines in
                lines.contains { $0.hasSuffix("❯ " + line) } && Self.idle(lines)
            }
        }
        try pane.waitFor("watching multi_head_attention_1")
        #expect(!pane.capture().joined().contains("error"))

        pane.type("train 1")
        pane.keys("Enter")
        try pane.waitUntil("epoch 1 trained", seconds: 60) { Self.idle($0, epochs: 1) }
        pane.keys("F2")
        let first = try heatMap(pane, stamp: "epoch 1, batch 16/16: ")

        pane.type("train 1")
        pane.keys("Enter")
        try pane.waitUntil("epoch 2 trained", seconds: 60) { Self.idle($0, epochs: 2) }
        let second = try heatMap(pane, stamp: "epoch 2, batch 16/16: ")

        #expect(first.text.count == 11)
        #expect(first.text[0].hasPrefix("head 0"))
        #expect(first.text[10].hasPrefix("max q"))
        #expect(first.cells != second.cells, "the heat map did not change:\n\(second.text.joined(separator: "\n"))")
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
    }

    /// The status bar shows the idle keys (training shows its own), and the epochs trained when given.
    static func idle(_ lines: [String], epochs: Int? = nil) -> Bool {
        guard let bar = lines.last, bar.contains("F1 help") else { return false }
        return epochs.map { bar.contains("  epoch \($0)  ") } ?? true
    }

    /// The live panel's heat map under the title `stamp` (waited for): caption, key labels, 8 query rows and
    /// the strongest cell, as text and as cells with their colours.
    func heatMap(_ pane: TmuxPane, stamp: String) throws -> (text: [String], cells: [[String]]) {
        try pane.waitUntil("the heat map taken at \(stamp)") { lines in lines.contains { $0.contains(stamp) } }
        let plain = pane.capture()
        let coloured = pane.run(["capture-pane", "-p", "-e", "-t", pane.name]).split(separator: "\n", omittingEmptySubsequences: false)
        let top = try #require(plain.firstIndex { $0.contains(stamp) })
        let captions = plain[top + 1]
        let x = try #require(captions.range(of: "head 0")).lowerBound
        let next = try #require(captions.range(of: "head 1")).lowerBound
        let column = captions.distance(from: captions.startIndex, to: x)
        let width = 2 * captions.distance(from: x, to: next) - 2
        let rows = (top + 1)...(top + 11)
        let text = rows.map { String(Array(plain[$0]).dropFirst(column).prefix(width)) }
        let cells = rows.map { Array(Self.styledCells(String(coloured[$0])).dropFirst(column).prefix(width)) }
        return (text, cells)
    }

    /// One entry per screen column: its character with the foreground and background colour it is drawn
    /// in (from tmux's `capture-pane -e` SGR sequences), so a change of colour alone shows.
    static func styledCells(_ line: String) -> [String] {
        var cells: [String] = []
        var foreground = ""
        var background = ""
        var characters = line.makeIterator()
        while let c = characters.next() {
            guard c == "\u{1B}" else {
                cells.append("\(foreground)/\(background)/\(c)")
                continue
            }
            var sequence = ""
            while let s = characters.next() {
                if s.isLetter {
                    sequence.append(s)
                    break
                }
                sequence.append(s)
            }
            guard sequence.hasPrefix("["), sequence.hasSuffix("m") else { continue }
            var parameters = sequence.dropFirst().dropLast().split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
            while let p = parameters.popFirst() {
                switch p {
                case 0:
                    foreground = ""
                    background = ""
                case 38, 48:
                    let count = parameters.first == 5 ? 2 : 4
                    let colour = parameters.prefix(count).map(String.init).joined(separator: ":")
                    parameters = parameters.dropFirst(count)
                    if p == 38 { foreground = colour } else { background = colour }
                case 39: foreground = ""
                case 49: background = ""
                case 30...37, 90...97: foreground = "\(p)"
                case 40...47, 100...107: background = "\(p)"
                default: break
                }
            }
        }
        return cells
    }
}
