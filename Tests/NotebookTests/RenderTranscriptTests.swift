import Canvas
import Notebook
import Testing

private final class Sink {
    var chunks: [String] = []
    var text: String { chunks.joined() }
}

private func transcript(options: RenderOptions = .ascii, width: Int = 60, terminal: Bool) -> (Transcript, Sink) {
    let sink = Sink()
    return (Transcript(sink: { sink.chunks.append($0) }, options: options, width: width, isTerminal: terminal), sink)
}

private let progress = OutputBlock.progress(ProgressBlock(fraction: 0.25, label: "epoch 1/4", suffix: "loss 0.5"))

@Suite struct RenderTranscriptTests {
    @Test func blocksEndWithANewline() {
        let (t, sink) = transcript(terminal: false)
        t.emit(.text("one"))
        t.emit(.text("two\nthree"))
        #expect(sink.text == "one\ntwo\nthree\n")
    }

    @Test func progressPrintsNothingWhenNotATerminal() {
        let (t, sink) = transcript(terminal: false)
        t.emit(progress)
        t.emit(progress)
        t.finish()
        #expect(sink.chunks.isEmpty)
        t.emit(.text("epoch 1: loss 0.5"))
        #expect(sink.text == "epoch 1: loss 0.5\n")
    }

    @Test func progressRedrawsInPlaceOnATerminal() {
        let (t, sink) = transcript(terminal: true)
        t.emit(progress)
        t.emit(progress)
        #expect(sink.chunks.count == 2)
        for chunk in sink.chunks {
            #expect(chunk.hasPrefix("\r\u{1B}[2K"))
            #expect(chunk.contains("epoch 1/4"))
            #expect(!chunk.contains("\n"))
        }
        #expect(t.progressLineOpen)
    }

    @Test func nextBlockEndsTheProgressLine() {
        let (t, sink) = transcript(terminal: true)
        t.emit(progress)
        t.emit(.text("done"))
        #expect(sink.chunks.count == 3)
        #expect(sink.chunks[1] == "\n")
        #expect(sink.chunks[2] == "done\n")
        #expect(!t.progressLineOpen)
        t.emit(.text("again"))
        #expect(sink.chunks.last == "again\n")
        #expect(sink.chunks.count == 4)
    }

    @Test func progressLineLeavesTheLastColumnFree() {
        let (t, sink) = transcript(width: 40, terminal: true)
        t.emit(progress)
        let line = String(sink.text.dropFirst("\r\u{1B}[2K".count))
        #expect(TextWidth.of(line) == 39)
    }

    @Test func finishEndsAnOpenProgressLineOnce() {
        let (t, sink) = transcript(terminal: true)
        t.emit(progress)
        t.finish()
        t.finish()
        #expect(sink.chunks.last == "\n")
        #expect(sink.chunks.count == 2)
    }

    @Test func echoPrintsThePromptPlainAndDim() {
        let (plain, plainSink) = transcript(terminal: false)
        plain.echo(source: "conv2d 32 3 relu", location: "model.gb:3")
        #expect(plainSink.text == ">>> conv2d 32 3 relu\n")

        let (coloured, colouredSink) = transcript(options: .unicode, terminal: true)
        coloured.echo(source: "conv2d 32 3 relu", location: "model.gb:3")
        #expect(colouredSink.text == "\u{1B}[2m>>> conv2d 32 3 relu\u{1B}[0m\n")
    }

    @Test func echoEndsAProgressLineFirst() {
        let (t, sink) = transcript(terminal: true)
        t.emit(progress)
        t.echo(source: "evaluate", location: "x.gb:9")
        #expect(sink.chunks.suffix(2) == ["\n", ">>> evaluate\n"])
    }
}
