/// Turns a ``Grid`` into text: plain, or with ANSI SGR escapes for colours and attributes.
///
/// The renderer never inspects the environment; the caller picks the mode
/// (e.g. `.plain` when stdout is not a terminal or `NO_COLOR` is set).
public struct TextRenderer: Sendable {
    /// Output flavour.
    public enum Mode: Hashable, Sendable {
        /// Characters only.
        case plain
        /// Characters with SGR escapes; every styled line ends with a reset.
        case ansi
    }

    /// Plain or ANSI.
    public var mode: Mode
    /// Colours deeper than this are approximated (ANSI mode only).
    public var colorDepth: ColorDepth
    /// Drop trailing blank cells of each line (cells that are a space with no
    /// background, reverse or underline).
    public var trimTrailing: Bool

    /// Creates a renderer.
    public init(mode: Mode = .plain, colorDepth: ColorDepth = .truecolor, trimTrailing: Bool = true) {
        self.mode = mode
        self.colorDepth = colorDepth
        self.trimTrailing = trimTrailing
    }

    /// The escape character.
    public static let escape = "\u{1B}"
    /// `ESC[0m`.
    public static let reset = "\u{1B}[0m"

    /// The grid's rows joined by `\n`, without a trailing newline.
    public func render(_ grid: Grid) -> String {
        renderLines(grid).joined(separator: "\n")
    }

    /// One string per grid row.
    public func renderLines(_ grid: Grid) -> [String] {
        (0..<grid.height).map { y in
            let row = (0..<grid.width).map { grid[$0, y] }
            var end = row.count
            if trimTrailing {
                while end > 0, isBlank(row[end - 1]) { end -= 1 }
            }
            return mode == .plain ? plainLine(row[..<end]) : ansiLine(row[..<end])
        }
    }

    private func isBlank(_ cell: Cell) -> Bool {
        if mode == .plain { return cell.symbol == " " }
        return cell.symbol == " " && cell.background == nil
            && cell.attributes.intersection([.reverse, .underline]).isEmpty
    }

    private func plainLine(_ cells: ArraySlice<Cell>) -> String {
        var line = ""
        for cell in cells { line += cell.symbol }
        return line
    }

    private func ansiLine(_ cells: ArraySlice<Cell>) -> String {
        var line = ""
        var current = Style.plain
        for cell in cells where !cell.isContinuation {
            let style = cell.style
            if style != current {
                line += current == .plain ? sgr(style) : (style == .plain ? Self.reset : sgr(style, resetFirst: true))
                current = style
            }
            line += cell.symbol
        }
        if current != .plain { line += Self.reset }
        return line
    }

    /// The SGR sequence selecting `style` (from the default state unless `resetFirst`).
    public func sgr(_ style: Style, resetFirst: Bool = false) -> String {
        var codes: [String] = resetFirst ? ["0"] : []
        let attributes: [(CellAttributes, String)] = [(.bold, "1"), (.dim, "2"), (.underline, "4"), (.reverse, "7")]
        for (attribute, code) in attributes where style.attributes.contains(attribute) { codes.append(code) }
        if let fg = style.foreground { codes.append(Self.colorCode(fg.approximated(to: colorDepth), background: false)) }
        if let bg = style.background { codes.append(Self.colorCode(bg.approximated(to: colorDepth), background: true)) }
        if codes.isEmpty { codes = ["0"] }
        return Self.escape + "[" + codes.joined(separator: ";") + "m"
    }

    /// The SGR parameters for a colour: `31`, `94`, `38;5;n`, `48;2;r;g;b`, …
    public static func colorCode(_ color: CanvasColor, background: Bool) -> String {
        switch color {
        case let .indexed(i):
            return (background ? "48;5;" : "38;5;") + String(i)
        case let .rgb(r, g, b):
            return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
        default:
            let i = color.ansiIndex ?? 0
            let base = i < 8 ? (background ? 40 : 30) : (background ? 100 : 90)
            return String(base + i % 8)
        }
    }
}
