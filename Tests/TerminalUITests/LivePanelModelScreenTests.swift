import Foundation
import Testing

/// Issue 16, item 3, on the screen: after training `a` for several epochs and then `b`, the panel is
/// headed with `b` and charts only `b`'s batches and epochs.
@Suite(.serialized, .enabled(if: TmuxPane.skipReason == nil, "\(TmuxPane.skipReason ?? "")"))
struct LivePanelModelScreenTests {
    @Test func thePanelShowsOnlyTheModelBeingTrained() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.waitFor("Gradbook notebook")
        try pane.enter([("load shapes count=600 classes=3", "600 training images"),
                        ("a = model", "model 'a'"), ("flatten", "flatten_1"), ("dense 3 softmax", "dense_1"),
                        ("compile metrics=accuracy", "compiled 'a'"), ("train 12", "epoch 12 ("),
                        ("b = model", "model 'b'"), ("flatten", "flatten_1"), ("dense 3 softmax", "dense_1"),
                        ("compile metrics=accuracy", "compiled 'b'"), ("train 2", "epoch 2 (")], seconds: 60)
        try pane.waitUntil("training over") { ($0.last ?? "").contains("F1 help") }
        pane.keys("F2")
        try pane.waitUntil("the live panel on b") { TmuxPane.livePanel($0).first?.hasPrefix("last training 'b'  epoch 2") == true }
        let panel = TmuxPane.livePanel(pane.capture())
        // The x axes end at b's 38 batches and 2 epochs, not a's 228 + 38 batches and 12 + 2 epochs.
        let axis = panel.firstIndex { $0.contains("└") }.map { panel[$0 + 1] } ?? ""
        let labels = axis.split(separator: " ").compactMap { Double($0) }
        #expect(!labels.isEmpty && labels.allSatisfy { $0 <= 38 }, "the panel charts another model's history:\n\(panel.joined(separator: "\n"))")
        pane.keys("C-d")
        try pane.waitFor("GRADBOOK-EXITED 0")
    }
}
