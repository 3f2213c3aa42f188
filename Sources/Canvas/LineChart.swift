/// A line chart of one or more series, drawn with braille dots (2×4 per cell)
/// or, with ASCII glyphs, one marker per cell (`*`, `+`, `o`, `x`, …).
///
/// Layout inside the area, top to bottom: the plot with y labels (max, mid,
/// min) and a y axis on its left, the x axis, the x range labels, the legend.
/// Parts are dropped when the area is too small. Ranges default to the finite
/// data; a degenerate range (constant series, single point) is widened around
/// the value so it draws in the middle.
public struct LineChart: Widget {
    /// The series, drawn in order (later ones on top).
    public var series: [ChartSeries]
    /// Fixed x range, or `nil` for the data's.
    public var xRange: ClosedRange<Double>?
    /// Fixed y range, or `nil` for the data's.
    public var yRange: ClosedRange<Double>?
    /// Whether to draw axes and labels.
    public var showAxes: Bool
    /// Whether to draw a legend line (only named series appear).
    public var showLegend: Bool
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Colours given to series without their own, by position.
    public static let defaultColors: [CanvasColor] = [.cyan, .yellow, .magenta, .green, .red, .blue]
    /// ASCII markers given to series by position.
    public static let asciiMarkers: [Character] = ["*", "+", "o", "x", "#", "@"]

    /// Creates a chart.
    public init(series: [ChartSeries], xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                showAxes: Bool = true, showLegend: Bool = true, options: RenderOptions = .unicode) {
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.showAxes = showAxes
        self.showLegend = showLegend
        self.options = options
    }

    /// A chart of y-only values with one series.
    public init(values: [Double], name: String = "", options: RenderOptions = .unicode) {
        self.init(series: [ChartSeries(name: name, values: values)], options: options)
    }

    /// The colour used for series `index`.
    public func color(ofSeries index: Int) -> CanvasColor {
        series[index].color ?? Self.defaultColors[index % Self.defaultColors.count]
    }

