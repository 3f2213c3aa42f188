import Foundation
import Canvas
import Notebook
import NeuralNet
import TensorRuntime

/// The full-screen notebook (`gradbook`, `gradbook open FILE`): cells scrolling above a readline
/// input line, a live training panel and a status line. The interpreter runs on the
/// ``SessionRunner``'s worker; this type runs on the main thread, the only one that touches curses
/// and readline, and never waits for the worker while it runs a request.
@MainActor public final class NotebookScreen {
    /// Where the notebook pane scrolls.
    enum Scroll: Equatable {
        /// Follow the newest output.
        case tail
        /// Keep a cell's last row in view.
        case cell(Int)
        /// A row chosen with PgUp/PgDn or the wheel.
        case row(Int)
    }

    struct Active {
        let cell: Int
        let handle: RunHandle
    }

    let runner: SessionRunner
    let terminal: Terminal
    let editor: LineEditor
    let renderer: CellRenderer
    var cells = CellList()
    var active: [Active] = []
    /// Cells waiting to run one after another (`R`, `restart`), by id: each is submitted when the one
    /// before it has ended, so Ctrl-C can stop the rest.
    var chain: [Int] = []
    /// The chain's cell running now (``hiddenCell``: the `restart` before the cells).
    var chainActive: Int?
    /// What the chain ran so far, for the message at its end.
    var chainTally = (ran: 0, failed: 0)
    /// The cell whose text is on the input line (`e`, `i`, `a`); `inserted` cells go again on Esc.
    var editing: (cell: Int, inserted: Bool)?
    /// The cell the screen asks "delete?" about.
    var confirmingDelete: Int?
    /// Inspection lines typed while training runs, handed to `SessionRunner.interject`: they run at the
    /// next epoch end, each into its own cell, in any order relative to `active`.
    var interjected: [Active] = []
    /// The cell the message line's "is queued" note is about.
    var queuedNote: (cell: Int, text: String)?
    var selected: Int?
    var scroll = Scroll.tail
    var lastTop = 0
    var paneHeight = 1
    var livePreference: Bool?
    var logScale = false
    var message: (text: String, style: Style)?
    var confirmingQuit = false
    /// The help view, when open: it takes the notebook pane and the keys.
    var help: HelpView?
    /// A stop was requested and the run has not ended yet.
    var stopping = false
    var names = SessionNames()
    /// The current model as last read while the worker was idle (the live panel shows it when there is room).
    var modelTable: ModelTable?
    var snapshot: TrainingMonitor.Snapshot
    /// The heat map `watch attention` keeps on the live panel, as last read.
    var attention: WatchedAttention.Snapshot
    var done = false
    var cellCache: [Int: (revision: Int, width: Int, selected: Bool, grid: Grid)] = [:]
    var epochClock: (epoch: Int, batch: Int, start: Double)?
    var memory = (bytes: 0, at: -10.0)

    /// Runs the notebook until the user quits; returns the exit status.
    ///
    /// - Parameters:
    ///   - lesson: cells to show not yet run (`gradbook open FILE`), or nil for an empty notebook.
    ///   - options: replay limits passed to the runner.
    ///   - environment: the process environment (NO_COLOR, locale, XDG_STATE_HOME, HOME).
    /// - Returns: the exit status: 0, or 128 + the signal (SIGTERM, SIGHUP) that ended the screen.
    public static func run(lesson: Lesson?, options: SessionRunner.Options = .init(), environment: [String: String]) -> Int32 {
        setlocale(LC_ALL, "")
        TerminalSignals.install()
        let screen = NotebookScreen(lesson: lesson, options: options, environment: environment)
        screen.loop()
        screen.close()
        if TerminalSignals.terminating {
            // Ended by SIGTERM or SIGHUP: the terminal is restored; leave at once, as the signal would have,
            // without running exit handlers and destructors while the worker may still be inside a batch
            // (exit() there crashed the process in a tmux test: status 139 instead of 143).
            fflush(nil)
            _exit(TerminalSignals.exitStatus)
        }
        return TerminalSignals.exitStatus
    }

    private init(lesson: Lesson?, options: SessionRunner.Options, environment: [String: String]) {
        var options = options
        options.livePanel = true
        runner = SessionRunner(options: options)
        snapshot = runner.monitor.snapshot
        attention = runner.watched.snapshot
        terminal = Terminal(noColor: noColorRequested(environment: environment))
        let utf8 = localeIsUTF8(environment: environment)
        let renderOptions = RenderOptions(glyphs: utf8 ? .unicode : .ascii, color: terminal.colorMode.usesColor)
        renderer = CellRenderer(blocks: BlockRenderer(options: renderOptions, width: 80, colorDepth: terminal.colorMode.canvasDepth))
        editor = LineEditor(prompt: utf8 ? "› " : "> ", historyFile: HistoryFile.prepared(environment: environment))
        LineEditor.completer = { [weak self] before, word in
            guard let self else { return [] }
            return MainActor.assumeIsolated { self.completion.candidates(before: before, word: word) }
        }
        if let lesson {
            cells = CellList(lesson.cells)
            scroll = .row(0)
            message = ("\(lesson.file): \(lesson.commandCount) cells - Ctrl-N runs the next one", .plain)
        }
        // From now on `save notebook` saves these cells (not the lines the runner sees).
        runner.notebook.publish(cells.source)
    }

