import Canvas
import Notebook

/// Changing the cells: edit in place, insert, delete, move, and running them again from a fresh
/// session (`R`: run from here; `restart`: all of them). None of it while a command runs: the cells a
/// run writes into stay where they are, and a replay is never mixed with other lines.
extension NotebookScreen {
    /// The id of the request that is not a cell: the `restart` a replay starts with.
    static let hiddenCell = 0

    /// True while a replay (`R`, `restart`) has cells running or waiting.
    var chainRunning: Bool { chainActive != nil || !chain.isEmpty }

    /// Lines that would change the session wait for training and for a replay alike.
    var locked: Bool { training || chainRunning }

    /// Why `line` is refused while a replay runs and nothing trains (nil while training: the policy says why).
    func replayRefusal(_ line: String) -> String? {
        guard chainRunning, !training else { return nil }
        return "'\(line)' would change the session while the cells run again - wait for them, or Ctrl-C stops them"
    }

    /// True (and says why on the message line) when the cells may not change now.
    func refuseCellChange() -> Bool {
        guard busy else { return false }
        warn("cells cannot be changed while commands run - wait for them, or Ctrl-C stops them")
        return true
    }

    func warn(_ text: String) {
        message = (text, renderer.blocks.options.tint(Style(foreground: .yellow)))
    }

    /// Makes the cells as they are now what `save notebook` writes.
    func publishCells() {
        runner.notebook.publish(cells.source)
    }

    // MARK: - Editing

    /// Puts cell `index`'s text on the input line; Enter puts it back (``commitEdit(_:)``), Esc cancels.
    func beginEdit(_ index: Int, inserted: Bool = false) {
        let cell = cells[index]
        select(nil)
        editing = (cell.id, inserted)
        cells[index].touch()
        editor.replace(with: cell.editText)
        scroll = .cell(cell.id)
        message = (cell.isCommand || inserted
                   ? "editing a cell: Enter runs it (# makes it a note), Esc cancels"
                   : "editing a note: Enter keeps it, Esc cancels; Ctrl-V Enter starts a new line", .dim)
    }

