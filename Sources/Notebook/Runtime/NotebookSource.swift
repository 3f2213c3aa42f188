/// The cells of a notebook as text: commands and notes, in order. It is what `save notebook` writes
/// and what `gradbook open` reads back (the notebook screen's cells with their outputs are built on it).
/// Pure.
///
/// The file form is a session file: a command is one line; a note is a block of `#` comment lines.
/// A note written directly above a command (no blank line between) is *attached*: it explains that
/// command and is drawn right above it; any other note is followed by a blank line.
///
/// ```
/// # Shapes, drawn on the fly.        <- note, attached to the command below
/// load shapes count=600
///                                    <- blank lines are not cells
/// # A note on its own.               <- note (a blank line follows it)
///
/// model
/// dense 3 softmax   # a trailing comment stays in its command
/// ```
public struct NotebookSource: Sendable, Equatable {
    /// One cell: a command line or a note.
    public struct Cell: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case command, note
        }
        public var kind: Kind
        /// The command as written (trimmed), or the note's lines joined with "\n", each without its
        /// `#` and the one space after it.
        public var text: String
        /// A note drawn and written directly above the command after it.
        public var attached: Bool
        /// The line of the file it was read from (of a note's first line), 1-based; 0 when typed.
        public var line: Int

        public init(kind: Kind, text: String, attached: Bool = false, line: Int = 0) {
            self.kind = kind
            self.text = text
            self.attached = attached
            self.line = line
        }

        public static func command(_ text: String, line: Int = 0) -> Cell { Cell(kind: .command, text: text, line: line) }
        public static func note(_ text: String, attached: Bool = false, line: Int = 0) -> Cell {
            Cell(kind: .note, text: text, attached: attached, line: line)
        }

        /// A note's lines (one empty line for an empty note).
        public var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    }

    public var cells: [Cell]

    public init(cells: [Cell]) { self.cells = cells }

    /// The cells of session text `text` (any line endings): each command line is a cell, each block of
    /// comment lines a note, attached when a command follows it directly.
    public init(parsing text: String) {
        var builder = Builder()
        for line in SourceLines.split(text) {
            builder.add(line)
        }
        cells = builder.cells
    }

    /// The file form (see the type's description): reading it back with `init(parsing:)` gives the same
    /// cells (their `line`s aside). Ends with a newline; empty for no cells.
    public var text: String {
        var lines: [String] = []
        for (index, cell) in cells.enumerated() {
            switch cell.kind {
            case .command:
                lines.append(cell.text.split(whereSeparator: \.isNewline).joined(separator: " "))
            case .note:
                if let last = lines.last, !last.isEmpty {
                    lines.append("")
                }
                lines += cell.lines.map(Self.commentLine)
                let next = cells.indices.contains(index + 1) ? cells[index + 1] : nil
                if !(cell.attached && next?.kind == .command) {
                    lines.append("")
                }
            }
        }
        while lines.last == "" {
            lines.removeLast()
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Commands among the cells.
    public var commandCount: Int { cells.count { $0.kind == .command } }

    /// A note's line as a comment: `# text`, `#` for an empty line, and a line that starts with `#`
    /// (a heading, `# Title` from `## Title`) gets only the one `#` back.
    public static func commentLine(_ line: String) -> String {
        if line.isEmpty { return "#" }
        return line.hasPrefix("#") ? "#" + line : "# " + line
    }

    /// A comment line's text: without the `#` and one space after it.
    public static func noteText(ofComment line: String) -> String {
        var rest = line.dropFirst()
        if rest.first == " " {
            rest = rest.dropFirst()
        }
        return String(rest)
    }

    /// Builds cells from lines as they come (a whole file, or the lines a headless run reaches).
    public struct Builder: Sendable, Equatable {
        private var done: [Cell] = []
        private var comments: [String] = []
        private var commentLine = 0
        private var lineNumber = 0

        public init() {}

        /// Adds one line (without its terminator).
        public mutating func add(_ raw: String) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flushNote(attached: false)
            } else if line.hasPrefix("#") {
                if comments.isEmpty {
                    commentLine = lineNumber
                }
                comments.append(Self.trailingSpaceless(NotebookSource.noteText(ofComment: line)))
            } else {
                flushNote(attached: true)
                done.append(.command(line, line: lineNumber))
            }
        }

        /// The cells so far; comments not yet closed by a blank line or a command are a note.
        public var cells: [Cell] {
            comments.isEmpty ? done : done + [.note(comments.joined(separator: "\n"), line: commentLine)]
        }

        private mutating func flushNote(attached: Bool) {
            guard !comments.isEmpty else { return }
            done.append(.note(comments.joined(separator: "\n"), attached: attached, line: commentLine))
            comments = []
        }

        private static func trailingSpaceless(_ text: String) -> String {
            var text = text
            while text.last == " " || text.last == "\t" {
                text.removeLast()
            }
            return text
        }
    }
}