    var completion: Completion {
        Completion(names: names) { folder in
            let path = folder.isEmpty ? "." : (folder as NSString).expandingTildeInPath
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return entries.filter { !$0.hasPrefix(".") }.map { name in
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder)
                return exists && isFolder.boolValue ? name + "/" : name
            }
        }
    }

    /// True while the runner works on a request of this screen.
    var busy: Bool { !active.isEmpty }

    /// The live panel is on screen: by choice (F2), else while training runs.
    var liveShown: Bool { livePreference ?? snapshot.running }

    /// The frame loop: keys, events and snapshots in; a frame out when something changed, at most
    /// every `frameInterval` seconds (keys are echoed at once).
    private func loop() {
        let frameInterval = 0.05
        var lastFrame = -1.0
        var dirty = true
        while !done {
            if TerminalSignals.terminating {
                break
            }
            if TerminalSignals.takeInterrupts() > 0 {
                interrupt()
                dirty = true
            }
            let now = Self.clock()
            let wait = dirty ? max(0, frameInterval - (now - lastFrame)) : frameInterval
            var keyed = false
            if let key = terminal.readKey(waiting: Int32(wait * 1000)) {
                handle(key)
                keyed = true
                var extra = 0
                while extra < 512, !done, let more = terminal.readKey(waiting: 0) {
                    handle(more)
                    extra += 1
                }
            }
            for line in editor.takeLines() {
                accept(line)
            }
            if editor.takeChanged() || keyed {
                dirty = true
            }
            if pollRuns() {
                dirty = true
            }
            let latest = runner.monitor.snapshot
            if latest.version != snapshot.version {
                snapshot = latest
                trackEpochClock()
                dirty = true
            }
            let watched = runner.watched.snapshot
            if watched.version != attention.version {
                attention = watched
                dirty = true
            }
            let time = Self.clock()
            if dirty, keyed || time - lastFrame >= frameInterval {
                drawFrame()
                lastFrame = time
                dirty = false
            }
        }
    }

    /// Ends the screen: stops training that still runs, saves the history, restores the terminal.
    private func close() {
        if busy {
            runner.requestStop()
        }
        editor.close()
        terminal.close()
    }

    /// Takes the events of every request in flight; true when a cell changed. When the last one has
    /// ended, the next cell of a chain (``chain``) is submitted.
    private func pollRuns() -> Bool {
        var changed = pollInterjected()
        var finished = false
        while let first = active.first {
            let events = first.handle.poll()
            guard !events.isEmpty else { break }
            changed = true
            let index = cells.index(of: first.cell)
            var outcome: RunOutcome?
            for event in events {
                if let index {
                    cells[index].receive(event)
                }
                if case .finished(let ended) = event {
                    outcome = ended
                    if ended.quitRequested {
                        done = true
                    }
                }
            }
            guard let outcome else { break }
            active.removeFirst()
            ran(first.cell)
            finished = true
            if chainActive == first.cell {
                chainEnded(outcome)
            }
        }
        if active.isEmpty, chainActive == nil, !chain.isEmpty {
            advanceChain()
            return true
        }
        if finished, active.isEmpty {
            refreshNames()
            if stopping {
                stopping = false
                message = nil
            }
        }
        return changed
    }

    /// Takes the events of the interjected lines (they run between epochs); true when a cell changed.
    private func pollInterjected() -> Bool {
        var changed = false
        interjected.removeAll { run in
            let events = run.handle.poll()
            guard !events.isEmpty else { return false }
            changed = true
            if let index = cells.firstIndex(where: { $0.id == run.cell }) {
                for event in events { cells[index].receive(event) }
            }
            guard events.contains(where: { if case .finished = $0 { true } else { false } }) else { return false }
            ran(run.cell)
            return true
        }
        return changed
    }

    /// Reads bound names and the current model's summary from the worker (it is idle, so this returns
    /// at once; while training runs the screen keeps what it read before).
    func refreshNames() {
        (names, modelTable) = runner.perform { interpreter in
            let session = interpreter.session
            let names = SessionNames(datasets: session.datasets.keys.sorted(), models: session.models.keys.sorted(),
                                     currentData: session.currentData, currentModel: session.currentModel,
                                     epochs: session.modelEntry?.trainer?.epochsDone ?? 0)
            let table = session.modelEntry.map { ModelTable(name: $0.name, summary: $0.model.summary) }
            return (names, table)
        }
    }

    /// Notes when the epoch in progress started, for the ETA.
    private func trackEpochClock() {
        guard let batch = snapshot.lastBatch else { return }
        if let clock = epochClock, clock.epoch == batch.epoch, clock.batch <= batch.batch {
            return
        }
        epochClock = (batch.epoch, batch.batch, Self.clock())
    }

    /// Seconds left in the epoch, from the pace since it started.
    var eta: Double? {
        guard let batch = snapshot.lastBatch, let clock = epochClock, batch.batch > clock.batch else { return nil }
        let perBatch = (Self.clock() - clock.start) / Double(batch.batch - clock.batch)
        return perBatch * Double(batch.batches - batch.batch)
    }

    /// Monotonic seconds.
    static func clock() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
