import Notebook

/// What the screen does with a line typed while the worker may be busy. Pure.
///
/// Idle: every line runs. Busy (training): commands that only read the session (summary, stats,
/// show, help, history, info, charts, evaluation) wait in the runner's queue and run after it; a
/// command that would change the model or the data while it trains is refused with a message.
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

    /// Commands that only read the session, safe to queue behind training.
    public static let readOnly: Set<CommandID> = [
        .help, .info, .showSamples, .summary, .history, .stats, .showWeights, .showFilters, .showActivations,
        .chart, .evaluate, .predict, .confusion, .saveSession, .saveWeights, .showAttention, .showSaliency, .showGradCAM,
    ]

    /// The decision for `line` with the worker `busy` or not.
    public static func decide(_ line: String, busy: Bool) -> Decision {
        guard case .success(let statement?) = Parser.parseLine(line) else {
            return .run
        }
        if statement.commandID == .quit {
            return .quit
        }
        guard busy else { return .run }
        if case .help(let topic) = statement.command {
            return .help(topic: topic?.value)
        }
        if readOnly.contains(statement.commandID) {
            return .queue
        }
        return .refuse("'\(statement.source)' would change the session while training runs - press Ctrl-C (or Esc) to stop training first, "
                       + "or wait; inspection commands (summary, stats, show, history, info, help) can be typed now")
    }
}
