// Issue 16 item 8: `watch attention` numbers its frames as the progress line does, keeps a bounded history
// of them per model, and `show attention history` replays it.

import Canvas
import Foundation
@testable import Notebook
import Testing

@Suite struct AttentionHistoryTests {
    /// Sequences in batches of 16: 4 batches an epoch.
    static let setup = InterpreterAttentionViewTests.setup

    /// A view stamped at `epoch`, `batch` of 4 (weights irrelevant here).
    static func view(_ epoch: Int, _ batch: Int) -> AttentionView {
        AttentionView(title: "t", captions: ["head 0"], weights: [[[1]]], queryLabels: ["0"], keyLabels: ["0"],
                      epoch: epoch, batch: batch, batches: 4)
    }

    @Test func framesAreNumberedAsTheProgressLineNumbersThem() throws {
        let interpreter = Interpreter()
        interpreter.livePanel = true
        runLines(interpreter, Self.setup)
        runLines(interpreter, ["watch attention 2 every=2"])
        var progress: [String] = []
        interpreter.emit = { block in
            if case .progress(let p) = block { progress.append("epoch \(p.label.split(separator: " ")[1]), batch \(p.done ?? 0)/\(p.total ?? 0)") }
        }
        runLines(interpreter, ["train 2"])
        let model = try #require(interpreter.session.currentModel)
        let frames = try #require(interpreter.session.attentionFrames[model]).frames.map(\.view.when)
        // The redraw after batch 4 and the epoch end's are one frame (same batch); epochs count from 1.
        #expect(frames == ["before training", "epoch 1, batch 2/4", "epoch 1, batch 4/4", "epoch 2, batch 2/4", "epoch 2, batch 4/4"])
        // Every label but the first is one the progress line showed.
        #expect(frames.dropFirst().allSatisfy { progress.contains($0) }, "\(frames) \(progress)")
    }

    @Test func theHistoryIsBoundedAndSpansTheWholeWatch() {
        var history = AttentionFrames()
        for i in 0..<1000 { history.add(Self.view(i / 4 + 1, i % 4 + 1)) }
        let drawings = history.frames.map(\.drawing)
        #expect(history.drawings == 1000)
        #expect(history.frames.count <= AttentionFrames.capacity)
        #expect(history.frames.count > AttentionFrames.capacity / 2)
        #expect(drawings.first == 0, "the first drawing is kept")
        #expect(drawings.last == 999, "the latest is kept")
        // Evenly spread: every gap but the last is the spacing.
        let gaps = zip(drawings, drawings.dropFirst()).map { $1 - $0 }
        #expect(gaps.dropLast().allSatisfy { $0 == history.spacing }, "\(gaps)")
        #expect(history.spacing == 32)
        // A redraw at the same batch replaces the frame before it.
        var same = AttentionFrames()
        same.add(Self.view(1, 4))
        same.add(Self.view(1, 4))
        #expect(same.frames.count == 1 && same.drawings == 1)
    }

    @Test func pickChoosesEvenlyOrEveryK() {
        let all = AttentionHistoryChoice(frames: nil, every: nil)
        #expect(all.pick(from: 5) == [0, 1, 2, 3, 4])
        let three = AttentionHistoryChoice(frames: Located(3, range: SourceRange(at: SourceLocation(line: 1, column: 1)), text: "3"), every: nil)
        #expect(three.pick(from: 11) == [0, 5, 10])
        #expect(three.pick(from: 2) == [0, 1])
        let everyFour = AttentionHistoryChoice(frames: nil, every: Located(4, range: SourceRange(at: SourceLocation(line: 1, column: 1)), text: "4"))
        #expect(everyFour.pick(from: 10) == [0, 4, 8, 9])
        #expect(all.pick(from: 0) == [])
    }

    /// Golden-style: the headless output of `show attention history` after a watched `train 3`: the count
    /// line, then each kept frame, oldest first, titled with when it was drawn, each a whole heat map.
    @Test func showAttentionHistoryReplaysTheFramesInOrder() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        runLines(interpreter, ["watch attention multi_head_attention_1 head=all sample=1", "train 3"])
        let capture = TranscriptCapture(interpreter: interpreter)
        #expect(capture.run("show attention history") == 0)
        let lines = capture.output.split(separator: "\n").map(String.init)
        let drawn = lines.filter { $0.contains(": multi_head_attention_1, every head, test #1") }
        #expect(lines.contains("model: 4 heat maps drawn, all 4 kept; showing 4, oldest first"), "\(lines.prefix(3))")
        #expect(drawn.map { String($0.prefix { $0 != ":" }) } == ["before training", "epoch 1, batch 4/4", "epoch 2, batch 4/4", "epoch 3, batch 4/4"])
        #expect(lines.filter { $0.hasPrefix("head 0") && $0.contains("head 1") }.count == 4, "one heat map of both heads per frame")
        #expect(lines.filter { $0.contains("max q") }.count == 4)

        // frames=2: the first and the latest; every=2: the 1st, 3rd and the latest.
        let two = try interpreter.execute(line: "show attention history frames=2")
        #expect(stamps(two) == ["before training", "epoch 3, batch 4/4"])
        let everyOther = try interpreter.execute(line: "show attention history every=2")
        #expect(stamps(everyOther) == ["before training", "epoch 2, batch 4/4", "epoch 3, batch 4/4"])
        // The frames are the maps the watch drew (the latest is what the live panel holds).
        guard case .attention(let latest)? = two.last else { Issue.record("no heat map"); return }
        #expect(latest.panels.map(\.weights) == interpreter.watched.snapshot.view?.weights)
    }

    /// When each heat map block among `blocks` was drawn.
    func stamps(_ blocks: [OutputBlock]) -> [String] {
        blocks.compactMap { if case .attention(let a) = $0 { a.title.map { String($0.prefix { $0 != ":" }) } } else { nil } }
    }

    @Test(arguments: [
        ("show attention history", "<input>:1:1: error: 'model' has no attention history: nothing was watched"),
        ("show attention history head=1", "<input>:1:24: error: option 'head' only applies with a layer"),
        ("show attention history sample=2", "<input>:1:24: error: option 'sample' only applies with a layer"),
        ("show attention multi_head_attention_1 frames=2", "<input>:1:39: error: option 'frames' only applies with show attention history"),
        ("show attention history frames=2 every=3", "<input>:1:24: error: option 'frames' only applies with no every="),
        ("show attention history frames=0", "<input>:1:31: error: "),
        ("show attention history every=49", "<input>:1:30: error: "),
    ])
    func badHistoryLinesSayWhereAndWhat(_ line: String, _ expected: String) {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        let error = failure(interpreter, line)
        #expect(error?.hasPrefix(expected) == true, "\(error ?? "no error")")
    }
}
