import Canvas

/// Drawing the help view: a title row, then the list (with the selected command's usage on the last
/// row) or the page.
extension HelpView {
    /// The view drawn `width` x `height`; `options` decide glyphs and colour.
    public func grid(width: Int, height: Int, options: RenderOptions = .unicode) -> Grid {
        var grid = Grid(width: max(1, width), height: max(1, height))
        guard width > 0, height > 0 else { return grid }
        var view = self
        view.size = Size(width: width, height: height)
        let titleStyle = options.tint(Style(foreground: .cyan, attributes: .bold))
        let titleRow = Rect(x: 0, y: 0, width: width, height: 1)
        if let page {
            let lines = page.lines(width: width - 1)
            let first = max(0, min(pageTop, view.maxPageTop))
            grid.put("Help: " + page.topic, in: titleRow, style: titleStyle, ellipsis: options.glyphs.ellipsis)
            let shown = min(lines.count - first, view.visibleRows)
            var hint = "Backspace list  Esc close"
            if lines.count > view.visibleRows {
                hint = "\(first + 1)-\(first + shown)/\(lines.count)  " + hint
            }
            putHint(hint, into: &grid, row: titleRow, options: options)
            for (offset, line) in lines.dropFirst(first).prefix(view.visibleRows).enumerated() {
                grid.put(line.text, in: Rect(x: 0, y: 1 + offset, width: width, height: 1), style: line.style,
                         ellipsis: options.glyphs.ellipsis)
            }
            return grid
        }
        grid.put("Help: commands", in: titleRow, style: titleStyle, ellipsis: options.glyphs.ellipsis)
        putHint("Enter open  letters jump  Esc close", into: &grid, row: titleRow, options: options)
        let nameWidth = min(max(8, width / 3), Self.rows.compactMap { $0.name.map(TextWidth.of) }.max() ?? 8)
        let first = Self.clampedTop(top, selected: selected, visible: view.visibleRows, count: Self.rows.count)
        for (offset, row) in Self.rows.dropFirst(first).prefix(view.visibleRows).enumerated() {
            let area = Rect(x: 0, y: 1 + offset, width: width, height: 1)
            switch row {
            case .group(let name):
                grid.put(name, in: area, style: .bold, ellipsis: options.glyphs.ellipsis)
            case .command(let name, let summary, _):
                let isSelected = first + offset == selected
                let padded = name + String(repeating: " ", count: max(0, nameWidth - TextWidth.of(name)))
                let style = isSelected ? Style(attributes: .reverse) : .plain
                if isSelected {
                    grid.fill(area, with: Cell(" ", style: style))
                }
                grid.put((isSelected ? "> " : "  ") + padded + "  " + summary, in: area, style: style, ellipsis: options.glyphs.ellipsis)
            }
        }
        if height >= 3 {
            let bottom = Rect(x: 0, y: height - 1, width: width, height: 1)
            grid.fill(bottom)
            if let notice {
                grid.put(notice, in: bottom, style: options.tint(Style(foreground: .yellow)), ellipsis: options.glyphs.ellipsis)
            } else if case .command(_, _, let syntax) = Self.rows[selected] {
                let jump = prefix.isEmpty ? "" : "jump '\(prefix)'  "
                grid.put(jump + "usage: " + syntax, in: bottom, style: .dim, ellipsis: options.glyphs.ellipsis)
            }
        }
        return grid
    }

    /// The keys, right-aligned on the title row when they fit after the title.
    private func putHint(_ hint: String, into grid: inout Grid, row: Rect, options: RenderOptions) {
        var used = 0
        for x in stride(from: row.maxX - 1, through: 0, by: -1) where grid[x, row.y].symbol != " " {
            used = x + 1
            break
        }
        let room = row.width - used - 2
        guard room >= TextWidth.of(hint) else { return }
        grid.put(hint, in: row, alignment: .right, style: .dim)
    }
}
