import Canvas
@preconcurrency import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// The curses backend: starts and ends the full screen, reads keys and writes a ``Grid``, only the
/// cells that changed since the last frame (``GridDiff``). Main thread only.
@MainActor final class Terminal {
    let colorMode: ColorMode
    private var pairs: ColorPairTable
    private var previous: Grid?
    private(set) var isOpen = false

    /// Starts curses: the caller has already set the locale and installed the signal handlers.
    init(noColor: Bool) {
        initscr()
        cbreak()
        noecho()
        nonl()
        intrflush(stdscr, false)
        keypad(stdscr, true)
        gb_set_escdelay(25)
        mousemask(gb_BUTTON4_PRESSED | gb_BUTTON5_PRESSED, nil)
        mouseinterval(0)
        var mode = ColorMode.none
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            mode = ColorMode.detect(noColor: noColor, hasColors: true, colors: Int(COLORS))
        }
        colorMode = mode
        pairs = ColorPairTable(capacity: mode == .none ? 0 : max(0, Int(COLOR_PAIRS) - 1))
        isOpen = true
    }

    /// Columns and rows of the terminal now.
    var size: Size { Size(width: Int(getmaxx(stdscr)), height: Int(getmaxy(stdscr))) }

    /// The next key, waiting at most `milliseconds` (0: only what is there); nil when none came.
    func readKey(waiting milliseconds: Int32) -> Key? {
        wtimeout(stdscr, milliseconds)
        var code: wint_t = 0
        let result = wget_wch(stdscr, &code)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return functionKey(Int32(code)) }
        return Key.fromCharacter(UInt32(code))
    }

    private func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        case KEY_MOUSE: return mouseKey()
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return .other
        }
    }

    private func mouseKey() -> Key {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return .other }
        if event.bstate & gb_BUTTON4_PRESSED != 0 { return .wheelUp }
        if event.bstate & gb_BUTTON5_PRESSED != 0 { return .wheelDown }
        return .other
    }

    /// Forgets what is on screen: the next `draw` rewrites every cell.
    func invalidate() {
        previous = nil
        clearok(stdscr, true)
    }

    /// Writes the cells of `grid` that differ from the last frame and puts the cursor at `cursor`.
    func draw(_ grid: Grid, cursor: (x: Int, y: Int)?) {
        var diff = GridDiff(from: previous, to: grid)
        if previous == nil {
            werase(stdscr)
        }
        var written = 0
        while written < 2 {
            let resetsBefore = pairs.resets
            for run in diff.runs {
                write(run)
            }
            written += 1
            if pairs.resets == resetsBefore {
                break
            }
            // Pair numbers were reused mid-frame: write everything again with the new table.
            diff = GridDiff(from: nil, to: grid)
        }
        previous = grid
        if let cursor {
            curs_set(1)
            wmove(stdscr, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(stdscr)
    }

    private func write(_ run: GridDiff.Run) {
        var x = run.x
        for cell in run.cells {
            defer { x += 1 }
            if cell.isContinuation {
                continue
            }
            var (attributes, pair) = style(of: cell)
            var wide: [wchar_t] = cell.symbol.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
            if wide.isEmpty {
                wide = [wchar_t(32)]
            }
            wide.append(0)
            var character = cchar_t()
            setcchar(&character, wide, attributes, 0, &pair)
            mvwadd_wch(stdscr, Int32(run.y), Int32(x), &character)
        }
    }

    private func style(of cell: Cell) -> (attr_t, Int32) {
        var attributes = gb_A_NORMAL
        if cell.attributes.contains(.bold) { attributes |= gb_A_BOLD }
        if cell.attributes.contains(.dim) { attributes |= gb_A_DIM }
        if cell.attributes.contains(.reverse) { attributes |= gb_A_REVERSE }
        if cell.attributes.contains(.underline) { attributes |= gb_A_UNDERLINE }
        guard colorMode != .none else { return (attributes, 0) }
        let key = ColorPairTable.Key(foreground: colorMode.cursesColor(cell.foreground),
                                     background: colorMode.cursesColor(cell.background))
        let (pair, isNew, _) = pairs.pair(for: key)
        if isNew {
            init_extended_pair(pair, key.foreground, key.background)
        }
        return (attributes, pair)
    }

    /// Ends curses and gives the terminal back as it was. Safe to call twice.
    func close() {
        guard isOpen else { return }
        isOpen = false
        mousemask(0, nil)
        endwin()
    }
}
