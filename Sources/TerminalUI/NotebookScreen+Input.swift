import Foundation
import Canvas
import Notebook

/// Keys, typed lines and Ctrl-C.
extension NotebookScreen {
    var keyContext: KeyMap.Context {
        KeyMap.Context(lineEmpty: editor.state.text.isEmpty, hasSelection: selected != nil, hasCells: !cells.isEmpty, busy: busy,
                       hasNextCell: nextCellIndex != nil, confirmingQuit: confirmingQuit,
                       completionOpen: !LineEditor.listedMatches.isEmpty, searching: editor.searching,
                       editing: editing != nil, confirmingDelete: confirmingDelete != nil)
    }

    /// The first lesson cell not yet run.
    var nextCellIndex: Int? { cells.nextToRun }

    func handle(_ key: Key) {
        if var view = help, key != .resize, key != .ctrl("l") {
            help = view.handle(key) ? view : nil
            return
        }
        for action in KeyMap.actions(for: key, in: keyContext) {
            perform(action)
        }
    }

    private func perform(_ action: KeyMap.Action) {
        switch action {
        case .edit(let bytes):
            editor.clearMatches()
            editor.feed(bytes)
        case .selectPrevious:
            moveSelection(by: -1)
        case .selectNext:
            moveSelection(by: 1)
        case .clearSelection:
            select(nil)
        case .runSelected:
            if let index = selected {
                select(nil)
                rerun(index)
            }
        case .editSelected:
            if let index = selected, !refuseCellChange() {
                beginEdit(index)
            }
        case .foldSelected:
            if let index = selected {
                cells[index].toggleFold()
            }
        case .deleteSelected:
            askDelete()
        case .confirmDelete(let yes):
            confirmDelete(yes)
        case .insertAbove, .insertBelow:
            insertCell(below: action == .insertBelow)
        case .moveSelected(let offset):
            moveSelected(by: offset)
        case .runFromSelected:
            if let index = selected, !refuseCellChange() {
                select(nil)
                runAgain(from: index)
            }
        case .cancelEdit:
            cancelEdit()
        case .scrollPages(let pages):
            scrollBy(pages * max(1, paneHeight - 2))
        case .scrollRows(let rows):
            scrollBy(rows)
        case .stopRun:
            stopRun()
        case .closeCompletion:
            editor.clearMatches()
        case .explainStop:
            message = ("Esc stops training only on an empty line; Ctrl-C stops it now", .dim)
        case .helpForWord:
            help = HelpView(topic: helpTopicAtCursor)
        case .toggleLivePanel:
            livePreference = !liveShown
        case .toggleLogScale:
            logScale.toggle()
        case .runNextCell:
            if let index = nextCellIndex {
                rerun(index)
            }
        case .redraw, .resize:
            terminal.invalidate()
        case .confirmQuit(let yes):
            confirmingQuit = false
            if yes {
                done = true
            } else {
                message = ("quit cancelled; training goes on", .dim)
            }
        }
    }

    func select(_ index: Int?) {
        if let old = selected, cells.indices.contains(old) {
            cells[old].touch()
        }
        selected = index
        if let index {
            cells[index].touch()
            scroll = .cell(cells[index].id)
        }
    }

    private func moveSelection(by step: Int) {
        guard !cells.isEmpty else { return }
        guard let current = selected else {
            select(cells.count - 1)
            return
        }
        let next = current + step
        if next >= cells.count {
            select(nil)
            scroll = .tail
        } else {
            select(max(0, next))
        }
    }

    private func scrollBy(_ rows: Int) {
        scroll = .row(max(0, lastTop + rows))
    }

    /// Ctrl-C: stops a run, answers "no" to a question, or clears the line.
    func interrupt() {
        if confirmingQuit {
            confirmingQuit = false
            message = ("quit cancelled", .dim)
        } else if confirmingDelete != nil {
            confirmDelete(false)
        } else if editing != nil {
            cancelEdit()
        } else if busy {
            stopRun()
        } else if help != nil {
            help = nil
        } else {
            editor.clear()
            select(nil)
            message = nil
        }
    }

    private func stopRun() {
        guard busy else { return }
        cancelChain()
        runner.requestStop()
        stopping = true
        message = ("stopping at the next batch boundary" + renderer.blocks.options.glyphs.ellipsis + " (the completed batches are kept)",
                   renderer.blocks.options.tint(Style(foreground: .yellow)))
    }

