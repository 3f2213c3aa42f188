import Foundation
import Testing

/// End-to-end: the playground's two-layer spiral model in the real notebook, `watch boundary`, and the live
/// panel's boundary read back from tmux (with its colours) after epoch 1 and after epoch 40.
@Suite(.serialized, .enabled(if: TmuxPane.skipReason == nil, "\(TmuxPane.skipReason ?? "")"))
struct BoundaryWatchScreenTests {
    static let setup = [
        "seed 1", "load points spiral count=500", "model", "dense 16 tanh init=he_uniform", "dense 16 tanh init=he_uniform",
        "dense 2 softmax", "compile optimizer=adam lr=0.01", "watch boundary every=8",
    ]

    @Test func theLivePanelBoundaryChangesAsTheModelTrains() throws {
        let pane = try TmuxPane(width: 120, height: 40, environment: ["NO_COLOR": ""])
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        try pane.enter(Self.setup)
        try pane.waitFor("watching the decision boundary")
        #expect(!pane.capture().joined().contains("error"))

        pane.type("train 1")
        pane.keys("Enter")
        try pane.waitUntil("epoch 1 trained", seconds: 60) { AttentionWatchScreenTests.idle($0, epochs: 1) }
        pane.keys("F2")
        let first = try picture(pane, stamp: "epoch 1, batch 16/16:")

        pane.type("train 39")
        pane.keys("Enter")
        try pane.waitUntil("epoch 40 trained", seconds: 120) { AttentionWatchScreenTests.idle($0, epochs: 40) }
        let later = try picture(pane, stamp: "epoch 40, batch 16/16:")

        // Half blocks and point marks, in colour; the picture changed as the model learned.
        #expect(first.joined().contains("▀") && first.joined().contains("●"), "\(first)")
        #expect(first != later, "the boundary did not change")
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
    }

    /// The live panel's picture under the title `stamp` (waited for): its rows as cells with their colours.
    func picture(_ pane: TmuxPane, stamp: String) throws -> [String] {
        try pane.waitUntil("the boundary drawn at \(stamp)") { lines in lines.contains { $0.contains(stamp) } }
        let plain = pane.capture()
        let coloured = pane.run(["capture-pane", "-p", "-e", "-t", pane.name]).split(separator: "\n", omittingEmptySubsequences: false)
        let top = try #require(plain.lastIndex { $0.contains(stamp) }, "the live panel is under the cells")
        let line = plain[top]
        let column = line.distance(from: line.startIndex, to: try #require(line.range(of: "epoch ")).lowerBound)
        let rows = (top + 1)..<min(plain.count, top + 12)
        return rows.map { AttentionWatchScreenTests.styledCells(String(coloured[$0])).dropFirst(column).joined() }
    }
}
