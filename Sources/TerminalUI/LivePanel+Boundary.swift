import Canvas
import Notebook

extension LivePanel {
    /// Draws the watched decision boundary beside the charts (when both fit), else below them, else in their
    /// place: its title, the square picture and the legend; returns the charts' area.
    func place(_ boundary: PlaneBlock, besideOrBelow charts: Rect, into grid: inout Grid) -> Rect {
        guard let panel = boundary.panels.first else { return charts }
        // A square: twice as many columns as rows (a cell is about twice as tall as wide).
        let rowsBeside = min(charts.height - 2, 24)
        let sideBeside = 2 * rowsBeside
        if rowsBeside >= 6, charts.width - sideBeside - 2 >= 40 {
            let area = Rect(x: charts.maxX - sideBeside, y: charts.y, width: sideBeside, height: rowsBeside + 2)
            draw(boundary, panel, into: &grid, area: area)
            return Rect(x: charts.x, y: charts.y, width: charts.width - sideBeside - 2, height: charts.height)
        }
        let rows = min(charts.width / 2, max(0, charts.height - 2 - 9))
        if rows >= 6 {
            let area = Rect(x: charts.x, y: charts.maxY - rows - 2, width: min(charts.width, 2 * rows), height: rows + 2)
            draw(boundary, panel, into: &grid, area: area)
            return Rect(x: charts.x, y: charts.y, width: charts.width, height: charts.height - rows - 3)
        }
        let whole = max(1, min(charts.height - 2, charts.width / 2))
        draw(boundary, panel, into: &grid, area: Rect(x: charts.x, y: charts.y, width: min(charts.width, 2 * whole), height: whole + 2))
        return Rect(x: charts.x, y: charts.y, width: 0, height: 0)
    }

    /// The title on the top row, the picture, the class legend on the bottom row.
    private func draw(_ boundary: PlaneBlock, _ panel: PlaneBlock.Panel, into grid: inout Grid, area: Rect) {
        guard area.height >= 3 else { return }
        grid.put(boundary.title, in: Rect(x: area.x, y: area.y, width: area.width, height: 1), style: .bold, ellipsis: options.glyphs.ellipsis)
        grid.draw(boundary.plot(panel, options: options), in: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2))
        var x = area.x
        for (text, style) in boundary.legend(options: options) where x < area.maxX {
            x = grid.put(text, x: x, y: area.maxY - 1, style: style, clip: area) + 2
        }
    }
}
