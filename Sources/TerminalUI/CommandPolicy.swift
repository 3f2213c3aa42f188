import Notebook

/// What the screen does with a line typed while the worker may be busy. Pure.
///
/// Idle: every line runs. Busy (training): a command whose effect cannot change what is training (it
/// reads the session, writes files or needs nothing: `CommandEffect.mayWaitForTraining`) is queued to run
/// at the next epoch end (`SessionRunner.interject`); `help` is answered at once; a line that does not
/// parse is answered at once with its located error; a command that would change the model, the data
/// or the session while it trains is refused with a message.
public enum CommandPolicy {
    public enum Decision: Sendable, Equatable {
        /// Submit now (the worker is idle).
        case run
        /// Interject; it runs at the next epoch end (or when the current request ends).
        case queue
        /// The line does not parse: show the error now (busy only; idle lines run and report it).
        case invalid(ErrorReport)
        /// Do not submit; say why.
        case refuse(String)
        /// `quit` / `exit`: the screen handles it.
        case quit
        /// `help ...` while busy: answered by the screen at once.
        case help(topic: String?)
    }

    /// The decision for `line` with the worker `busy` or not.
    public static func decide(_ line: String, busy: Bool) -> Decision {
        let statement: Statement
        switch Parser.parseLine(line) {
        case .success(let parsed?):
            statement = parsed
        case .success(nil):
            return .run
        case .failure(let diagnostic):
            return busy ? .invalid(diagnostic.report()) : .run
        }
        if statement.command is Quit {
            return .quit
        }
        guard busy else { return .run }
        if let help = statement.command as? HelpCommand {
            return .help(topic: help.topic?.value)
        }
        if statement.effect.mayWaitForTraining {
            return .queue
        }
        return .refuse("'\(statement.source)' would change the session while training runs - press Ctrl-C (or Esc on an empty line) to stop training first, "
                       + "or wait; inspection commands (summary, stats, show, history, info, help) can be typed now")
    }
}
