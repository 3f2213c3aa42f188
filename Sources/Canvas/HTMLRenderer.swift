/// Turns a ``Grid`` into HTML text for a `<pre>` block: runs of cells of one style become a `<span>`
/// with an inline `style` (colour, background, bold, faint, underline), so a page shows the colours a
/// terminal would, with no style sheet and no other file.
///
/// Named colours are mapped to darker tones that read on a white page (a terminal's yellow and cyan
/// are meant for a dark background); 256-palette and RGB colours (pictures, heat maps) keep their value.
public struct HTMLRenderer: Sendable {
    public init() {}

    /// The grid's rows joined by `\n` (trailing blanks of each row and trailing empty rows dropped),
    /// with `&`, `<`, `>` and `"` escaped.
    public func render(_ grid: Grid) -> String {
        var lines = (0..<grid.height).map { line(grid, y: $0) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private func line(_ grid: Grid, y: Int) -> String {
        var end = grid.width
        while end > 0, isBlank(grid[end - 1, y]) { end -= 1 }
        var html = ""
        var run = ""
        var current = Style.plain
        func flush() {
            guard !run.isEmpty else { return }
            let css = Self.css(current)
            html += css.isEmpty ? run : "<span style=\"\(css)\">\(run)</span>"
            run = ""
        }
        for x in 0..<end {
            let cell = grid[x, y]
            guard !cell.isContinuation else { continue }
            if cell.style != current {
                flush()
                current = cell.style
            }
            run += Self.escape(cell.symbol)
        }
        flush()
        return html
    }

    private func isBlank(_ cell: Cell) -> Bool {
        cell.symbol == " " && cell.background == nil && cell.attributes.intersection([.reverse, .underline]).isEmpty
    }

    /// The inline CSS of a style ("" for the plain one).
    public static func css(_ style: Style) -> String {
        var foreground = style.foreground.map(hex)
        var background = style.background.map(hex)
        if style.attributes.contains(.reverse) {
            (foreground, background) = (background ?? "#ffffff", foreground ?? "#1a1a1a")
        }
        var parts: [String] = []
        if let foreground { parts.append("color:\(foreground)") }
        if let background { parts.append("background:\(background)") }
        if style.attributes.contains(.bold) { parts.append("font-weight:bold") }
        if style.attributes.contains(.dim) { parts.append("opacity:0.6") }
        if style.attributes.contains(.underline) { parts.append("text-decoration:underline") }
        return parts.joined(separator: ";")
    }

    /// `#rrggbb` for a colour on a white page.
    public static func hex(_ color: CanvasColor) -> String {
        let (r, g, b) = color.ansiIndex.map { paper[$0] } ?? color.rgbComponents
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }

    /// The sixteen named colours in ANSI order, as they read on white.
    static let paper: [(UInt8, UInt8, UInt8)] = [
        (26, 26, 26), (192, 40, 40), (30, 130, 50), (160, 120, 0), (30, 80, 190), (150, 50, 150), (0, 125, 140), (90, 90, 90),
        (110, 110, 110), (220, 50, 50), (40, 160, 70), (190, 140, 0), (60, 110, 220), (180, 70, 180), (0, 150, 165), (60, 60, 60),
    ]

    /// `text` with the characters HTML gives a meaning to written as entities.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
