import Foundation
import Notebook

/// A prepared session opened with `gradbook open FILE`: one cell per command line, shown before it
/// runs. Comment lines directly above a command are its explanation; a block of comments followed by
/// a blank line is a note of its own.
public struct Lesson: Sendable, Equatable {
    /// One cell of the lesson.
    public struct Entry: Sendable, Equatable {
        /// The command line as written (nil for a note).
        public var source: String?
        /// The comment lines above it, without `#`.
        public var explanation: [String]
        /// The line number of the command (of the first comment for a note), 1-based.
        public var line: Int
        public init(source: String?, explanation: [String], line: Int) {
            self.source = source
            self.explanation = explanation
            self.line = line
        }
    }

    /// The file's name, for error locations.
    public var file: String
    public var entries: [Entry]

    /// Splits `text` into entries.
    public init(file: String, text: String) {
        self.file = file
        var entries: [Entry] = []
        var comments: [String] = []
        var commentLine = 0
        for (offset, raw) in SourceLines.split(text).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                if !comments.isEmpty {
                    entries.append(Entry(source: nil, explanation: comments, line: commentLine))
                    comments = []
                }
            } else if line.hasPrefix("#") {
                if comments.isEmpty {
                    commentLine = offset + 1
                }
                comments.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces))
            } else {
                entries.append(Entry(source: raw.trimmingCharacters(in: .whitespaces), explanation: comments, line: offset + 1))
                comments = []
            }
        }
        if !comments.isEmpty {
            entries.append(Entry(source: nil, explanation: comments, line: commentLine))
        }
        self.entries = entries
    }

    /// Commands in the lesson.
    public var commandCount: Int { entries.count { $0.source != nil } }
}
