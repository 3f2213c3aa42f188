// `show attention` and `watch attention` on a real MultiHeadAttention model: the block's shape, labels and
// strongest cell, and a watch that redraws the heat map at each epoch end and every N batches.

import Canvas
import Foundation
import NeuralNet
@testable import Notebook
import Testing

@Suite struct InterpreterAttentionViewTests {
    /// An untrained two-head attention model over sequences of 6 tokens of 7.
    static let setup = [
        "seed 2", "load sequences reverse length=6 vocab=7 count=64 test=8", "model input=6",
        "embedding 7 8", "attention 2", "dense 7 softmax",
        "compile loss=sparse_categorical_crossentropy optimizer=adam lr=1e-2 metrics=accuracy",
        "batch 16",
    ]

    /// The panels of the first attention block among `blocks`.
    func panels(_ blocks: [OutputBlock]) -> [AttentionPanel] {
        for block in blocks {
            if case let .attention(attention) = block { return attention.panels }
        }
        return []
    }

    /// The test example `index` as token labels.
    func tokens(_ interpreter: Interpreter, _ index: Int) -> [String] {
        interpreter.session.data?.sequences?.test.input(at: index).map(String.init) ?? []
    }

    @Test func theTitleWrapsWholeWhenNarrow() throws {
        // Issue 16 item 30: `rows are queries, columns…` (at 80 columns with longer layer names; 40 here).
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        let block = try #require(try interpreter.execute(line: "show attention multi_head_attention_1 head=all sample=3").first)
        let text = BlockRenderer(options: .ascii).render(block, width: 40)
        #expect(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("rows are queries, columns keys"), "\(text.prefix(400))")
    }

    @Test func showAttentionDrawsEveryHeadLabelledWithTheTokens() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        let blocks = try interpreter.execute(line: "show attention multi_head_attention_1 head=all sample=3")
        let shown = panels(blocks)
        #expect(shown.map(\.caption) == ["head 0", "head 1"])
        for panel in shown {
            #expect(panel.queries == 6)
            #expect(panel.keys == 6)
            #expect(panel.queryLabels == tokens(interpreter, 3))
            #expect(panel.keyLabels == tokens(interpreter, 3))
            for row in panel.weights {
                #expect(abs(row.reduce(0, +) - 1) < 1e-4)
                #expect(row.allSatisfy { $0 > 0 && $0 < 1 })
            }
        }
        guard case let .attention(block)? = blocks.first else {
            Issue.record("expected an attention block")
            return
        }
        #expect(block.title == "multi_head_attention_1, every head, test #3: rows are queries, columns keys")

