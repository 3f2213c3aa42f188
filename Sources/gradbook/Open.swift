import ArgumentParser
import Foundation
import Notebook
import TerminalUI

/// `gradbook open FILE`: the notebook with a session file's cells, not yet run.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a session file as a notebook whose cells are not yet run.",
        discussion: "One cell per command line; comment lines directly above a command explain it. "
            + "Ctrl-N runs the next cell.")

    @Argument(help: "A .grad session file.") var file: String

    func run() throws {
        let text = try readSessionFile(file)
        try Self.notebook(lesson: Lesson(file: file, text: text))
    }

    /// Runs the full-screen notebook; refuses when standard input or output is not a terminal.
    static func notebook(lesson: Lesson?) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError("gradbook: the notebook needs a terminal - use `gradbook run FILE` for a headless run")
            throw ExitCode(1)
        }
        let environment = ProcessInfo.processInfo.environment
        let status = MainActor.assumeIsolated {
            NotebookScreen.run(lesson: lesson, environment: environment)
        }
        if status != 0 {
            throw ExitCode(status)
        }
    }
}
