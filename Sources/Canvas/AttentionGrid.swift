/// Attention patterns as colour heatmaps: one or more query x key matrices side by side (small
/// multiples, wrapping to the width), each with a caption, key labels above, query labels on the left
/// and its strongest cell named under it, and one colour scale with its values below them all.
///
/// How a cell is drawn depends on what the output shows:
/// - colour with Unicode glyphs, truecolor or 256 colours: blocks `██` in the ramp's colour;
/// - 16 colours: the ramp's character (`" .:-=+*#%@"`) in the nearest of the 16 colours, so levels that
///   fall on one colour still differ;
/// - monochrome or ASCII: the ramp's characters alone.
/// `compact` panels (a model view of every layer and head) drop the labels and take one column per key;
/// with blocks they pack two queries into one text row with the half block `▀`.
///
/// Values are placed on the ramp by `range` (attention weights: 0...1, so patterns compare across
/// heads and epochs); NaN cells stay blank.
public struct AttentionGrid: Widget {
    public var panels: [AttentionPanel]
    /// Value range mapped onto the ramp.
    public var range: ClosedRange<Double>
    public var ramp: ColorRamp
    /// Thumbnails without labels.
    public var compact: Bool
    public var options: RenderOptions
    /// The colours the output can show; 16 colours switch the cells to coloured characters.
    public var colorDepth: ColorDepth

    /// Blank columns between panels.
    public static let gap = 2
    /// Cells of the colour scale.
    public static let scaleSteps = 10

    public init(panels: [AttentionPanel], range: ClosedRange<Double> = 0...1, ramp: ColorRamp = .viridis,
                compact: Bool = false, options: RenderOptions = .unicode, colorDepth: ColorDepth = .truecolor) {
        self.panels = panels
        self.range = range
        self.ramp = ramp
        self.compact = compact
        self.options = options
        self.colorDepth = colorDepth
    }

    /// Whether cells are coloured blocks (else ramp characters).
    var blocks: Bool { options.color && options.glyphs == .unicode && colorDepth != .ansi16 }
    /// Two queries per text row.
    var halfBlocks: Bool { compact && blocks }
    var keys: Int { panels.map(\.keys).max() ?? 0 }
    var queries: Int { panels.map(\.queries).max() ?? 0 }
    var labelWidth: Int {
        guard !compact else { return 0 }
        let widest = panels.flatMap(\.queryLabels).map { TextWidth.of($0) }.max() ?? 0
        return widest == 0 ? 0 : widest + 1
    }
    /// Text columns per key: room for the widest key label and a blank, at least two (square-ish cells).
    var cellWidth: Int {
        guard !compact else { return 1 }
        let widest = panels.flatMap(\.keyLabels).map { TextWidth.of($0) }.max() ?? 0
        return max(2, widest + 1)
    }
    /// Text columns of one panel: the matrix with its labels, or the widest caption or strongest-cell line.
    public var panelWidth: Int {
        let texts = panels.flatMap { [$0.caption, $0.strongestDescription(arrow: arrow)] }
        return max(labelWidth + keys * cellWidth, texts.map { TextWidth.of($0) }.max() ?? 0)
    }
    var arrow: String { options.glyphs == .unicode ? "→" : "->" }
    /// Caption, key labels, matrix rows, strongest cell.
    var panelHeight: Int {
        let matrixRows = halfBlocks ? (queries + 1) / 2 : queries
        return 1 + (compact ? 0 : 1) + matrixRows + 1
    }

    /// Panels per row at `width` (at least one).
    public func columns(width: Int) -> Int {
        max(1, min(panels.count, (width + Self.gap) / max(1, panelWidth + Self.gap)))
    }

