import Foundation
import NeuralNet

extension Interpreter {
    /// Writes the notebook's cells (``NotebookCells``) as a session file, without `save notebook` lines.
    func saveNotebook(_ path: Located<String>) throws -> [OutputBlock] {
        let kept = Self.savedCells(notebook.source)
        do { try AtomicFile.write(Data(kept.text.utf8), to: path.value) } catch { throw NotebookError(error, at: path.range) }
        let commands = kept.commandCount
        let notes = kept.cells.count - commands
        return [.text("saved \(commands) command\(commands == 1 ? "" : "s") and \(notes) note\(notes == 1 ? "" : "s") to \(path.value)"
                      + " - reopen with gradbook open \(path.value)", style: .success)]
    }

    /// The cells `save notebook` writes: all but `save notebook` lines (reopened and run, they would write over the file).
    static func savedCells(_ source: NotebookSource) -> NotebookSource {
        NotebookSource(cells: source.cells.filter { cell in
            guard cell.kind == .command, case .success(let statement?) = Parser.parseLine(cell.text) else { return true }
            return !(statement.command is SaveNotebook)
        })
    }
}
