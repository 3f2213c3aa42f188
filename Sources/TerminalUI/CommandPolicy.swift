import Notebook

/// What the screen does with a line typed while the worker may be busy. Pure.
///
/// Idle: every line runs. Busy (training): a command whose effect cannot change what is training (it
/// reads the session, writes files or needs nothing: `CommandEffect.mayWaitForTraining`) waits in the
/// runner's queue and runs after it; `help` is answered at once; a command that would change the model,
/// the data or the session while it trains is refused with a message.
public enum CommandPolicy {
    public enum Decision: Sendable, Equatable {
        /// Submit now (the worker is idle).
        case run
        /// Submit; it runs when the current request ends.
        case queue
        /// Do not submit; say why.
        case refuse(String)
        /// `quit` / `exit`: the screen handles it.
        case quit
        /// `help ...` while busy: answered by the screen at once.
        case help(topic: String?)
    }

    /// The decision for `line` with the worker `busy` or not.
    public static func decide(_ line: String, busy: Bool) -> Decision {
        guard case .success(let statement?) = Parser.parseLine(line) else {
            return .run
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
