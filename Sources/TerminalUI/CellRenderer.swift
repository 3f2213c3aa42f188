import Canvas
import Notebook

/// Draws a ``NotebookCell`` into a grid of a given width. Pure.
///
/// ```
/// Shapes, drawn on the fly.                <- a note, as prose (a `# heading` line in bold)
/// ❯ load shapes count=3000 classes=3       <- the command; state on the right
///   loaded 3000 images ...                  <- output blocks, indented 2
///                                           <- one blank row (none after a note attached to its command)
/// ```
public struct CellRenderer: Sendable {
    public var blocks: BlockRenderer
    /// Columns the output is indented by.
    public static let indent = 2

    public init(blocks: BlockRenderer) { self.blocks = blocks }

    private var glyphs: Glyphs { blocks.options.glyphs }
    private var prompt: String { glyphs == .unicode ? "❯ " : "> " }

    /// The cell laid out `width` columns wide, `selected` drawn in reverse video; a cell being `edited`
    /// (its text is on the input line) says so on the right.
    public func grid(for cell: NotebookCell, width: Int, selected: Bool, edited: Bool = false) -> Grid {
        let width = max(Self.indent + 1, width)
        var parts: [Grid] = []
        if cell.state == .note {
            parts = noteRows(cell, width: width, selected: selected, edited: edited)
            if !cell.attached {
                parts.append(Grid(width: width, height: 1))
            }
            return stack(parts, width: width)
        }
        parts.append(header(cell, width: width, selected: selected, edited: edited))
        if cell.folded {
            let rows = outputGrids(cell, width: width).reduce(0) { $0 + $1.height }
            parts.append(textRow("  " + glyphs.ellipsis + " \(rows) row\(rows == 1 ? "" : "s") folded", width: width, style: .dim))
        } else {
            for output in outputGrids(cell, width: width) {
                var row = Grid(width: width, height: output.height)
                row.blit(output, x: Self.indent, y: 0)
                parts.append(row)
            }
        }
        parts.append(Grid(width: width, height: 1))
        return stack(parts, width: width)
    }

    /// A note's lines wrapped to the width: prose, a line starting with `#` as a bold heading (without
    /// its `#`s); selected or edited, every row in reverse video.
    private func noteRows(_ cell: NotebookCell, width: Int, selected: Bool, edited: Bool) -> [Grid] {
        var rows: [Grid] = []
        let tag = edited ? "editing" : ""
        let room = tag.isEmpty ? width : max(1, width - TextWidth.of(tag) - 1)
        for line in NotebookSource.Cell.note(cell.source).lines {
            let heading = line.hasPrefix("#")
            let text = heading ? String(line.drop { $0 == "#" || $0 == " " }) : line
            for piece in TextWrap.lines(of: text, width: room) {
                rows.append(textRow(piece, width: width, style: heading ? .bold : .plain))
            }
        }
        if !tag.isEmpty, var first = rows.first {
            first.put(tag, in: Rect(x: width - TextWidth.of(tag), y: 0, width: TextWidth.of(tag), height: 1), style: tagStyle(.queued))
            rows[0] = first
        }
        if selected || edited {
            rows = rows.map { row in
                var marked = row
                marked.setStyle(Style(attributes: [.reverse]), in: marked.area)
                return marked
            }
        }
        return rows
    }

    /// Output grids of the cell's blocks at the indented width.
    private func outputGrids(_ cell: NotebookCell, width: Int) -> [Grid] {
        cell.blocks.map { blocks.grid(for: $0, width: max(1, width - Self.indent)) }
    }

    private func header(_ cell: NotebookCell, width: Int, selected: Bool, edited: Bool) -> Grid {
        var row = Grid(width: width, height: 1)
        let marked = !edited && cell.state == .done && cell.expectations.total > 0
        let tag = edited ? "editing" : marked ? expectationTag(cell.expectations) : stateTag(cell.state)
        let tagWidth = tag.isEmpty ? 0 : TextWidth.of(tag) + 1
        let promptStyle = blocks.options.tint(Style(foreground: .green, attributes: .bold))
        let x = row.put(prompt, x: 0, y: 0, style: cell.state == .notRun ? .dim : promptStyle)
        let room = Rect(x: x, y: 0, width: max(0, width - x - tagWidth), height: 1)
        row.put(cell.source, in: room, style: cell.state == .notRun ? .dim : .bold, ellipsis: glyphs.ellipsis)
        if !tag.isEmpty {
            let style = marked ? blocks.options.tint(Style(foreground: cell.expectations.failed == 0 ? .green : .red)) : tagStyle(cell.state)
            row.put(tag, in: Rect(x: width - tagWidth + 1, y: 0, width: tagWidth - 1, height: 1), style: style)
        }
        if selected || edited {
            for cx in 0..<width {
                var c = row[cx, 0]
                c.attributes.insert(.reverse)
                row[cx, 0] = c
            }
        }
        return row
    }

    /// The word on the right of a command's row.
    func stateTag(_ state: NotebookCell.State) -> String {
        switch state {
        case .notRun: "not run"
        case .queued: "queued"
        case .running: "running" + glyphs.ellipsis
        case .done, .note: ""
        case .failed: "failed"
        case .stopped: "stopped"
        case .refused: "refused"
        }
    }

    /// The mark of a cell whose `expect` lines ran: `✓ held`, or `✗ not met` (`✗ 1 of 2 not met` for several).
    func expectationTag(_ tally: ExpectationTally) -> String {
        let ascii = glyphs == .ascii
        if tally.failed == 0 { return (ascii ? "PASS" : "✓") + " held" }
        return (ascii ? "FAIL" : "✗") + (tally.total > 1 ? " \(tally.failed) of \(tally.total)" : "") + " not met"
    }

    private func tagStyle(_ state: NotebookCell.State) -> Style {
        switch state {
        case .failed, .refused: blocks.options.tint(Style(foreground: .red))
        case .stopped: blocks.options.tint(Style(foreground: .yellow))
        case .running, .queued: blocks.options.tint(Style(foreground: .cyan))
        default: .dim
        }
    }

    private func textRow(_ text: String, width: Int, style: Style) -> Grid {
        var row = Grid(width: width, height: 1)
        row.put(text, in: row.area, style: style, ellipsis: glyphs.ellipsis)
        return row
    }

    private func stack(_ parts: [Grid], width: Int) -> Grid {
        var grid = Grid(width: width, height: parts.reduce(0) { $0 + $1.height })
        var y = 0
        for part in parts {
            grid.blit(part, x: 0, y: y)
            y += part.height
        }
        return grid
    }
}
