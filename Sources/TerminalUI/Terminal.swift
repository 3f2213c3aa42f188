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
    /// Keys read while looking for a ``KeySequence`` that turned out not to be one.
    private var queued: [Key] = []
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
        Self.writeControl(Self.modifyOtherKeysOn)
    }

    /// xterm's modifyOtherKeys level 1: Shift-Enter (and other modified keys with no code of their
    /// own) arrive as `ESC [ 27 ; MOD ; CODE ~`; plain keys, Ctrl-letters and Alt-letters do not change.
    nonisolated static let modifyOtherKeysOn = "\u{1B}[>4;1m"
    /// Back to the terminal's default.
    nonisolated static let modifyOtherKeysOff = "\u{1B}[>4m"

    /// Writes a control sequence straight to the terminal (curses does not know it).
    static func writeControl(_ sequence: String) {
        fflush(stdout)
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// Columns and rows of the terminal now.
    var size: Size { Size(width: Int(getmaxx(stdscr)), height: Int(getmaxy(stdscr))) }

    /// The next key, waiting at most `milliseconds` (0: only what is there); nil when none came.
    func readKey(waiting milliseconds: Int32) -> Key? {
        if !queued.isEmpty {
            return queued.removeFirst()
        }
        guard let first = readCode(waiting: milliseconds) else { return nil }
        guard case .character(27) = first else { return first.key(self) }
        // Esc: read the whole sequence that may follow (an arrow, Home, Alt-b, Shift-Enter), waiting a
        // little for codes still on their way, as readline's key-sequence timeout does: a key cut in two
        // must never be read as Esc.
        var codes: [UInt32] = [27]
        var extra: Code?
        while case .incomplete = KeySequence.decode(codes) {
            let wait = codes.count == 1 ? Self.escapeFollowMilliseconds : Self.sequenceFollowMilliseconds
            guard let next = readCode(waiting: wait) else {
                return KeySequence.timedOut(codes)
            }
            guard case .character(let value) = next else {
                extra = next
                break
            }
            codes.append(value)
        }
        if case .key(let key, let consumed) = KeySequence.decode(codes) {
            queued = codes.dropFirst(consumed).map(Key.fromCharacter) + (extra.map { [$0.key(self)] } ?? [])
            return key
        }
        if codes.count == 1, let extra {
            // Esc then a key curses decoded (ESC ESC [ A): Alt plus that key is that key.
            return extra.key(self)
        }
        queued = codes.dropFirst().map(Key.fromCharacter) + (extra.map { [$0.key(self)] } ?? [])
        return .escape
    }

    /// How long a lone Esc waits for a code that makes it a sequence (curses has waited ESCDELAY already).
    static let escapeFollowMilliseconds: Int32 = 50
    /// How long a started sequence (`ESC [ 1`) waits for its next code.
    static let sequenceFollowMilliseconds: Int32 = 200

    /// What `wget_wch` read: a character code or a curses key code.
    private enum Code {
        case character(UInt32)
        case function(Int32)

        @MainActor func key(_ terminal: Terminal) -> Key {
            switch self {
            case .character(let value): Key.fromCharacter(value)
            case .function(let value): terminal.functionKey(value)
            }
        }
    }

    private func readCode(waiting milliseconds: Int32) -> Code? {
        wtimeout(stdscr, milliseconds)
        var code: wint_t = 0
        let result = wget_wch(stdscr, &code)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return .function(Int32(code)) }
        return .character(UInt32(code))
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
        case KEY_SLEFT: return .wordLeft
        case KEY_SRIGHT: return .wordRight
        default: return Self.extendedKey(named: keyname(code).map { String(cString: $0) } ?? "")
        }
    }

    /// Keys terminfo names as extended capabilities (`kLFT5`: Ctrl-Left, `kHOM3`: Alt-Home): the
    /// modified arrows, Home and End are the plain keys, Ctrl or Alt with Left/Right move by words,
    /// Alt-Up and Alt-Down (`kUP3`, `kDN3`) are keys of their own.
    nonisolated static func extendedKey(named name: String) -> Key {
        guard name.hasPrefix("k"), let last = name.last, let modifier = last.wholeNumberValue else { return .other }
        let base = name.dropFirst().dropLast()
        let byWord = modifier >= 3
        switch base {
        case "LFT": return byWord ? .wordLeft : .left
        case "RIT": return byWord ? .wordRight : .right
        case "UP": return modifier == 3 ? .altUp : .up
        case "DN": return modifier == 3 ? .altDown : .down
        case "HOM": return .home
        case "END": return .end
        case "DC": return .delete
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
        // On the default background a foreground must not be black or white (ColorMode.visibleForeground).
        let foreground = cell.background == nil ? colorMode.visibleForeground(cell.foreground) : colorMode.cursesColor(cell.foreground)
        let key = ColorPairTable.Key(foreground: foreground,
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
        Self.writeControl(Self.modifyOtherKeysOff)
        endwin()
    }
}
