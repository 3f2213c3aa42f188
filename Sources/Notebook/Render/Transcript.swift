import Canvas

/// The headless notebook transcript: renders each ``OutputBlock`` as text and
/// hands it to an output sink (stdout for `gradbook run`).
///
/// Progress blocks are transient: on a terminal they redraw one line in place
/// (carriage return and erase-line, no newline); elsewhere they print nothing,
/// because the interpreter also emits a text line per epoch. The next
/// non-progress output first ends the progress line.
///
/// Not thread-safe: use it from one task or thread.
public final class Transcript {
    /// Lays out and renders the blocks.
    public let renderer: BlockRenderer
    /// Whether the output is a terminal (progress redraws in place).
    public let isTerminal: Bool
    private let output: (String) -> Void
    /// A progress line is on screen and not yet ended by a newline.
    public private(set) var progressLineOpen = false
    /// The characters of a stream (`generate`) written so far; nil when no stream is open.
    private var streamWritten: Int?

    /// `ESC[2K`: erase the whole current line.
    public static let eraseLine = "\u{1B}[2K"
    /// Prefix of echoed commands.
    public static let echoPrompt = ">>> "

    /// Creates a transcript writing to `sink`, which receives text exactly as it is
    /// to be written (newlines included; it must not add its own).
    public init(sink: @escaping (String) -> Void, options: RenderOptions, width: Int = 80, isTerminal: Bool) {
        self.output = sink
        self.renderer = BlockRenderer(options: options, width: width)
        self.isTerminal = isTerminal
    }

    /// Writes `block` followed by a newline; progress blocks as described on the type.
    public func emit(_ block: OutputBlock) {
        if case .stream(let stream) = block {
            writeStream(stream)
            return
        }
        if case .progress = block {
            guard isTerminal else { return }
            // One column short of the width so the cursor never sits past the last column.
            let line = renderer.render(block, width: max(1, renderer.width - 1))
            output("\r" + Self.eraseLine + line)
            progressLineOpen = true
            return
        }
        write(renderer.render(block))
    }

    /// Writes the command about to run, as `>>> conv2d 32 3 relu` (dim with colour).
    ///
    /// `location` (e.g. `train.grad:12`) is not printed in the transcript, which reads like a
    /// notebook; it is accepted so callers can pass it uniformly to the TUI later.
    public func echo(source line: String, location: String) {
        let lines = TextWrap.expandTabs(line)
            .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated().map { (index, text) in (index == 0 ? Self.echoPrompt : "... ") + text }
        var grid = Grid(width: max(1, lines.map { TextWidth.of($0) }.max() ?? 1), height: lines.count)
        for (y, text) in lines.enumerated() { grid.put(text, x: 0, y: y, style: .dim) }
        write(renderer.render(grid))
    }

    /// Writes what a stream adds to what is already written (the prompt first), without wrapping, so
    /// the text appears as it is produced; its last block ends the line. A stream that does not continue
    /// the written text (a new one) starts on a line of its own.
    private func writeStream(_ stream: StreamBlock) {
        let whole = stream.prompt + stream.text
        if let written = streamWritten, written > whole.count {
            endStream()
        }
        finishProgress()
        let written = streamWritten ?? 0
        var piece = String(whole.dropFirst(written))
        if renderer.options.color, written == 0, !stream.prompt.isEmpty {
            // The prompt dim (SGR 2, then 22 back to normal intensity), as the notebook shows it.
            piece = "\u{1B}[2m" + stream.prompt + "\u{1B}[22m" + stream.text
        }
        output(piece)
        streamWritten = whole.count
        if stream.done { endStream() }
    }

    private func endStream() {
        if streamWritten != nil { output("\n") }
        streamWritten = nil
    }

    /// Ends an open progress line or stream; call once when the run is over.
    public func finish() {
        endStream()
        finishProgress()
    }

    private func finishProgress() {
        if progressLineOpen {
            output("\n")
            progressLineOpen = false
        }
    }

    private func write(_ text: String) {
        finish()
        output(text + "\n")
    }
}
