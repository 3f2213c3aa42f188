import ArgumentParser
import Foundation
import Canvas
import Notebook

/// `gradbook run FILE`: executes a session file (or standard input with `-`) and prints a plain transcript.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a session file headless and print its transcript.",
        discussion: "Stops at the first error with exit status 1 unless --keep-going is given.")

    @Argument(help: "A .grad session file, or - for standard input.") var file: String
    @Flag(help: "Report errors and go on with the next line.") var keepGoing = false
    @Option(help: "Run at most this many epochs per `step`/`train` (quick replays).") var epochsMax: Int?
    @Option(help: "Load at most this many training images per data set.") var subset: Int?
    @Flag(help: "Draw with ASCII characters only.") var ascii = false
    @Option(help: "Columns to render for (default: the terminal's, or 80).") var width: Int?
    @Flag(help: "Do not echo each command before its output.") var quiet = false

    func validate() throws {
        if let e = epochsMax, e < 1 { throw ValidationError("--epochs-max must be at least 1") }
        if let s = subset, s < 1 { throw ValidationError("--subset must be at least 1") }
        if let w = width, w < 20 { throw ValidationError("--width must be at least 20") }
    }

    func run() throws {
        let source: String
        let name = file == "-" ? "<stdin>" : file
        if file == "-" {
            source = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                let why = FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file"
                printError("gradbook: cannot read '\(file)': \(why)")
                throw ExitCode(1)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                printError("gradbook: '\(file)' is not UTF-8 text")
                throw ExitCode(1)
            }
            source = text
        }
        let env = ProcessInfo.processInfo.environment
        let tty = isatty(STDOUT_FILENO) == 1
        let options = RenderOptions.forTerminal(isTTY: tty, noColor: noColorRequested(environment: env),
                                                utf8: localeIsUTF8(environment: env), forceASCII: ascii)
        let columns = width ?? (tty ? terminalColumns() : nil) ?? 80
        let transcript = Transcript(sink: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
                                    options: options, width: columns, isTerminal: tty)
        let interpreter = Interpreter()
        interpreter.epochsMax = epochsMax
        interpreter.subsetMax = subset
        interpreter.emit = { transcript.emit($0) }
        var failures = 0
        for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = String(line)
            do {
                switch Parser.parseLine(text, lineNumber: i + 1) {
                case .failure(let d):
                    if !quiet { transcript.echo(source: text.trimmingCharacters(in: .whitespaces), location: "\(name):\(i + 1)") }
                    throw d
                case .success(nil): continue
                case .success(let statement?):
                    if !quiet { transcript.echo(source: statement.source, location: "\(name):\(i + 1)") }
                    for block in try interpreter.execute(statement) { transcript.emit(block) }
                }
            } catch {
                failures += 1
                let message = (error as? Diagnostic)?.rendered(file: name) ?? (error as? NotebookError)?.rendered(file: name) ?? "\(name):\(i + 1): error: \(error)"
                transcript.emit(.text(message, style: .error))
                if !keepGoing { transcript.finish(); throw ExitCode(1) }
            }
            if interpreter.quitRequested { break }
        }
        transcript.finish()
        if failures > 0 { throw ExitCode(1) }
    }
}

func printError(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// The terminal's width, when stdout is one.
func terminalColumns() -> Int? {
    var w = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 else { return nil }
    return Int(w.ws_col)
}