    /// The x and y ranges actually drawn (after defaults and widening).
    public var resolvedRanges: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let x = xRange ?? Self.span(finite.map(\.x))
        let y = yRange ?? Self.span(finite.map(\.y))
        return (Self.widened(x), Self.widened(y))
    }

    /// Draws the plot, axes and legend into `area`.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let (xr, yr) = resolvedRanges
        let braille = options.glyphs == .unicode
        let legendWanted = showLegend && series.contains { !$0.name.isEmpty }
        var rest = area
        var legendArea: Rect?
        if legendWanted, rest.height >= (showAxes ? 4 : 2) {
            let split = rest.splitBottom(1)
            rest = split.rest
            legendArea = split.bottom
        }
        var plot = rest
        let dotsPerRow = braille ? 4 : 1
        if showAxes, rest.height >= 3 {
            let (above, labelRow) = rest.splitBottom(1)
            let (plotRows, axisRow) = above.splitBottom(1)
            let labels = yLabels(range: yr, rows: plotRows.height, dotsPerRow: dotsPerRow)
            let labelWidth = labels.map { TextWidth.of($0.text) }.max() ?? 0
            if plotRows.width >= labelWidth + 2 {
                plot = plotRows.inset(left: labelWidth + 1)
                drawAxes(into: &grid, plot: plot, axisRow: axisRow, labelRow: labelRow,
                         labels: labels, labelWidth: labelWidth, xRange: xr)
            }
        }
        if let legendArea {
            drawLegend(into: &grid, area: legendArea.inset(left: plot.x - area.x))
        }
        plotSeries(into: &grid, plot: plot, xRange: xr, yRange: yr, braille: braille)
    }

    // MARK: - Plot

    private func plotSeries(into grid: inout Grid, plot: Rect, xRange: ClosedRange<Double>,
                            yRange: ClosedRange<Double>, braille: Bool) {
        guard !plot.isEmpty else { return }
        var raster = DotRaster(columns: plot.width, rows: plot.height, braille: braille)
        let maxX = Double(raster.dotWidth - 1), maxY = Double(raster.dotHeight - 1)
        func dot(_ p: ChartSeries.Point) -> (Double, Double) {
            ((p.x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * maxX,
             (yRange.upperBound - p.y) / (yRange.upperBound - yRange.lowerBound) * maxY)
        }
        for (index, s) in series.enumerated() {
            var previous: (Double, Double)?
            for point in s.points {
                guard point.x.isFinite, point.y.isFinite else { previous = nil; continue }
                let current = dot(point)
                // Ranges spanning more than Double.greatestFiniteMagnitude give non-finite positions.
                guard current.0.isFinite, current.1.isFinite else { previous = nil; continue }
                let start = s.connected ? (previous ?? current) : current
                if let (a, b) = Self.clip(from: start, to: current, width: maxX, height: maxY) {
                    raster.line(from: a, to: b, series: index)
                }
                previous = current
            }
        }
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                guard let owner = raster.owner(column: column, row: row) else { continue }
                let symbol: Character = braille
                    ? raster.brailleCharacter(column: column, row: row) ?? " "
                    : Self.asciiMarkers[owner % Self.asciiMarkers.count]
                let style = Style(foreground: options.tint(color(ofSeries: owner)))
                grid[plot.x + column, plot.y + row] = Cell(symbol, style: style)
            }
        }
    }

    /// Clips a segment in dot space to [-0.5, width+0.5] × [-0.5, height+0.5] (Liang–Barsky) and rounds it.
    static func clip(from a: (Double, Double), to b: (Double, Double), width: Double, height: Double)
        -> ((x: Int, y: Int), (x: Int, y: Int))? {
        let dx = b.0 - a.0, dy = b.1 - a.1
        var t0 = 0.0, t1 = 1.0
        let edges = [(-dx, a.0 + 0.5), (dx, width + 0.499 - a.0), (-dy, a.1 + 0.5), (dy, height + 0.499 - a.1)]
        for (p, q) in edges {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; t0 = max(t0, r) } else { if r < t0 { return nil }; t1 = min(t1, r) }
            }
        }
        func rounded(_ t: Double) -> (x: Int, y: Int) {
            let x = Rounding.round(a.0 + t * dx), y = Rounding.round(a.1 + t * dy)
            return (Int(min(max(x, 0), width)), Int(min(max(y, 0), height)))
        }
        return (rounded(t0), rounded(t1))
    }

    // MARK: - Axes and legend

    /// Labels for the top row (maximum), bottom row (minimum) and, with three or
    /// more rows, the midpoint on the row where a point at the midpoint is plotted.
    private func yLabels(range: ClosedRange<Double>, rows: Int, dotsPerRow: Int) -> [(row: Int, text: String)] {
        guard rows > 0 else { return [] }
        var labels = [(row: 0, text: NumberFormat.compact(range.upperBound))]
        if rows >= 3 {
            let middleDot = Rounding.roundToInt(Double(rows * dotsPerRow - 1) / 2)
            let middle = (range.lowerBound + range.upperBound) / 2
            labels.append((middleDot / dotsPerRow, NumberFormat.compact(middle)))
        }
        if rows >= 2 { labels.append((rows - 1, NumberFormat.compact(range.lowerBound))) }
        return labels
    }

    private func drawAxes(into grid: inout Grid, plot: Rect, axisRow: Rect, labelRow: Rect,
                          labels: [(row: Int, text: String)], labelWidth: Int, xRange: ClosedRange<Double>) {
        let unicode = options.glyphs == .unicode
        let axisX = plot.x - 1
        let labelStyle = Style.plain
        let axisStyle = options.tint(Style(foreground: .brightBlack))
        for row in 0..<plot.height {
            let label = labels.first { $0.row == row }
            let tick = label != nil ? (unicode ? "┤" : "+") : (unicode ? "│" : "|")
            grid.put(tick, x: axisX, y: plot.y + row, style: axisStyle)
            if let label {
                let rect = Rect(x: axisX - labelWidth, y: plot.y + row, width: labelWidth, height: 1)
                grid.put(label.text, in: rect, alignment: .right, style: labelStyle)
            }
        }
        grid.put(unicode ? "└" : "+", x: axisX, y: axisRow.y, style: axisStyle)
        let rule = String(repeating: unicode ? "─" : "-", count: plot.width)
        grid.put(rule, x: plot.x, y: axisRow.y, style: axisStyle, clip: axisRow)
        let low = NumberFormat.compact(xRange.lowerBound), high = NumberFormat.compact(xRange.upperBound)
        let row = Rect(x: plot.x, y: labelRow.y, width: plot.width, height: 1)
        grid.put(low, in: row, alignment: .left, style: labelStyle)
        if TextWidth.of(low) + 1 + TextWidth.of(high) <= plot.width {
            grid.put(high, in: row, alignment: .right, style: labelStyle)
        }
    }

    private func drawLegend(into grid: inout Grid, area: Rect) {
        var x = area.x
        for (index, s) in series.enumerated() where !s.name.isEmpty {
            if x > area.x { x += 2 }
            let marker = options.glyphs == .unicode ? "●" : String(Self.asciiMarkers[index % Self.asciiMarkers.count])
            x = grid.put(marker, x: x, y: area.y, style: Style(foreground: options.tint(color(ofSeries: index))), clip: area)
            x = grid.put(" " + s.name, x: x, y: area.y, clip: area)
        }
    }

    // MARK: - Ranges

    static func span(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 0...1 }
        return low...high
    }

    /// A non-empty range: a degenerate one is widened by half its magnitude (or by 1 around zero).
    static func widened(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else { return 0...1 }
        guard range.upperBound <= range.lowerBound else { return range }
        let v = range.lowerBound
        let pad = v == 0 ? 1 : abs(v) * 0.5
        return (v - pad)...(v + pad)
    }
}
