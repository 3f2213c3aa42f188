import Canvas
import Notebook
import TensorRuntime

/// Composing one frame: every part draws into one screen grid, which the terminal diffs and writes.
extension NotebookScreen {
    func drawFrame() {
        let size = terminal.size
        let layout = ScreenLayout(width: size.width, height: size.height, liveVisible: liveShown)
        var screen = Grid(width: size.width, height: size.height)
        if help != nil {
            drawHelp(into: &screen, height: layout.message.height > 0 ? layout.message.y : layout.input.y)
        } else {
            drawNotebook(into: &screen, area: layout.cells)
        }
        if help == nil, let live = layout.live {
            let roomy = size.width >= LivePanel.modelScreen.width && size.height >= LivePanel.modelScreen.height
            var panel = LivePanel(snapshot: snapshot, eta: eta, logScale: logScale, options: renderer.blocks.options,
                                  model: roomy ? modelTable : nil)
            panel.colorDepth = renderer.blocks.colorDepth
            panel.attention = attention.view
            panel.boundary = attention.boundary
            screen.blit(panel.grid(width: live.width, height: live.height), x: live.x, y: live.y)
            if layout.sideBySide {
                for y in live.y..<live.maxY {
                    screen.put(renderer.blocks.options.glyphs.vertical, x: live.x - 1, y: y, style: .dim)
                }
            } else {
                screen.put(String(repeating: renderer.blocks.options.glyphs.horizontal, count: live.width), x: 0, y: live.y - 1,
                           style: .dim)
            }
        }
        screen.put(messageText, in: layout.message, style: message?.style ?? .dim, ellipsis: renderer.blocks.options.glyphs.ellipsis)
        let promptStyle = renderer.blocks.options.tint(Style(foreground: .green, attributes: .bold))
        var line = editor.state
        line.newline = renderer.blocks.options.glyphs == .unicode ? "⏎" : "|"
        let (input, cursor) = line.grid(width: layout.input.width, promptStyle: promptStyle)
        screen.blit(input, x: 0, y: layout.input.y)
        screen.blit(statusLine.grid(width: layout.status.width, glyphs: renderer.blocks.options.glyphs), x: 0, y: layout.status.y)
        let showCursor = selected == nil && help == nil && !confirmingQuit && confirmingDelete == nil && layout.input.height > 0
        terminal.draw(screen, cursor: showCursor ? (cursor, layout.input.y) : nil)
    }

    /// The help view over the notebook pane and the live panel: every row above the message line.
    private func drawHelp(into screen: inout Grid, height: Int) {
        guard var view = help, height > 0 else { return }
        view.size = Size(width: screen.width, height: height)
        help = view
        screen.blit(view.grid(width: screen.width, height: height, options: renderer.blocks.options), x: 0, y: 0)
    }

