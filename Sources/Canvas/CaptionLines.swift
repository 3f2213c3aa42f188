/// Captions under picture tiles (``ImageGrid``, ``HeatmapOverlay``): one row, or two when a caption is
/// wider than its tile, broken at the last blank that fits (`triangle > circle` / `87%`). Only a word
/// wider than the tile is cut, with an ellipsis, when drawn.
enum CaptionLines {
    /// Most rows a caption takes.
    static let maximumRows = 2

    /// `caption` in at most ``maximumRows`` rows of `width` columns (the last may still be too wide).
    static func lines(_ caption: String, width: Int) -> [String] {
        guard TextWidth.of(caption) > width, width > 0 else { return [caption] }
        let characters = Array(caption)
        var split: Int?
        var used = 0
        for (index, character) in characters.enumerated() {
            if character == " ", index > 0 { split = index }
            used += TextWidth.of(String(character))
            if used > width { break }
        }
        guard let split else { return [caption] }
        let rest = String(characters[(split + 1)...])
        return [String(characters[..<split]), rest]
    }

    /// Rows the captions of a row of tiles take: the most any of them needs.
    static func rows(_ captions: [String], width: Int) -> Int {
        captions.map { lines($0, width: width).count }.max() ?? 1
    }

    /// Draws `caption` centred in the rows of `area` (one per line), cutting what still does not fit.
    static func draw(_ caption: String, into grid: inout Grid, area: Rect, style: Style, ellipsis: String) {
        for (row, line) in lines(caption, width: area.width).enumerated() where row < area.height {
            grid.put(line, in: Rect(x: area.x, y: area.y + row, width: area.width, height: 1), alignment: .center,
                     style: style, ellipsis: ellipsis)
        }
    }
}
