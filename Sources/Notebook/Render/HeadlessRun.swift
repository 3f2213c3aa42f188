#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The headless front end (`gradbook run FILE`, `gradbook run -`): sends source to a `SessionRunner`
/// and writes each event to a `Transcript` as it arrives, on the calling thread.
public final class HeadlessRun {
    public let runner: SessionRunner
    public let transcript: Transcript
    /// Echo each command (`>>> conv2d 32 3 relu`) before its output.
    public var echo = true
    /// Report each failing line and go on; otherwise stop at the first failure.
    public var keepGoing = false
    /// Also receives each error as one unwrapped line (`FILE:LINE:COLUMN: error: MESSAGE - HINT`), for
    /// standard error: the transcript wraps it to the width like any output.
    public var errorLine: ((String) -> Void)?

    public init(runner: SessionRunner, transcript: Transcript) {
        self.runner = runner
        self.transcript = transcript
    }

    /// Runs a whole session text. Returns how it ended.
    public func run(source: String, file: String) -> RunOutcome {
        let outcome = show(runner.submit(RunRequest(source: source, file: file, keepGoing: keepGoing)))
        sumUp(outcome)
        return outcome
    }

    /// Reads `descriptor` (standard input) and runs each line as soon as it is complete, answering it
    /// before the next line is read, so a pipe or a person typing sees every answer at once.
    public func run(descriptor: Int32, file: String) -> RunOutcome {
        var splitter = LineSplitter()
        var total = RunOutcome()
        var lineNumber = 1
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        reading: while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR {
                continue
            }
            let lines = count > 0 ? splitter.feed(buffer[..<count]) : (splitter.finish().map { [$0] } ?? [])
            for line in lines {
                let outcome = show(runner.submit(RunRequest(source: line, file: file, firstLine: lineNumber, keepGoing: keepGoing)))
                lineNumber += 1
                total.commands += outcome.commands
                total.failures += outcome.failures
                total.expectations = total.expectations + outcome.expectations
                if outcome.quitRequested {
                    total.quitRequested = true
                    break reading
                }
                if outcome.failures > 0 && !keepGoing {
                    break reading
                }
            }
            if count <= 0 {
                break
            }
        }
        sumUp(total)
        return total
    }

    /// Ends the transcript; after `expect` lines, with how many held (`3 of 4 expectations held`).
    private func sumUp(_ outcome: RunOutcome) {
        let tally = outcome.expectations
        if tally.total > 0 {
            transcript.emit(.text(tally.summary, style: tally.failed == 0 ? .success : .error))
        }
        transcript.finish()
    }

    /// Writes the events of one request until it finishes.
    private func show(_ handle: RunHandle) -> RunOutcome {
        while true {
            switch handle.next() {
            case .echo(let source, let file, let line):
                if echo {
                    transcript.echo(source: source, location: "\(file ?? "<input>"):\(line)")
                }
            case .block(let block):
                transcript.emit(block)
            case .failure(let report):
                transcript.emit(.text(report.rendered, style: .error))
                errorLine?(report.rendered.split(whereSeparator: \.isNewline).joined(separator: " "))
            case .finished(let outcome):
                return outcome
            }
        }
    }
}