    /// Enter on an edited cell: its new text replaces the old. A command runs at once unless cells above
    /// it have not run yet (a lesson being stepped: it waits its turn); a note is kept. An empty line cancels.
    func commitEdit(_ line: String) {
        guard let edit = editing, let index = cells.index(of: edit.cell) else {
            editing = nil
            return
        }
        // Line breaks typed with Ctrl-V Enter arrive as CR: a note's lines.
        let text = SourceLines.split(line).joined(separator: "\n").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            cancelEdit()
            return
        }
        editing = nil
        message = nil
        if !text.contains("\n") {
            editor.remember(text)
        }
        cells.rewrite(at: index, text.hasPrefix("#") ? text : text.split(whereSeparator: \.isNewline).joined(separator: " "))
        publishCells()
        guard cells[index].isCommand else { return }
        if cells[..<index].contains(where: { $0.state == .notRun }) {
            message = ("the cell waits its turn: cells above it have not run yet (Ctrl-N runs the next)", .dim)
            return
        }
        rerun(index)
        if message == nil, cells[(index + 1)...].contains(where: { $0.isCommand && $0.state != .notRun }) {
            message = ("the cells below ran before this change - R on this cell runs from here", .dim)
        }
    }

    /// Esc (or Ctrl-C, or Ctrl-D) while a cell is edited: the cell stays as it was; a new one goes.
    func cancelEdit() {
        guard let edit = editing else { return }
        editing = nil
        editor.clear()
        if let index = cells.index(of: edit.cell) {
            if edit.inserted {
                cells.remove(at: index)
            } else {
                cells[index].touch()
            }
        }
        message = ("edit cancelled", .dim)
    }

    /// `i` / `a`: a new empty cell above or below the selected one, edited at once.
    func insertCell(below: Bool) {
        guard let index = selected, !refuseCellChange() else { return }
        let at = cells.insert(.notRun, source: "", at: below ? index + 1 : index)
        beginEdit(at, inserted: true)
    }

    // MARK: - Deleting and moving

    /// `d`: asks first; y deletes (``confirmDelete(_:)``).
    func askDelete() {
        guard let index = selected, !refuseCellChange() else { return }
        confirmingDelete = cells[index].id
        let cell = cells[index]
        let what = cell.isCommand ? "'\(cell.source)'" : "this note"
        message = ("delete \(what)? y deletes it, any other key keeps it",
                   renderer.blocks.options.tint(Style(foreground: .yellow, attributes: .bold)))
    }

    func confirmDelete(_ yes: Bool) {
        guard let id = confirmingDelete else { return }
        confirmingDelete = nil
        guard yes, !busy, let index = cells.index(of: id) else {
            message = ("kept", .dim)
            return
        }
        cells.remove(at: index)
        selected = nil
        cellCache[id] = nil
        if !cells.isEmpty {
            select(min(index, cells.count - 1))
        }
        publishCells()
        message = ("cell deleted - what it did stays in the session until R or restart", .dim)
    }

    /// `J` / `K`, Alt-Down / Alt-Up: the selected cell changes places with its neighbour.
    func moveSelected(by offset: Int) {
        guard let index = selected, !refuseCellChange() else { return }
        let target = cells.move(at: index, by: offset)
        guard target != index else { return }
        selected = target
        cells[index].touch()
        scroll = .cell(cells[target].id)
        publishCells()
    }

    // MARK: - Running again

    /// `R` on cell `index`, `restart` from 0: a fresh session, then the cells of ``CellList/replayPlan(from:)``
    /// one after another (Ctrl-C stops the rest, which stay not run).
    func runAgain(from index: Int) {
        guard !refuseCellChange() else { return }
        let plan = cells.replayPlan(from: index)
        for id in plan {
            if let position = cells.index(of: id) {
                cells[position].reset(to: .queued)
            }
        }
        chain = plan
        chainTally = (0, 0)
        publishCells()
        chainActive = Self.hiddenCell
        active.append(Active(cell: Self.hiddenCell, handle: runner.submit(RunRequest(source: "restart"))))
        if let first = plan.first {
            scroll = .cell(first)
        }
        message = ("a fresh session: running \(plan.count) cell\(plan.count == 1 ? "" : "s") again" + renderer.blocks.options.glyphs.ellipsis, .dim)
    }

    /// Submits the next cell of the chain (the one before it has ended, and nothing else runs: the
    /// monitor's last snapshot may still say a `train` above runs, so the policy is told it is idle).
    func advanceChain() {
        while chainActive == nil, !chain.isEmpty {
            let id = chain.removeFirst()
            guard let index = cells.index(of: id) else { continue }
            chainActive = id
            start(index, locked: false)
            if !active.contains(where: { $0.cell == id }) {
                // Answered by the screen itself (nothing was submitted).
                chainEnded(RunOutcome(commands: 1, failures: cells[index].state == .failed ? 1 : 0))
            }
        }
    }

    /// The chain's running cell ended with `outcome`: counts it; a stop ends the chain.
    func chainEnded(_ outcome: RunOutcome) {
        let id = chainActive
        chainActive = nil
        guard id != Self.hiddenCell else {
            if chain.isEmpty {
                message = ("a fresh session (no command cells to run)", .dim)
            }
            return
        }
        chainTally.ran += 1
        chainTally.failed += outcome.failures > 0 ? 1 : 0
        if outcome.stopped {
            cancelChain()
        } else if chain.isEmpty {
            let failed = chainTally.failed == 0 ? "" : ", \(chainTally.failed) failed"
            message = ("ran \(chainTally.ran) cell\(chainTally.ran == 1 ? "" : "s") again from a fresh session\(failed)", .dim)
        }
    }

    /// Ctrl-C during a replay: the cells not reached go back to not run (Ctrl-N runs the next).
    func cancelChain() {
        guard !chain.isEmpty else { return }
        for id in chain {
            if let index = cells.index(of: id) {
                cells[index].reset(to: .notRun)
            }
        }
        message = ("stopped: \(chain.count) cell\(chain.count == 1 ? "" : "s") not run again - Ctrl-N runs the next", .dim)
        chain = []
    }
}
