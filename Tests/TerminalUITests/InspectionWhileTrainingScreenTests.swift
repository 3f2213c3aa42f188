import Foundation
import Testing

/// Issue 16 item 5, end to end in the real notebook: `summary` typed while `train` runs is answered at the
/// next epoch end, in its own cell, while training goes on; the "is queued" note clears once it ran (so Tab
/// lists completions again); a line that does not parse is answered at once.
@Suite(.serialized, .enabled(if: TmuxPane.skipReason == nil, "\(TmuxPane.skipReason ?? "")"))
struct InspectionWhileTrainingScreenTests {
    @Test func summaryTypedDuringTrainingRunsAtTheNextEpochEnd() throws {
        let pane = try TmuxPane(width: 120, height: 50)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        // About a second or more an epoch in a debug build: the note can be seen before the epoch ends.
        try pane.enter([("load shapes count=1000 classes=3", "training images"), ("model", "model 'model'"),
                        ("conv2d 8 3 relu", "conv2d_1"), ("flatten", "flatten_1"), ("dense 3 softmax", "dense_1"),
                        ("compile", "compiled 'model'")])
        pane.type("train 200")
        pane.keys("Enter")
        try pane.waitFor("loss per batch", seconds: 30)

        pane.type("summary")
        pane.keys("Enter")
        try pane.waitFor("'summary' is queued: it runs at the next epoch end", seconds: 10)
        try pane.waitFor("Total params: 16,307", seconds: 60)
        try expectTraining(pane, "when summary answered")
        // The note is gone once the line ran; the completion list shows again on Tab.
        try pane.waitUntil("the queued note cleared", seconds: 10) { !$0.joined().contains("is queued") }
        pane.keys("Tab")
        try pane.waitUntil("the completion list while training") { $0.joined().contains("activation  attention  augment") }
        try expectTraining(pane, "after Tab")

        // A line that does not parse is answered now, with where and what, not queued behind training.
        pane.type("dense dense")
        pane.keys("Enter")
        try pane.waitFor("<input>:1:7: error:", seconds: 10)
        #expect(!pane.capture().joined().contains("'dense dense' is queued"))
        try expectTraining(pane, "after the bad line")

        pane.keys("C-c")
        try pane.waitUntil("training stopped", seconds: 30) { lines in
            let status = lines.last ?? ""
            return status.contains("F1 help") && !status.contains("Ctrl-C stop")
        }
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
    }

    /// Training runs: the status line offers Ctrl-C stop and nothing says it stopped.
    private func expectTraining(_ pane: TmuxPane, _ what: String) throws {
        let screen = pane.capture().joined(separator: "\n")
        #expect(screen.contains("Ctrl-C stop"), "training ended \(what):\n\(screen)")
        #expect(!screen.contains("stopped at a batch boundary"), "training stopped \(what):\n\(screen)")
    }
}
