import Foundation
import Notebook

/// One cell of the notebook: a command as typed (or from a lesson) and what running it produced, or a
/// note (text drawn as prose, never run). A value: the screen keeps them in a ``CellList``.
public struct NotebookCell: Sendable, Equatable, Identifiable {
    public enum State: Sendable, Equatable {
        /// A lesson cell not yet run.
        case notRun
        /// Submitted; waiting behind the command that runs now.
        case queued
        case running
        case done
        /// A line failed (nothing was applied).
        case failed
        /// Ctrl-C stopped it at a batch boundary.
        case stopped
        /// Not submitted: the screen refused it (a model change while training).
        case refused
        /// Text only (a `#` line typed, a lesson's comment block); nothing to run.
        case note
    }

    public let id: Int
    /// The command line, or a note's lines joined with "\n" (without their `#`).
    public var source: String
    /// A note drawn (and saved) directly above the command after it: it explains that command.
    public var attached: Bool
    /// Output blocks in arrival order; at most one progress block, the last.
    public private(set) var blocks: [OutputBlock] = []
    public var state: State
    /// Output hidden; the cell shows its command and a one-line summary.
    public var folded = false
    /// The `expect` lines of its last run that held and failed: the cell is marked held or not met.
    public private(set) var expectations = ExpectationTally()
    /// Bumped on every change, so a rendered copy can be reused until it changes.
    public private(set) var revision = 0

    public init(id: Int, source: String, state: State, attached: Bool = false) {
        self.id = id
        self.source = source
        self.state = state
        self.attached = attached
    }

    /// True for cells that can run (not notes).
    public var isCommand: Bool { state != .note }

    /// The cell as source text, for `save notebook`.
    public var sourceCell: NotebookSource.Cell {
        isCommand ? .command(source) : .note(source, attached: attached)
    }

    /// The text `e` puts on the input line: the command, or the note as `#` lines (joined by "\n").
    public var editText: String {
        isCommand ? source : NotebookSource.Cell.note(source).lines.map(NotebookSource.commentLine).joined(separator: "\n")
    }

    /// Replaces the text (a command's, or a note's when `text` starts with `#`: it becomes a note) and
    /// clears the output; a command is left `notRun`.
    public mutating func rewrite(_ text: String) {
        if text.hasPrefix("#") {
            source = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("#") ? NotebookSource.noteText(ofComment: trimmed) : trimmed
            }.joined(separator: "\n")
            reset(to: .note)
        } else {
            source = text
            attached = false
            reset(to: .notRun)
        }
    }

    /// True while the runner works on it or it waits in the queue.
    public var isActive: Bool { state == .queued || state == .running }

    /// Adds an event of this cell's request. Progress replaces the progress shown before; any other
    /// block ends it (the epoch line sums the epoch up).
    public mutating func receive(_ event: RunEvent) {
        switch event {
        case .echo:
            state = .running
        case .block(let block):
            if case .progress? = blocks.last {
                blocks.removeLast()
            } else if case .stream(let shown)? = blocks.last, !shown.done, case .stream = block {
                blocks.removeLast()
            }
            blocks.append(block)
        case .failure(let report):
            dropProgress()
            blocks.append(.text(report.rendered, style: .error))
            state = .failed
        case .finished(let outcome):
            dropProgress()
            expectations = outcome.expectations
            if outcome.stopped {
                state = .stopped
            } else if outcome.failures > 0 {
                state = .failed
            } else {
                state = .done
            }
        }
        revision += 1
    }

    /// Adds a block produced by the screen itself (help, a refusal).
    public mutating func append(_ block: OutputBlock) {
        blocks.append(block)
        revision += 1
    }

    /// Clears the output before running the cell again.
    public mutating func reset(to state: State) {
        blocks.removeAll()
        expectations = ExpectationTally()
        self.state = state
        revision += 1
    }

    /// Folds or unfolds the output.
    public mutating func toggleFold() {
        folded.toggle()
        revision += 1
    }

    /// Marks the cell changed (its look depends on something outside it, like the selection).
    public mutating func touch() { revision += 1 }

    private mutating func dropProgress() {
        if case .progress? = blocks.last {
            blocks.removeLast()
        }
    }
}
