import Foundation
import Canvas
import Notebook

/// Keys, typed lines and Ctrl-C.
extension NotebookScreen {
    var keyContext: KeyMap.Context {
        KeyMap.Context(lineEmpty: editor.state.text.isEmpty, hasSelection: selected != nil, hasCells: !cells.isEmpty, busy: busy,
                       hasNextCell: nextCellIndex != nil, confirmingQuit: confirmingQuit,
                       completionOpen: !LineEditor.listedMatches.isEmpty, searching: editor.searching)
    }

    /// The first lesson cell not yet run.
    var nextCellIndex: Int? { cells.firstIndex { $0.state == .notRun } }

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
            if let index = selected {
                editor.replace(with: cells[index].source)
                select(nil)
            }
        case .foldSelected:
            if let index = selected {
                cells[index].toggleFold()
            }
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

    private func select(_ index: Int?) {
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
        runner.requestStop()
        stopping = true
        message = ("stopping at the next batch boundary" + renderer.blocks.options.glyphs.ellipsis + " (the completed batches are kept)",
                   renderer.blocks.options.tint(Style(foreground: .yellow)))
    }

    /// A line the user finished with Enter (nil: Ctrl-D on an empty line).
    func accept(_ line: String?) {
        guard let line else {
            requestQuit()
            return
        }
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return }
        editor.remember(text)
        message = nil
        editor.clearMatches()
        if case .success(let statement?) = Parser.parseLine(text), let helpCommand = statement.command as? HelpCommand {
            // The browsable help view instead of a text cell.
            help = HelpView(topic: helpCommand.topic?.value)
            return
        }
        let index = add(NotebookCell(id: 0, source: text, state: .queued))
        scroll = .tail
        start(index)
    }

    /// Runs cell `index` again (or for the first time: a lesson cell).
    func rerun(_ index: Int) {
        guard cells.indices.contains(index), cells[index].isCommand else { return }
        if case .refuse(let why) = CommandPolicy.decide(cells[index].source, busy: training) {
            // The cell stays as it was (a lesson cell stays next); the reason goes on the message line.
            message = (why, renderer.blocks.options.tint(Style(foreground: .yellow)))
            return
        }
        cells[index].reset(to: .queued)
        scroll = .cell(cells[index].id)
        start(index)
    }

    /// Submits cell `index`, or refuses it, by ``CommandPolicy``.
    private func start(_ index: Int) {
        let source = cells[index].source
        // A lesson cell's explanation, and the lesson's notes right above it, go with it, so `save transcript`
        // and `save session` keep them.
        var first = index
        while first > 0, cells[first - 1].state == .note { first -= 1 }
        let comments = cells[first...index].flatMap { cell in
            cell.explanation.map { $0.isEmpty ? "#" : "# " + $0 } + (cell.state == .note ? [""] : [])
        }
        switch CommandPolicy.decide(source, busy: training) {
        case .quit:
            cells[index].reset(to: .done)
            requestQuit()
        case .help(let topic):
            cells[index].reset(to: .done)
            cells[index].append(.text(Help.lines(for: topic).joined(separator: "\n")))
        case .refuse(let why):
            cells[index].reset(to: .refused)
            cells[index].append(.text(why, style: .warning))
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
