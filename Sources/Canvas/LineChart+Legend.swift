// The legend of a LineChart: one entry per named series, each a sample of the
// series' line (braille, in its dash pattern and colour, with its marker in the
// middle when points are marked) or its ASCII marker.
extension LineChart {
    /// The legend symbol of series `index`: a short braille sample of its dash
    /// pattern through the middle of the cells (its marker in the middle cell when
    /// ``marksPoints``), or its ASCII marker.
    public func legendSymbol(ofSeries index: Int) -> String {
        guard options.glyphs == .unicode else { return String(marker(ofSeries: index)) }
        let pattern = pattern(ofSeries: index)
        var raster = DotRaster(columns: Self.legendSampleWidth, rows: 1, braille: true)
        for x in 0..<raster.dotWidth where pattern.isOn(x) { raster.set(x: x, y: 1, series: index) }
        let middle = Self.legendSampleWidth / 2
        return String((0..<Self.legendSampleWidth).map { column in
            marksPoints && column == middle ? marker(ofSeries: index) : raster.brailleCharacter(column: column, row: 0) ?? " "
        })
    }

    /// The legend laid out in rows of at most `width` columns: each entry is a series
    /// index and its column offset. Entries are two blanks apart; an entry too wide
    /// for a row gets a row of its own (and is cut when drawn).
    func legendRows(width: Int) -> [[(index: Int, x: Int)]] {
        let entries = series.enumerated().filter { !$0.element.name.isEmpty }.map { index, s in
            (index: index, width: TextWidth.of(legendSymbol(ofSeries: index)) + 1 + TextWidth.of(s.name))
        }
        return Self.flow(entries, gap: 2, width: width)
    }

    /// Entries (an index and a width) laid out left to right in rows of at most `width`, `gap` apart: each
    /// entry's index and its offset in its row. An entry too wide for a row gets a row of its own.
    static func flow(_ entries: [(index: Int, width: Int)], gap: Int, width: Int) -> [[(index: Int, x: Int)]] {
        var rows: [[(index: Int, x: Int)]] = []
        var current: [(index: Int, x: Int)] = []
        var x = 0
        for entry in entries {
            let start = current.isEmpty ? 0 : x + gap
            if !current.isEmpty, start + entry.width > width {
                rows.append(current)
                current = [(entry.index, 0)]
                x = entry.width
            } else {
                current.append((entry.index, start))
                x = start + entry.width
            }
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// Rows the legend needs at `width` (0 without a legend).
    public func legendHeight(width: Int) -> Int {
        guard showLegend else { return 0 }
        return legendRows(width: width).count
    }

    func drawLegend(into grid: inout Grid, area: Rect) {
        for (row, entries) in legendRows(width: area.width).enumerated() where row < area.height {
            let y = area.y + row
            for entry in entries {
                let style = Style(foreground: options.tint(color(ofSeries: entry.index)))
                let x = grid.put(legendSymbol(ofSeries: entry.index), x: area.x + entry.x, y: y, style: style, clip: area)
                grid.put(" " + series[entry.index].name, x: x, y: y, clip: area)
            }
        }
    }
}
