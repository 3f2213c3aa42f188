/// A line chart of one or more series, drawn with braille dots (2×4 per cell)
/// or, with ASCII glyphs, one marker per cell (`*`, `o`, `+`, `x`, …).
///
/// Layout inside the area, top to bottom: the plot with y labels (the extremes
/// and a few round values between them) and a y axis on its left, the x axis
/// with tick marks, the x labels (first, last and round values between), the
/// legend (wrapped onto more rows when it is wide). Parts are dropped when the
/// area is too small. Ranges default to the finite data; a degenerate range
/// (constant series, single point) is widened around the value so it draws in
/// the middle.
///
/// Without colour, braille series are told apart by their dash pattern
/// (``LinePattern/cycle``) and, with two series or more, by their ASCII marker
/// on the data points (``marksPoints``); ASCII series by their marker. The
/// legend shows the same pattern and marker.
public struct LineChart: Widget {
    /// The series, drawn in order (later ones on top).
    public var series: [ChartSeries]
    /// Fixed x range, or `nil` for the data's.
    public var xRange: ClosedRange<Double>?
    /// Fixed y range (in data units, also with ``logScale``), or `nil` for the data's.
    public var yRange: ClosedRange<Double>?
    /// Whether to draw axes and labels.
    public var showAxes: Bool
    /// Whether to draw a legend line (only named series appear).
    public var showLegend: Bool
    /// Whether y is plotted on a base-10 logarithmic scale; values ≤ 0 are then skipped.
    public var logScale: Bool
    /// Whether series without their own ``ChartSeries/pattern`` are dashed by position;
    /// `nil`: exactly when ``options`` has no colour.
    public var patterned: Bool?
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Colours given to series without their own, by position.
    public static let defaultColors: [CanvasColor] = [.cyan, .yellow, .magenta, .green, .red, .blue]
    /// ASCII markers given to series by position.
    public static let asciiMarkers: [Character] = ["*", "o", "+", "x", "#", "@"]
    /// Cells of a braille legend sample.
    public static let legendSampleWidth = 3

    /// Creates a chart.
    public init(series: [ChartSeries], xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                showAxes: Bool = true, showLegend: Bool = true, logScale: Bool = false, patterned: Bool? = nil,
                options: RenderOptions = .unicode) {
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.showAxes = showAxes
        self.showLegend = showLegend
        self.logScale = logScale
        self.patterned = patterned
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

    /// The dash pattern used for series `index` in braille mode.
    public func pattern(ofSeries index: Int) -> LinePattern {
        if let own = series[index].pattern { return own }
        guard patterned ?? !options.color else { return .solid }
        return LinePattern.cycle[index % LinePattern.cycle.count]
    }

    /// The ASCII marker of series `index`.
    public func marker(ofSeries index: Int) -> Character {
        Self.asciiMarkers[index % Self.asciiMarkers.count]
    }

    /// `y` as plotted: itself, or its base-10 logarithm (NaN for y ≤ 0) with ``logScale``.
    public func plotted(_ y: Double) -> Double {
        guard logScale else { return y }
        return y > 0 ? AxisTicks.log10(y) : .nan
    }

    /// The x and y ranges actually drawn (after defaults and widening). With
    /// ``logScale`` the y range is in decades (base-10 logarithms).
    public var resolvedRanges: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let finite = series.flatMap(\.points)
            .map { (x: $0.x, y: plotted($0.y)) }
            .filter { $0.x.isFinite && $0.y.isFinite }
        let x = xRange ?? Self.span(finite.map(\.x))
        var y = Self.span(finite.map(\.y))
        if let yRange {
            let low = plotted(yRange.lowerBound), high = plotted(yRange.upperBound)
            if low.isFinite, high.isFinite, low <= high { y = low...high }
        }
        return (Self.widened(x), Self.widened(y, logarithmic: logScale))
    }

