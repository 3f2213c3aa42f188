import ArgumentParser
import Foundation
import Canvas
import Notebook

/// `gradbook run FILE`: executes a session file (or standard input with `-`) and prints a plain transcript.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a session file headless and print its transcript.",
        discussion: "Stops at the first error with exit status 1 unless --keep-going is given. "
            + "When every line ran but an `expect` line did not hold, the exit status is 2. "
            + "With -, each line of standard input runs as soon as it is read.")

    @Argument(help: "A .grad session file, or - for standard input.") var file: String
    @Flag(help: "Report errors and go on with the next line.") var keepGoing = false
    @Option(help: "Run at most this many epochs per `step`/`train` (quick replays; 1...1000000).") var epochsMax: Int?
    @Option(help: "Load at most this many training images per data set (1...100000000).") var subset: Int?
    @Flag(help: "Draw with ASCII characters only.") var ascii = false
    @Option(help: "Columns to render for (20...1000; default: the terminal's, or 80).") var width: Int?
    @Flag(help: "Do not echo each command before its output.") var quiet = false

    func validate() throws {
        if let e = epochsMax, !(1...1_000_000).contains(e) { throw ValidationError("--epochs-max must be in 1...1000000") }
        if let s = subset, !(1...100_000_000).contains(s) { throw ValidationError("--subset must be in 1...100000000") }
        if let w = width, !(20...1000).contains(w) { throw ValidationError("--width must be in 20...1000") }
    }

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let tty = isatty(STDOUT_FILENO) == 1
        let options = RenderOptions.forTerminal(isTTY: tty, noColor: noColorRequested(environment: env),
                                                utf8: localeIsUTF8(environment: env), forceASCII: ascii)
        let columns = width ?? (tty ? terminalColumns() : nil) ?? 80
        let transcript = Transcript(sink: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
                                    options: options, width: columns, isTerminal: tty)
        let runner = SessionRunner(options: .init(epochsMax: epochsMax, subsetMax: subset))
        let headless = HeadlessRun(runner: runner, transcript: transcript)
        headless.echo = !quiet
        headless.keepGoing = keepGoing
        // Each error on one line on stderr too, unless stderr and stdout are both the terminal (shown once there).
        if !(tty && isatty(STDERR_FILENO) == 1) { headless.errorLine = { printError($0) } }
        let outcome: RunOutcome
        if file == "-" {
            outcome = headless.run(descriptor: STDIN_FILENO, file: "<stdin>")
        } else {
            outcome = headless.run(source: try readSessionFile(file), file: file)
        }
        if outcome.failures > 0 { throw ExitCode(1) }
        if outcome.expectations.failed > 0 {
            // The transcript ends with the count; stderr says it too when it is not the same terminal.
            if !(tty && isatty(STDERR_FILENO) == 1) { printError("gradbook: \(file): \(outcome.expectations.summary)") }
            throw ExitCode(2)
        }
    }
}

/// The text of a session file (`run`, `open`), or a message on stderr and exit status 1.
func readSessionFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        let why = FileManager.default.fileExists(atPath: path) ? "permission denied, or it is a folder" : "no such file"
        printError("gradbook: cannot read '\(path)': \(why)")
        throw ExitCode(1)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        printError("gradbook: '\(path)' is not UTF-8 text - save it as UTF-8")
        throw ExitCode(1)
    }
    return text
}

func printError(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// The terminal's width, when stdout is one.
func terminalColumns() -> Int? {
    var w = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 else { return nil }
    return Int(w.ws_col)
}
