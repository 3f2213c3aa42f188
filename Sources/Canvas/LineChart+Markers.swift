// Markers on the data points of braille series drawn without colour: a dash pattern alone tells
// two series apart, but not four (a steep dotted line looks solid), so each series also marks its
// points with its ASCII marker (`*`, `o`, `+`, `x`, ...), the same one its legend entry shows.
extension LineChart {
    /// Whether the points of braille series carry their series' marker: drawn without colour (or
    /// ``patterned`` set) with two series or more.
    public var marksPoints: Bool {
        options.glyphs == .unicode && (patterned ?? !options.color) && series.count { !$0.points.isEmpty } >= 2
    }

    /// The cells (relative to the plot) where series `index` shows its marker: every point when the
    /// points are at least ``markerSpacing(columns:)`` columns apart, otherwise one point per that many
    /// columns, each series starting at its own offset so that series of many points do not mark the same columns.
    func markedCells(ofSeries index: Int, columns: Int, rows: Int, cell: (ChartSeries.Point) -> (column: Int, row: Int)?) -> [(column: Int, row: Int)] {
        let cells = series[index].points.compactMap(cell).filter { $0.column >= 0 && $0.column < columns && $0.row >= 0 && $0.row < rows }
        let spacing = markerSpacing(columns: columns)
        guard cells.count * spacing > columns else { return cells }
        var next = index * spacing / max(1, series.count)
        var marked: [(column: Int, row: Int)] = []
        for c in cells where c.column >= next {
            marked.append(c)
            next = c.column + spacing
        }
        return marked
    }

    /// Columns between two markers of one series on a plot `columns` wide.
    func markerSpacing(columns: Int) -> Int { max(4, columns / 12) }

    /// Puts each series' marker on its marked cells. Where an earlier series' marker already sits (lines that
    /// meet or run together), the marker goes into the next cell right of it, or left, so both show.
    func drawMarkers(into grid: inout Grid, plot: Rect, cell: (ChartSeries.Point) -> (column: Int, row: Int)?) {
        guard marksPoints else { return }
        var taken: Set<Int> = []
        for index in series.indices {
            let style = Style(foreground: options.tint(color(ofSeries: index)))
            for c in markedCells(ofSeries: index, columns: plot.width, rows: plot.height, cell: cell) {
                let free = [c.column, c.column + 1, c.column - 1].first { column in
                    column >= 0 && column < plot.width && !taken.contains(c.row * plot.width + column)
                }
                guard let column = free else { continue }
                taken.insert(c.row * plot.width + column)
                grid[plot.x + column, plot.y + c.row] = Cell(marker(ofSeries: index), style: style)
            }
        }
    }
}