    /// A line the user finished with Enter (nil: Ctrl-D on an empty line).
    func accept(_ line: String?) {
        if editing != nil {
            if let line { commitEdit(line) } else { cancelEdit() }
            return
        }
        guard let line else {
            requestQuit()
            return
        }
        // Line breaks typed with Ctrl-V Enter arrive as CR: a note's lines (a command's line is one).
        let lines = SourceLines.split(line)
        let isNote = lines.first?.trimmingCharacters(in: .whitespaces).hasPrefix("#") == true
        let text = lines.joined(separator: isNote ? "\n" : " ").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return }
        if lines.count == 1 {
            editor.remember(text)
        }
        message = nil
        editor.clearMatches()
        if text.hasPrefix("#") {
            // A note: drawn as prose, never run.
            cells.rewrite(at: cells.add(.note, source: ""), text)
            scroll = .tail
            return
        }
        if case .success(let statement?) = Parser.parseLine(text) {
            if let helpCommand = statement.command as? HelpCommand {
                // The browsable help view instead of a text cell.
                help = HelpView(topic: helpCommand.topic?.value)
                return
            }
            if statement.command is Restart {
                // Not a cell: a fresh session, then every cell again.
                if locked, case .refuse(let why) = CommandPolicy.decide(text, busy: true) {
                    warn(replayRefusal(text) ?? why)
                } else {
                    runAgain(from: 0)
                }
                return
            }
        }
        let index = cells.add(.queued, source: text)
        scroll = .tail
        start(index, locked: locked)
    }

    /// Runs cell `index` again (or for the first time: a lesson cell).
    func rerun(_ index: Int) {
        guard cells.indices.contains(index), cells[index].isCommand else { return }
        if case .refuse(let why) = CommandPolicy.decide(cells[index].source, busy: locked) {
            // The cell stays as it was (a lesson cell stays next); the reason goes on the message line.
            warn(replayRefusal(cells[index].source) ?? why)
            return
        }
        cells[index].reset(to: .queued)
        scroll = .cell(cells[index].id)
        start(index, locked: locked)
    }

    /// Submits cell `index`, or refuses it, by ``CommandPolicy``: while `locked` (training, or a replay
    /// running) only what cannot change the session runs.
    func start(_ index: Int, locked: Bool) {
        let source = cells[index].source
        // The notes right above the command (a lesson's explanation, `#` lines typed) go with it, so
        // `save transcript` has them as prose and `save session` writes them above it.
        var first = index
        while first > 0, !cells[first - 1].isCommand { first -= 1 }
        let comments = cells[first..<index].flatMap { note in
            NotebookSource.Cell.note(note.source).lines.map(NotebookSource.commentLine) + [""]
        }
        publishCells()
        switch CommandPolicy.decide(source, busy: locked) {
        case .quit:
            cells[index].reset(to: .done)
            requestQuit()
        case .help(let topic):
            cells[index].reset(to: .done)
            cells[index].append(.text(Help.lines(for: topic).joined(separator: "\n")))
        case .refuse(let why):
            cells[index].reset(to: .refused)
            cells[index].append(.text(replayRefusal(source) ?? why, style: .warning))
        case .invalid(let report):
            cells[index].reset(to: .failed)
            cells[index].append(.text(report.rendered, style: .error))
        case .queue:
            let handle = runner.interject(RunRequest(source: source, comments: comments))
            interjected.append(Active(cell: cells[index].id, handle: handle))
            noteQueued(cells[index].id, "'\(source)' is queued: it runs at the next epoch end")
        case .run:
            let handle = runner.submit(RunRequest(source: source, comments: comments))
            active.append(Active(cell: cells[index].id, handle: handle))
            if active.count > 1 {
                noteQueued(cells[index].id, "'\(source)' is queued: it runs when the command before it ends")
            }
        }
    }

    /// Says on the message line that cell `id` waits; the note goes when that cell has run.
    private func noteQueued(_ id: Int, _ text: String) {
        message = (text, .dim)
        queuedNote = (id, text)
    }

    /// Clears the "is queued" note of cell `id` (it has run), unless another message replaced it.
    func ran(_ id: Int) {
        guard let note = queuedNote, note.cell == id else { return }
        queuedNote = nil
        if message?.text == note.text {
            message = nil
        }
    }

    /// True while a `train` or `step` of this screen runs or waits: model changes are refused then.
    var training: Bool {
        snapshot.running || active.contains { run in
            guard let cell = cells.first(where: { $0.id == run.cell }),
                  case .success(let statement?) = Parser.parseLine(cell.source) else { return false }
            return statement.command is Train || statement.command is Step
        }
    }

    private func requestQuit() {
        if busy {
            confirmingQuit = true
            message = ("training is running - quit anyway? y stops it and quits, any other key goes on",
                       renderer.blocks.options.tint(Style(foreground: .yellow, attributes: .bold)))
        } else {
            done = true
        }
    }

    /// The word under the cursor as a help topic (`weights` in `load weights` is `load weights`);
    /// nil on an empty line.
    var helpTopicAtCursor: String? {
        let word = editor.wordAtCursor
        guard !word.isEmpty else { return nil }
        let words = editor.state.text.split(separator: " ").map(String.init)
        if words.count >= 2, words[1] == word, Catalog.entry(named: words[0] + " " + word) != nil {
            return words[0] + " " + word
        }
        return word
    }
}
