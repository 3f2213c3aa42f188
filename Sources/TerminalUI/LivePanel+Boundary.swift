import Foundation
import Canvas
import Notebook

extension LivePanel {
    /// Draws the watched decision boundary beside the charts (when both fit), else below them, else in their
    /// place: its title (wrapped at words over up to three rows, so the epoch stamp always shows), the
    /// square picture and the legend; returns the charts' area.
    func place(_ boundary: PlaneBlock, besideOrBelow charts: Rect, into grid: inout Grid) -> Rect {
        guard let panel = boundary.panels.first else { return charts }
        // A square picture: twice as many columns as rows (a cell is about twice as tall as wide).
        func titleRows(_ width: Int) -> Int { Self.boundaryTitle(boundary.title, width: width).count }
        // Beside: at least wide enough for the stamp `epoch 300, batch 16/16:` on one row.
        func besideWidth(_ rows: Int) -> Int { max(2 * rows, 26) }
        var rows = min(24, charts.height - 1 - titleRows(besideWidth(charts.height)))
        while rows >= 6, rows + 1 + titleRows(besideWidth(rows)) > charts.height { rows -= 1 }
        if rows >= 6, charts.width - besideWidth(rows) - 2 >= 40 {
            let area = Rect(x: charts.maxX - besideWidth(rows), y: charts.y, width: besideWidth(rows), height: charts.height)
            draw(boundary, panel, into: &grid, area: area, rows: rows)
            return Rect(x: charts.x, y: charts.y, width: charts.width - besideWidth(rows) - 2, height: charts.height)
        }
        let below = min(charts.width / 2, charts.height - 10 - titleRows(charts.width))
        if below >= 6 {
            let height = below + 1 + titleRows(2 * below)
            let area = Rect(x: charts.x, y: charts.maxY - height, width: 2 * below, height: height)
            draw(boundary, panel, into: &grid, area: area, rows: below)
            return Rect(x: charts.x, y: charts.y, width: charts.width, height: charts.height - height - 1)
        }
        let width = charts.width
        let whole = max(0, min(width / 2, charts.height - 1 - titleRows(width)))
        draw(boundary, panel, into: &grid, area: Rect(x: charts.x, y: charts.y, width: width, height: charts.height), rows: whole)
        return Rect(x: charts.x, y: charts.y, width: 0, height: 0)
    }

    /// The title over the top rows of `area`, the picture (`rows` rows, twice as many columns) and the class
    /// legend under it.
    private func draw(_ boundary: PlaneBlock, _ panel: PlaneBlock.Panel, into grid: inout Grid, area: Rect, rows: Int) {
        let title = Self.boundaryTitle(boundary.title, width: area.width)
        for (i, line) in title.enumerated() where i < area.height {
            grid.put(line, in: Rect(x: area.x, y: area.y + i, width: area.width, height: 1), style: .bold, ellipsis: options.glyphs.ellipsis)
        }
        let top = area.y + title.count
        guard rows > 0, top + rows < area.maxY + 1 else { return }
        grid.draw(boundary.plot(panel, options: options), in: Rect(x: area.x, y: top, width: min(area.width, 2 * rows), height: rows))
        var x = area.x
        let legendRow = top + rows
        guard legendRow < area.maxY else { return }
        for (text, style) in boundary.legend(options: options) where x < area.maxX {
            x = grid.put(text, x: x, y: legendRow, style: style, clip: area) + 2
        }
    }

    /// The title wrapped at words as `titleLines` does, except inside its stamp (`epoch E, batch B/NB:`),
    /// which stays on one row.
    static func boundaryTitle(_ title: String, width: Int) -> [String] {
        guard title.hasPrefix("epoch "), let end = title.range(of: ": ") else { return titleLines(title, width: width) }
        let stamp = title[..<end.lowerBound].replacingOccurrences(of: " ", with: "\u{A0}")
        return titleLines(stamp + title[end.lowerBound...], width: width).map { $0.replacingOccurrences(of: "\u{A0}", with: " ") }
    }
}
