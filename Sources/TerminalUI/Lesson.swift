import Foundation
import Notebook

/// A session file opened with `gradbook open FILE` (a lesson, or a notebook written by `save notebook`):
/// one cell per command line and one note per block of comment lines (``NotebookSource``), shown before
/// anything runs.
public struct Lesson: Sendable, Equatable {
    /// The file's name, for error locations and the opening message.
    public var file: String
    public var cells: [NotebookSource.Cell]

    /// Splits `text` into cells.
    public init(file: String, text: String) {
        self.file = file
        cells = NotebookSource(parsing: text).cells
    }

    /// Commands in the lesson.
    public var commandCount: Int { cells.count { $0.kind == .command } }
}