    /// Draws the plot, axes and legend into `area`.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let (xr, yr) = resolvedRanges
        let braille = options.glyphs == .unicode
        let legendWanted = showLegend && series.contains { !$0.name.isEmpty }
        let minimumPlot = showAxes ? 3 : 1
        var rest = area
        var legendArea: Rect?
        if legendWanted, rest.height >= minimumPlot + 1 {
            let rows = min(legendRows(width: area.width).count, rest.height - minimumPlot)
            let split = rest.splitBottom(rows)
            rest = split.rest
            legendArea = split.bottom
        }
        var plot = rest
        let dotsPerRow = braille ? 4 : 1
        let dotsPerColumn = braille ? 2 : 1
        if showAxes, rest.height >= 3 {
            let (above, labelRow) = rest.splitBottom(1)
            let (plotRows, axisRow) = above.splitBottom(1)
            let labels = yLabels(range: yr, rows: plotRows.height, dotsPerRow: dotsPerRow)
            let labelWidth = labels.map { TextWidth.of($0.text) }.max() ?? 0
            if plotRows.width >= labelWidth + 2 {
                plot = plotRows.inset(left: labelWidth + 1)
                let xLabels = xLabels(range: xr, columns: plot.width, dotsPerColumn: dotsPerColumn)
                drawAxes(into: &grid, plot: plot, axisRow: axisRow, labelRow: labelRow,
                         yLabels: labels, labelWidth: labelWidth, xLabels: xLabels)
            }
        }
        if let legendArea {
            let inset = legendArea.inset(left: plot.x - area.x)
            let fits = legendRows(width: inset.width).count <= legendArea.height
            drawLegend(into: &grid, area: fits ? inset : legendArea)
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
             (yRange.upperBound - plotted(p.y)) / (yRange.upperBound - yRange.lowerBound) * maxY)
        }
        for (index, s) in series.enumerated() {
            let pattern = braille ? pattern(ofSeries: index) : .solid
            var previous: (Double, Double)?
            var step = 0
            var joined = false
            for point in s.points {
                let current = dot(point)
                // Non-finite data, log of y ≤ 0, or ranges spanning more than Double.greatestFiniteMagnitude.
                guard current.0.isFinite, current.1.isFinite else {
                    previous = nil
                    continue
                }
                let start = s.connected ? (previous ?? current) : current
                if let (a, b) = Self.clip(from: start, to: current, width: maxX, height: maxY) {
                    let continues = joined && previous != nil && s.connected
                    raster.line(from: a, to: b, series: index, pattern: pattern, step: &step, skipStart: continues)
                    joined = true
                } else {
                    joined = false
                }
                previous = current
            }
        }
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                guard let owner = raster.owner(column: column, row: row) else { continue }
                let symbol: Character = braille
                    ? raster.brailleCharacter(column: column, row: row) ?? " "
                    : marker(ofSeries: owner)
                let style = Style(foreground: options.tint(color(ofSeries: owner)))
                grid[plot.x + column, plot.y + row] = Cell(symbol, style: style)
            }
        }
        guard braille else { return }
        drawMarkers(into: &grid, plot: plot) { point in
            let (x, y) = dot(point)
            guard x.isFinite, y.isFinite, x >= -0.5, y >= -0.5, x <= maxX + 0.5, y <= maxY + 0.5 else { return nil }
            return (Int(Rounding.round(x)) / raster.dotsPerColumn, Int(Rounding.round(y)) / raster.dotsPerRow)
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

    // MARK: - Ranges

    static func span(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 0...1 }
        return low...high
    }

    /// A non-empty range: a degenerate one is widened by half its magnitude (or by 1 around
    /// zero); on a logarithmic axis by half a decade each way.
    static func widened(_ range: ClosedRange<Double>, logarithmic: Bool = false) -> ClosedRange<Double> {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else { return 0...1 }
        guard range.upperBound <= range.lowerBound else { return range }
        let v = range.lowerBound
        let pad = logarithmic ? 0.5 : (v == 0 ? 1 : abs(v) * 0.5)
        return (v - pad)...(v + pad)
    }
}