        // The transcript names the strongest cell of each head under its matrix.
        let capture = TranscriptCapture(interpreter: interpreter)
        #expect(capture.run("show attention 2 head=1 sample=3") == 0)
        let one = try #require(panels(try interpreter.execute(line: "show attention 2 head=1 sample=3")).first)
        let strongest = try #require(one.strongest)
        #expect(one.weights == shown[1].weights)
        #expect(strongest.weight == one.weights.flatMap { $0 }.max())
        #expect(capture.output.contains(one.strongestDescription(arrow: "->")), "\(capture.output)")
        #expect(capture.output.contains("head 1"))
    }

    @Test func showAttentionIsAnInferencePassThatChangesNothing() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        let first = panels(try interpreter.execute(line: "show attention 2 sample=0 from=train"))
        let again = panels(try interpreter.execute(line: "show attention 2 sample=0 from=train"))
        let other = panels(try interpreter.execute(line: "show attention 2 sample=1 from=train"))
        #expect(first.count == 1)
        #expect(first == again)
        #expect(first.first?.queryLabels == interpreter.session.data?.sequences?.train.input(at: 0).map(String.init))
        #expect(first.first?.weights != other.first?.weights)
    }

    @Test func aHeadlessWatchPrintsTheHeatMapAtEachEpochEndAndItChanges() throws {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        var watched: [AttentionBlock] = []
        let started = runLines(interpreter, ["watch attention multi_head_attention_1 head=all sample=1"])
        #expect(texts(started).first?.hasPrefix("watching multi_head_attention_1: the live panel redraws it at each epoch end") == true)
        let before = try #require(interpreter.watched.snapshot.view)
        #expect(before.epoch == 0)
        interpreter.emit = { block in
            if case let .attention(attention) = block { watched.append(attention) }
        }
        runLines(interpreter, ["train 2"])
        #expect(watched.count == 2)
        #expect(watched.first?.title?.hasPrefix("epoch 1, batch 4/4: ") == true)
        #expect(watched.last?.title?.hasPrefix("epoch 2, batch 4/4: multi_head_attention_1, every head, test #1") == true)
        #expect(watched.allSatisfy { $0.panels.count == 2 && $0.panels[0].queryLabels == tokens(interpreter, 1) })
        // Training moved the weights, so the two epochs' matrices differ, and the live panel holds the latest.
        #expect(watched[0].panels.map(\.weights) != watched[1].panels.map(\.weights))
        #expect(before.weights != watched[0].panels.map(\.weights))
        let after = try #require(interpreter.watched.snapshot.view)
        #expect(after.epoch == 2)
        #expect(after.batch == 4 && after.batches == 4, "64 sequences in batches of 16: 4 batches an epoch, numbered within it")
        #expect(after.weights == watched[1].panels.map(\.weights))

        // A headless transcript prints each epoch's heat map after its epoch line.
        let capture = TranscriptCapture(interpreter: interpreter)
        #expect(capture.run("train 1") == 0)
        let lines = capture.output.split(separator: "\n").map(String.init)
        let epochLine = try #require(lines.firstIndex { $0.hasPrefix("epoch 3 (") })
        let heatMap = try #require(lines.firstIndex { $0.hasPrefix("epoch 3, batch 4/4: multi_head_attention_1") })
        #expect(epochLine < heatMap)
        #expect(lines[heatMap...].contains { $0.contains("max q") })
    }

    @Test func watchEveryNBatchesRefreshesTheLivePanelMidEpoch() throws {
        let interpreter = Interpreter()
        interpreter.livePanel = true
        runLines(interpreter, Self.setup)
        runLines(interpreter, ["watch attention 2 every=2"])
        let watched = interpreter.watched
        var stamps: [Int] = []
        let outer = interpreter.emit
        interpreter.emit = { block in
            if case .progress = block, let view = watched.snapshot.view { stamps.append(view.batch) }
            outer(block)
        }
        runLines(interpreter, ["train 1"])
        // Four batches: the progress of batch b is emitted before the refresh after it, so the panel held
        // the heat map of batch 0 (the watch command), 0, 2 and 2; then batch 4 and the epoch end.
        #expect(stamps == [0, 0, 2, 2])
        #expect(watched.snapshot.view?.batch == 4)

        runLines(interpreter, ["watch off"])
        #expect(watched.snapshot.view == nil)
        var printed = 0
        interpreter.emit = { block in
            if case .attention = block { printed += 1 }
        }
        runLines(interpreter, ["train 1"])
        #expect(printed == 0)
    }

    /// Without a live panel (a headless run) `every=N` computes nothing mid-epoch: the heat map is computed
    /// once per epoch, where it is printed (every=1 once computed it every batch, 9x the epoch's time).
    @Test func aHeadlessWatchComputesTheHeatMapOnlyWhereItIsPrinted() throws {
        let interpreter = Interpreter()
        #expect(!interpreter.livePanel)
        runLines(interpreter, Self.setup)
        runLines(interpreter, ["watch attention 2 every=1"])
        let before = interpreter.watched.snapshot.version
        var printed = 0
        interpreter.emit = { block in
            if case .attention = block { printed += 1 }
        }
        runLines(interpreter, ["train 2"])
        #expect(interpreter.session.modelEntry?.trainer?.batchLosses.count == 8)
        #expect(printed == 2)
        #expect(interpreter.watched.snapshot.version - before == 2, "one computation per epoch end")
        // Numbered as the progress line numbers it: epoch 2 (from 1), batch 4 of its 4.
        #expect(interpreter.watched.snapshot.view?.when == "epoch 2, batch 4/4")
    }

    @Test func theNotebookRunnerHasALivePanelAndAHeadlessOneHasNot() {
        #expect(SessionRunner.Options().livePanel == false)
        let runner = SessionRunner(options: .init(livePanel: true))
        #expect(runner.perform { $0.livePanel })
        #expect(!SessionRunner().perform { $0.livePanel })
    }

    @Test("A front end reads the watched heat map from the runner; `watch off` clears it")
    func theRunnerHandsTheWatchedHeatMapToFrontEnds() {
        let runner = SessionRunner()
        _ = runner.run(RunRequest(source: Self.setup.joined(separator: "\n")))
        #expect(runner.watched.snapshot.view == nil)
        _ = runner.run(RunRequest(source: "watch attention multi_head_attention_1 head=1 sample=2"))
        let watching = runner.watched.snapshot
        #expect(watching.view?.captions == ["head 1"])
        #expect(runner.monitor.snapshot.version == 2, "the monitor saw the load only: the heat map is not training's")
        _ = runner.run(RunRequest(source: "watch off"))
        #expect(runner.watched.snapshot.view == nil)
        #expect(runner.watched.snapshot.version > watching.version)
    }

    @Test func aTransformerIsReadThroughItsAttentionChild() throws {
        let interpreter = Interpreter()
        runLines(interpreter, [
            "seed 2", "load sequences reverse length=6 vocab=7 count=16 test=4", "model input=6",
            "embedding 7 8", "positional learned", "transformer 2 16", "transformer 2 16", "dense 7 softmax",
        ])
        let block = try interpreter.execute(line: "show attention transformer_2 head=1 sample=2")
        guard case let .attention(one)? = block.first else {
            Issue.record("expected an attention block")
            return
        }
        #expect(one.title == "transformer_2.attention, head 1, test #2: rows are queries, columns keys")
        #expect(one.panels.map(\.caption) == ["head 1"])
        #expect(one.panels.first?.queryLabels == tokens(interpreter, 2))
        #expect(!one.compact)

        // The model view: every layer x head, as thumbnails (one head of each layer with head=H).
        #expect(panels(try interpreter.execute(line: "show attention all head=0")).map(\.caption)
                == ["transformer_1.attention h0", "transformer_2.attention h0"])
        #expect(panels(try interpreter.execute(line: "show attention all head=all")).map(\.caption).count == 4)
        let all = try interpreter.execute(line: "show attention all")
        guard case let .attention(model)? = all.first else {
            Issue.record("expected an attention block")
            return
        }
        #expect(model.compact)
        #expect(model.panels.map(\.caption) == [
            "transformer_1.attention h0", "transformer_1.attention h1", "transformer_2.attention h0", "transformer_2.attention h1",
        ])
        // sample=0 by default: the same matrix as the path names for that example.
        let path = panels(try interpreter.execute(line: "show attention transformer_2.attention head=1 sample=0"))
        #expect(model.panels[3].weights == path.first?.weights)
        #expect(model.panels[3].weights != one.panels.first?.weights)
    }

    @Test func aPatchModelsAttentionIsLaidOverThePicturePerHead() throws {
        let interpreter = Interpreter()
        runLines(interpreter, [
            "seed 3", "load shapes count=40 classes=2 size=12", "model input=12x12x1",
            "patches 4 8", "attention 2", "meanpool", "dense 2 softmax",
        ])
        let blocks = try interpreter.execute(line: "show attention multi_head_attention_1 head=all sample=1")
        let overlays = blocks.compactMap { block -> OverlayBlock? in
            if case let .overlay(overlay) = block { return overlay }
            return nil
        }
        #expect(panels(blocks).count == 2)
        #expect(overlays.count == 1)
        #expect(overlays.first?.items.map(\.image.caption) == ["head 0", "head 1"])
        #expect(overlays.first?.items.first?.heat.count == 144)
        #expect(overlays.first?.title?.contains("averaged over queries") == true)
        let one = try interpreter.execute(line: "show attention multi_head_attention_1 head=1 sample=1")
        let single = one.compactMap { block -> OverlayBlock? in
            if case let .overlay(overlay) = block { return overlay }
            return nil
        }
        #expect(single.first?.items.count == 1)
        #expect(single.first?.items.first?.heat == overlays.first?.items.last?.heat)
    }
}

@Test func anEpochTableWithManyMetricsFits80ColumnsWithShortNames() throws {
    let interpreter = Interpreter()
    runLines(interpreter, InterpreterAttentionViewTests.setup.dropLast(2) + [
        "compile loss=sparse_categorical_crossentropy optimizer=adam lr=1e-2 metrics=accuracy,sequence_accuracy",
        "batch 16", "train 1",
    ])
    let blocks = try interpreter.execute(line: "history")
    let text = blocks.map { BlockRenderer(options: .ascii).render($0, width: 78) }.joined(separator: "\n")
    let header = try #require(text.split(separator: "\n").first { $0.contains("epoch") && $0.contains("loss") })
    #expect(header.contains("seq_acc") && header.contains("val_seq_acc") && header.contains("sec"))
    #expect(!header.contains("…") && !header.contains("~"))
    #expect(!header.contains(" lr "), "a rate that never changed is left out when space is short")
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 78 && !$0.contains("…") })
}

@Test(arguments: [(0.0002246, "2.2e-4"), (-3.5e-7, "-3.5e-7"), (2.5e7, "2.5e7"), (0.5, "0.5000"), (0, "0.0000")])
func shortNumbersStayShort(value: Double, text: String) {
    #expect(shortFormat(value) == text)
}