    /// The rows needed at `width`: rows of panels with a blank between them, then the scale.
    public func height(width: Int) -> Int {
        guard !panels.isEmpty else { return 0 }
        let perRow = columns(width: width)
        let rows = (panels.count + perRow - 1) / perRow
        return rows * panelHeight + (rows - 1) + 1
    }

    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, !panels.isEmpty else { return }
        let perRow = columns(width: area.width)
        for (i, panel) in panels.enumerated() {
            let x = area.x + (i % perRow) * (panelWidth + Self.gap)
            let y = area.y + (i / perRow) * (panelHeight + 1)
            let rect = Rect(x: x, y: y, width: panelWidth, height: panelHeight).intersection(area)
            draw(panel, into: &grid, area: rect)
        }
        let rows = (panels.count + perRow - 1) / perRow
        drawScale(into: &grid, x: area.x, y: area.y + rows * (panelHeight + 1) - 1, clip: area)
    }

    private func draw(_ panel: AttentionPanel, into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let ellipsis = options.glyphs.ellipsis
        grid.put(panel.caption, in: Rect(x: area.x, y: area.y, width: area.width, height: 1), style: .bold, ellipsis: ellipsis)
        var top = area.y + 1
        if !compact {
            for (k, label) in panel.keyLabels.prefix(panel.keys).enumerated() {
                let rect = Rect(x: area.x + labelWidth + k * cellWidth, y: top, width: cellWidth - 1, height: 1)
                grid.put(label, in: rect.intersection(area), alignment: .right, style: .dim, ellipsis: "")
            }
            for (q, label) in panel.queryLabels.prefix(panel.queries).enumerated() {
                let rect = Rect(x: area.x, y: top + 1 + q, width: labelWidth - 1, height: 1)
                grid.put(label, in: rect.intersection(area), alignment: .right, style: .dim, ellipsis: "")
            }
            top += 1
        }
        let matrix = Rect(x: area.x + labelWidth, y: top, width: panel.keys * cellWidth, height: area.maxY - top - 1).intersection(area)
        paint(panel, into: &grid, area: matrix)
        grid.put(panel.strongestDescription(arrow: arrow), in: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1),
                 style: .dim, ellipsis: ellipsis)
    }

    private func paint(_ panel: AttentionPanel, into grid: inout Grid, area: Rect) {
        func position(_ q: Int, _ k: Int) -> Double { ColorRamp.normalize(panel.weight(q, k), in: range) }
        if halfBlocks {
            HalfBlockPainter.paint(into: &grid, at: (area.x, area.y), clip: area, width: panel.keys, pixelHeight: panel.queries) { k, q in
                let t = position(q, k)
                return t.isNaN ? nil : ramp.color(at: t)
            }
            return
        }
        for q in 0..<panel.queries {
            for k in 0..<panel.keys {
                let t = position(q, k)
                guard !t.isNaN else { continue }
                let cell = self.cell(at: t)
                for dx in 0..<cellWidth {
                    let x = area.x + k * cellWidth + dx
                    let y = area.y + q
                    if area.contains(x: x, y: y) { grid[x, y] = cell }
                }
            }
        }
    }

    /// One cell of the matrix (or the scale) at ramp position `t`.
    func cell(at t: Double) -> Cell {
        if blocks { return Cell("█", style: Style(foreground: ramp.color(at: t))) }
        return Cell(HalfBlockPainter.rampCharacter(t), style: Style(foreground: options.tint(ramp.color(at: t))))
    }

    /// `scale 0 ██████████ 1`: the ramp from the range's lower to its upper bound.
    private func drawScale(into grid: inout Grid, x: Int, y: Int, clip: Rect) {
        let low = NumberFormat.compact(range.lowerBound)
        let high = NumberFormat.compact(range.upperBound)
        var column = grid.put("scale " + low + " ", x: x, y: y, style: .dim, clip: clip)
        for i in 0..<Self.scaleSteps {
            let t = Double(i) / Double(Self.scaleSteps - 1)
            let cell = self.cell(at: t)
            column = grid.put(cell.symbol, x: column, y: y, style: cell.style, clip: clip)
        }
        grid.put(" " + high, x: column, y: y, style: .dim, clip: clip)
    }
}
