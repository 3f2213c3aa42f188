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

    /// The curses colour number for a foreground on the terminal's default background. A named colour
    /// (what widgets draw axes, lines and text in) must read on dark and light themes alike: black and
    /// white, which themes use as that background, become the default foreground (-1), as does bright
    /// black in 8 colours (it is black there); in direct colour a bright colour too light for a white
    /// background becomes its themed normal colour. Other colours (pictures, heat maps) are data and are
    /// kept as ``cursesColor(_:)`` gives them.
    public func visibleForeground(_ color: CanvasColor?) -> Int32 {
        guard let index = color?.ansiIndex, self != .none else { return cursesColor(color) }
        var number = cursesColor(color)
        if self == .direct, index >= 8, !Self.readable(rgb: number) {
            number = Int32(index - 8)
        }
        return [0, 7, 15].contains(number) && (self != .direct || number < 8) ? -1 : number
    }

    /// Whether a direct colour `r << 16 | g << 8 | b` reads on black and on white: its luminance (with
    /// a gamma of 2) gives a contrast of at least 1.5 against both.
    static func readable(rgb number: Int32) -> Bool {
        let channels = [16, 8, 0].map { Double(number >> $0 & 0xFF) / 255 }
        let luminance = 0.2126 * channels[0] * channels[0] + 0.7152 * channels[1] * channels[1] + 0.0722 * channels[2] * channels[2]
        return (0.025...0.65).contains(luminance)
    }
}