    /// The cells, scrolled as `scroll` says, in `area`.
    private func drawNotebook(into screen: inout Grid, area: Rect) {
        paneHeight = area.height
        guard area.height > 0, area.width > 0 else { return }
        if cells.isEmpty {
            // One example command a line, so none is broken at 80 columns.
            let welcome = [
                "Gradbook notebook. Type a command and press Enter; Tab completes, F1 explains the word at the cursor.",
                "Try:   load shapes count=3000 classes=3",
                "then   model input=28x28x1, conv2d 8 3 relu, ...",
                "`help` lists every command.",
                "A line starting with # is a note. Up recalls the commands of earlier runs; once there are cells it "
                    + "selects one on an empty line (Enter runs it again, e edits it, d deletes it, R runs from it; "
                    + "help keys lists every key). Ctrl-D quits.",
            ]
            var y = area.y
            for line in welcome {
                for piece in TextWrap.lines(of: line, width: area.width) where y < area.maxY {
                    screen.put(piece, x: area.x, y: y, style: .dim)
                    y += 1
                }
            }
            return
        }
        var grids: [Grid] = []
        var tops: [Int] = []
        var total = 0
        for (index, cell) in cells.enumerated() {
            let grid = cellGrid(cell, width: area.width, selected: index == selected, edited: cell.id == editing?.cell)
            tops.append(total)
            total += grid.height
            grids.append(grid)
        }
        let maxTop = max(0, total - area.height)
        var top: Int
        switch scroll {
        case .tail:
            top = maxTop
        case .row(let row):
            top = min(row, maxTop)
            if top == maxTop {
                scroll = .tail
            }
        case .cell(let id):
            if let index = cells.firstIndex(where: { $0.id == id }) {
                let bottom = tops[index] + grids[index].height
                top = min(tops[index], max(0, bottom - area.height))
                top = max(top, bottom - area.height)
            } else {
                top = maxTop
            }
            top = min(max(0, top), maxTop)
        }
        lastTop = top
        for (index, grid) in grids.enumerated() {
            let y = tops[index] - top
            if y + grid.height <= 0 || y >= area.height {
                continue
            }
            var clipped = grid
            if y < 0 || y + grid.height > area.height {
                clipped = Grid(width: grid.width, height: min(area.height, y + grid.height) - max(0, y))
                clipped.blit(grid, x: 0, y: min(0, y))
            }
            screen.blit(clipped, x: area.x, y: area.y + max(0, y))
        }
        if top > 0 {
            // The marker takes the whole top row, so it never covers part of a cell's line.
            let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
            screen.fill(row)
            screen.put("\(top) rows above - PgUp ", in: row, alignment: .right, style: Style(attributes: [.dim]))
        }
    }

    /// A cell's grid, reused while it, the width and its selection (or edit) are unchanged.
    private func cellGrid(_ cell: NotebookCell, width: Int, selected: Bool, edited: Bool) -> Grid {
        let marked = selected || edited
        if let cached = cellCache[cell.id], cached.revision == cell.revision, cached.width == width, cached.selected == marked {
            return cached.grid
        }
        let grid = renderer.grid(for: cell, width: width, selected: selected, edited: edited)
        cellCache[cell.id] = (cell.revision, width, marked, grid)
        return grid
    }

    /// The message line: a question, a note, completions, or what is queued.
    private var messageText: String {
        if let message {
            return message.text
        }
        let matches = LineEditor.listedMatches
        if !matches.isEmpty {
            return matches.joined(separator: "  ")
        }
        let waiting = max(active.count - 1, 0) + interjected.count
        if waiting > 0 {
            return "\(waiting) command\(waiting == 1 ? "" : "s") queued: inspection runs at the next epoch end, the rest when training ends"
        }
        return ""
    }

    private var statusLine: StatusLine {
        let now = Self.clock()
        if now - memory.at > 1 {
            memory = (ProcessMemory.residentBytes(), now)
        }
        let epoch = snapshot.running ? (snapshot.lastBatch?.epoch ?? names.epochs) : names.epochs
        return StatusLine(data: names.currentData, model: names.currentModel, epoch: epoch,
                          threads: ThreadPool.shared.threadCount, memory: memory.bytes, keys: keysText)
    }

    /// The keys that matter now.
    private var keysText: String {
        if confirmingQuit {
            return "y quit  n go on"
        }
        if confirmingDelete != nil {
            return "y delete  any other key keeps it"
        }
        if let editing, let index = cells.index(of: editing.cell) {
            return cells[index].isCommand || editing.inserted ? "Enter run  Esc cancel  F1 help" : "Enter keep  Esc cancel  Ctrl-V Enter new line"
        }
        if let help {
            return help.page == nil ? "Up/Down move  PgUp/PgDn  Enter open  Esc close" : "Up/Down scroll  Backspace list  Esc close"
        }
        if selected != nil {
            return "Enter run again  e edit  R run from here  d delete  i/a insert  J/K move  f fold  Esc back"
        }
        if busy {
            return "Ctrl-C stop  F2 panel  F3 log  PgUp/PgDn"
        }
        if let next = nextCellIndex {
            let done = cells[..<next].count { $0.isCommand }
            let all = cells.count { $0.isCommand }
            return "Ctrl-N next cell (\(done + 1)/\(all))  F1 help"
        }
        return "F1 help  F2 panel  Up select  PgUp/PgDn  Ctrl-D quit"
    }
}
