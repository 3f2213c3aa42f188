import Canvas

/// How many colours the notebook screen uses, decided once from the terminal (its terminfo `colors`)
/// and `NO_COLOR`.
public enum ColorMode: Sendable, Hashable {
    /// No colour: attributes (bold, dim, reverse) only.
    case none
    /// The eight ANSI colours (plain `xterm`, `screen`).
    case ansi8
    /// Sixteen ANSI colours.
    case ansi16
    /// The xterm 256-colour palette.
    case palette256
    /// Direct 24-bit colour (`xterm-direct`, `tmux-direct`): a colour number is `r << 16 | g << 8 | b`.
    case direct

    /// The mode for a terminal reporting `colors` colours.
    ///
    /// - Parameters:
    ///   - noColor: `NO_COLOR` is set (non-empty): no colour whatever the terminal can do.
    ///   - hasColors: curses' `has_colors()`.
    ///   - colors: curses' `COLORS` after `start_color()`.
    public static func detect(noColor: Bool, hasColors: Bool, colors: Int) -> ColorMode {
        guard !noColor, hasColors else { return .none }
        if colors >= 1 << 24 { return .direct }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .ansi16 }
        if colors >= 8 { return .ansi8 }
        return .none
    }

    /// Whether widgets should colour cells.
    public var usesColor: Bool { self != .none }

    /// The depth Canvas approximates colours to before they reach this mode.
    public var canvasDepth: ColorDepth {
        switch self {
        case .direct: .truecolor
        case .palette256: .palette256
        case .none, .ansi8, .ansi16: .ansi16
        }
    }

    /// The curses colour number for `color` (-1: the terminal's default colour).
    /// Direct colours are quantised to 6 bits per channel so images need fewer colour pairs.
    public func cursesColor(_ color: CanvasColor?) -> Int32 {
        guard let color else { return -1 }
        switch self {
        case .none:
            return -1
        case .direct:
            if let index = color.ansiIndex, index < 8 { return Int32(index) }
            if case let .indexed(i) = color, i < 8 { return Int32(i) }
            let (r, g, b) = color.rgbComponents
            return Int32(r & 0xFC) << 16 | Int32(g & 0xFC) << 8 | Int32(b & 0xFC)
        case .palette256:
            if let index = color.ansiIndex { return Int32(index) }
            if case let .indexed(i) = color { return Int32(i) }
            if case .indexed(let i) = color.approximated(to: .palette256) { return Int32(i) }
            return -1
        case .ansi16:
            return Int32(color.approximated(to: .ansi16).ansiIndex ?? 7)
        case .ansi8:
            return Int32((color.approximated(to: .ansi16).ansiIndex ?? 7) % 8)
        }
    }

    /// The curses colour number for a foreground on the terminal's default background: as
    /// ``cursesColor(_:)``, except that a colour the background could have (black and white, which dark
    /// and light themes use for it; in 8 colours also bright black, which becomes black) gives the
    /// default foreground (-1), readable on any background. Axes and raw loss dots ask for bright black.
    public func visibleForeground(_ color: CanvasColor?) -> Int32 {
        let number = cursesColor(color)
        return isReadable(number) ? number : -1
    }

    /// Whether curses colour `number` (of this mode) reads on both a dark and a light background:
    /// not black or white (the sixteen ANSI colours are the theme's; others are judged by their RGB).
    func isReadable(_ number: Int32) -> Bool {
        if self == .none || number == -1 { return true }
        // ANSI black and white, in every mode.
        if number == 0 || number == 7 { return false }
        switch self {
        case .none: return true
        case .ansi8, .ansi16: return number != 15
        case .palette256: return number < 16 ? number != 15 : Self.readable(CanvasColor.indexed(UInt8(clamping: number)).rgbComponents)
        case .direct: return number < 8 || Self.readable((UInt8(number >> 16 & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number & 0xFF)))
        }
    }

    /// Far enough from black (some channel at least 96) and from white (some channel at most 160).
    static func readable(_ rgb: (r: UInt8, g: UInt8, b: UInt8)) -> Bool {
        max(rgb.r, rgb.g, rgb.b) >= 96 && min(rgb.r, rgb.g, rgb.b) <= 160
    }
}
