/// A width × height buffer of ``Cell``s that widgets draw into.
///
/// Only a backend (``TextRenderer`` today, a curses backend later) turns a grid
/// into terminal output. Coordinates are zero-based, `x` to the right and `y`
/// down; writes outside the grid are ignored.
public struct Grid: Hashable, Sendable, CustomStringConvertible {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells in row-major order (`y * width + x`).
    public private(set) var cells: [Cell]

    /// Creates a grid filled with `cell` (blank by default).
    public init(width: Int, height: Int, fill cell: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: cell, count: self.width * self.height)
    }

    /// Creates a grid of the given size.
    public init(size: Size) {
        self.init(width: size.width, height: size.height)
    }

    /// The whole grid as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (`x`, `y`). Reading outside the grid gives a blank cell; writing there does nothing.
    ///
    /// Writing replaces the cell as is and breaks any wide character it overlaps;
    /// use ``put(_:x:y:style:clip:)`` to write wide characters with their continuation cell.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            breakWideCharacter(x: x, y: y)
            cells[y * width + x] = newValue
        }
    }

    /// Writes `string` starting at (`x`, `y`) in `style`, one grapheme per cell
    /// (two for wide characters), clipped to `clip` (default: the whole grid).
    ///
    /// Zero-width and control characters (including newlines) are skipped. A
    /// wide character that would straddle the right clip edge is replaced by a
    /// blank and ends the write. Returns the column after the last one written to.
    @discardableResult public mutating func put(_ string: String, x: Int, y: Int, style: Style = .plain,
                                                clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        guard y >= bounds.y, y < bounds.maxY else { return x }
        var column = x
        for character in string {
            let w = TextWidth.of(character)
            if w == 0 { continue }
            if column >= bounds.maxX { break }
            if column < bounds.x {
                // A wide character cut by the left edge leaves a blank on its visible half.
                if w == 2, column + 1 == bounds.x { setRaw(Cell(" ", style: style), x: column + 1, y: y) }
                column += w
                continue
            }
            if w == 2, column + 1 >= bounds.maxX {
                setRaw(Cell(" ", style: style), x: column, y: y)
                return column + 1
            }
            setRaw(Cell(character, style: style), x: column, y: y)
            if w == 2 {
                var continuation = Cell(character, style: style)
                continuation.symbol = ""
                setRaw(continuation, x: column + 1, y: y)
            }
            column += w
        }
        return column
    }

    /// Writes `string` into `area`'s first row, truncated with an ellipsis and aligned inside it.
    public mutating func put(_ string: String, in area: Rect, alignment: TextAlignment = .left,
                             style: Style = .plain, ellipsis: String = "…") {
        guard !area.isEmpty else { return }
        let text = TextWidth.truncate(string, to: area.width, ellipsis: ellipsis)
        let gap = area.width - TextWidth.of(text)
        let offset = switch alignment {
        case .left: 0
        case .center: gap / 2
        case .right: gap
        }
        put(text, x: area.x + offset, y: area.y, style: style, clip: area)
    }

    /// Fills `rect` (default: the whole grid) with copies of `cell`.
    public mutating func fill(_ rect: Rect? = nil, with cell: Cell = .blank) {
        let target = (rect ?? area).intersection(area)
        for y in target.y..<target.maxY {
            for x in target.x..<target.maxX { setRaw(cell, x: x, y: y) }
        }
    }

    /// Replaces the style of every cell in `rect`, keeping the characters.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let target = rect.intersection(area)
        for y in target.y..<target.maxY {
            for x in target.x..<target.maxX { cells[y * width + x].style = style }
        }
    }

    /// Blanks every cell.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
    }

    /// Draws `widget` into `area` (default: the whole grid).
    public mutating func draw(_ widget: some Widget, in area: Rect? = nil) {
        widget.draw(into: &self, area: (area ?? self.area).intersection(self.area))
    }

    /// Copies `other` with its top-left corner at (`x`, `y`), clipped to this grid.
    public mutating func blit(_ other: Grid, x: Int, y: Int) {
        for oy in 0..<other.height {
            for ox in 0..<other.width {
                setRaw(other.cells[oy * other.width + ox], x: x + ox, y: y + oy)
            }
        }
    }

    /// The grid as plain text, one string per row (continuation cells contribute nothing).
    /// With `trimTrailing` (the default) trailing spaces are removed from each row.
    public func lines(trimTrailing: Bool = true) -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += cells[y * width + x].symbol }
            if trimTrailing {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }

    /// The rows of ``lines(trimTrailing:)`` joined by newlines.
    public var description: String { lines().joined(separator: "\n") }

    // MARK: - Wide character bookkeeping

    private mutating func setRaw(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        breakWideCharacter(x: x, y: y)
        cells[y * width + x] = cell
    }

    /// If (`x`, `y`) is half of a wide character, blanks its other half.
    private mutating func breakWideCharacter(x: Int, y: Int) {
        let index = y * width + x
        let current = cells[index]
        if current.isContinuation {
            if x > 0, !cells[index - 1].isContinuation {
                cells[index - 1] = Cell(" ", style: cells[index - 1].style)
            }
        } else if x + 1 < width, cells[index + 1].isContinuation, let c = current.character, TextWidth.of(c) == 2 {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
    }
}
