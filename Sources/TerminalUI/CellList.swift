import Notebook

/// The notebook's cells in order, with the edits the screen makes to them: add, insert, remove, move,
/// rewrite, and the plan for running them again. Pure: running is the screen's (through the
/// `SessionRunner`), and ``source`` is what it publishes for `save notebook`.
public struct CellList: RandomAccessCollection, MutableCollection, Sendable, Equatable {
    public private(set) var cells: [NotebookCell] = []
    /// The id the next cell gets (ids are never reused, so a cell's events find it after any edit).
    private var nextID = 1

    public init() {}

    /// Cells for a lesson's (or saved notebook's) entries, not yet run.
    public init(_ entries: [NotebookSource.Cell]) {
        cells = entries.enumerated().map { offset, entry in
            NotebookCell(id: offset + 1, source: entry.text, state: entry.kind == .note ? .note : .notRun, attached: entry.attached)
        }
        nextID = cells.count + 1
        settleNotes()
    }

    public var startIndex: Int { cells.startIndex }
    public var endIndex: Int { cells.endIndex }
    public subscript(position: Int) -> NotebookCell {
        get { cells[position] }
        set { cells[position] = newValue }
    }

    /// Adds a cell at the end; returns its index.
    @discardableResult public mutating func add(_ state: NotebookCell.State, source: String, attached: Bool = false) -> Int {
        insert(state, source: source, attached: attached, at: cells.count)
    }

    /// Inserts a cell at `index` (clamped to the list); returns where it went.
    @discardableResult public mutating func insert(_ state: NotebookCell.State, source: String, attached: Bool = false, at index: Int) -> Int {
        let at = Swift.min(Swift.max(0, index), cells.count)
        cells.insert(NotebookCell(id: nextID, source: source, state: state, attached: attached), at: at)
        nextID += 1
        settleNotes()
        return at
    }

    /// Removes and returns the cell at `index`.
    @discardableResult public mutating func remove(at index: Int) -> NotebookCell {
        defer { settleNotes() }
        return cells.remove(at: index)
    }

    /// Moves the cell at `index` by `offset` places (negative: up), as far as the ends allow; returns its
    /// new index.
    @discardableResult public mutating func move(at index: Int, by offset: Int) -> Int {
        let target = Swift.min(Swift.max(0, index + offset), cells.count - 1)
        guard target != index, cells.indices.contains(index) else { return index }
        let cell = cells.remove(at: index)
        cells.insert(cell, at: target)
        cells[target].touch()
        settleNotes()
        return target
    }

    /// A note stays attached only while a command follows it (moved away, it gets its blank row back).
    private mutating func settleNotes() {
        for index in cells.indices where cells[index].attached {
            if !(cells.indices.contains(index + 1) && cells[index + 1].isCommand) {
                cells[index].attached = false
                cells[index].touch()
            }
        }
    }

    /// Replaces the text of the cell at `index` (``NotebookCell/rewrite(_:)``: `#` lines make a note).
    public mutating func rewrite(at index: Int, _ text: String) {
        cells[index].rewrite(text)
        settleNotes()
    }

    /// The index of the cell with `id`.
    public func index(of id: Int) -> Int? { cells.firstIndex { $0.id == id } }

    /// The cells as source text, in order (what `save notebook` writes).
    public var source: NotebookSource { NotebookSource(cells: cells.map(\.sourceCell)) }

    /// The first command cell not run yet (a lesson's next cell, Ctrl-N).
    public var nextToRun: Int? { cells.firstIndex { $0.state == .notRun } }

    /// The cells to run, in order, after a fresh session, so that the session ends as running the
    /// command cells from the first to the last in order would leave it, with cell `index` and every
    /// command cell after it run (and shown) again ("run from here"; `restart` is the plan from 0):
    ///
    /// - above `index`: only the cells whose command can change the session (data, models, settings,
    ///   training, display: every effect but `pure`, `readsSession`, `writesFiles` and `borrowsModel`).
    ///   The others change nothing by their effect's contract, so leaving them out gives the same
    ///   state, and randomness comes from the session seed, never from a stream an earlier command moved.
    ///   A line that does not parse changes nothing either and is left out.
    /// - from `index` on: every command cell (each shows its output again).
    /// - `quit` is never in a plan.
    public func replayPlan(from index: Int) -> [Int] {
        cells.indices.compactMap { position in
            let cell = cells[position]
            guard cell.isCommand else { return nil }
            let statement: Statement?
            if case .success(let parsed) = Parser.parseLine(cell.source) {
                statement = parsed
            } else {
                statement = nil
            }
            if statement?.command is Quit {
                return nil
            }
            if position >= index {
                return cell.id
            }
            guard let effect = statement?.effect else { return nil }
            return Self.changesState(effect) ? cell.id : nil
        }
    }

    /// True when a command of this effect can change what later commands see.
    static func changesState(_ effect: CommandEffect) -> Bool {
        switch effect {
        case .pure, .readsSession, .writesFiles, .borrowsModel: false
        case .changesDisplay, .changesSession, .changesModel, .runsLines: true
        }
    }
}
