/// Draws a ``LineChart`` into pixels for a file: on white, the title across the top, the legend under
/// it (a sample of each series' line and marker with its name), the plot with light grid lines at round
/// values, axes with their numbers (the y values on the left, the x values under the plot), the x label
/// under them, and one coloured polyline per series (non-finite points break the line). When the points
/// are few enough to stand apart, each series also marks its points with its own shape
/// (``Marker``), so the series stay apart in a greyscale print.
///
/// Text is drawn with the built-in ``BitmapFont``: 7 pixels tall at 640x400, larger on larger pictures.
public enum ChartRaster {
    public typealias RGB = (r: UInt8, g: UInt8, b: UInt8)

    /// Series colours on white (blue, orange, green, red, purple, brown), by position.
    public static let palette: [RGB] = [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
    ]
    static let gridColor: RGB = (225, 225, 225)
    static let axisColor: RGB = (60, 60, 60)
    static let textColor: RGB = (20, 20, 20)
    /// Blank pixels around the picture's edge.
    static let edge = 8

    /// The chart as a `width` x `height` canvas (each clamped to 64...8192), with `title` above it
    /// and `xLabel` under its x axis (either left out when empty).
    public static func render(_ chart: LineChart, width: Int, height: Int, title: String = "", xLabel: String = "") -> PixelCanvas {
        let w = min(max(width, 64), 8192)
        let h = min(max(height, 64), 8192)
        var canvas = PixelCanvas(width: w, height: h)
        let layout = Layout(chart: chart, width: w, height: h, title: title, xLabel: xLabel)
        let plot = layout.plot
        let (xr, yr) = chart.resolvedRanges
        // Fractions of the plot, kept finite and near it (a range wider than the largest Double gives NaN).
        func fraction(_ v: Double, _ range: ClosedRange<Double>) -> Double {
            let span = range.upperBound - range.lowerBound
            let t = span > 0 && span.isFinite ? (v - range.lowerBound) / span : 0.5
            return t.isFinite ? min(max(t, -4), 5) : 0.5
        }
        func px(_ x: Double) -> Int { plot.x + Int((fraction(x, xr) * Double(plot.width - 1)).rounded()) }
        func py(_ y: Double) -> Int { plot.y + plot.height - 1 - Int((fraction(y, yr) * Double(plot.height - 1)).rounded()) }
        let s = layout.textScale
        let textHeight = PixelCanvas.textHeight(scale: s)
        for tick in layout.yTicks {
            canvas.line(from: (plot.x, py(tick.value)), to: (plot.x + plot.width - 1, py(tick.value)), gridColor)
            canvas.line(from: (plot.x - 5, py(tick.value)), to: (plot.x, py(tick.value)), axisColor)
            canvas.text(tick.text, anchor: .right, x: plot.x - 8, y: py(tick.value) - textHeight / 2, scale: s, textColor)
        }
        for tick in layout.xTicks {
            canvas.line(from: (px(tick.value), plot.y), to: (px(tick.value), plot.y + plot.height - 1), gridColor)
            canvas.line(from: (px(tick.value), plot.y + plot.height - 1), to: (px(tick.value), plot.y + plot.height + 4), axisColor)
            canvas.text(tick.text, anchor: .center, x: px(tick.value), y: plot.y + plot.height + 8, scale: s, textColor)
        }
        canvas.line(from: (plot.x, plot.y), to: (plot.x, plot.y + plot.height - 1), thickness: 2, axisColor)
        canvas.line(from: (plot.x, plot.y + plot.height - 1), to: (plot.x + plot.width - 1, plot.y + plot.height - 1),
                    thickness: 2, axisColor)
        if !title.isEmpty {
            canvas.text(title, anchor: .center, x: w / 2, y: edge, scale: layout.titleScale, maxWidth: w - 2 * edge, textColor)
        }
        if !xLabel.isEmpty, let y = layout.xLabelY {
            canvas.text(xLabel, anchor: .center, x: plot.x + plot.width / 2, y: y, scale: s, maxWidth: w - 2 * edge, textColor)
        }
        drawLegend(chart, layout: layout, into: &canvas)
        for (index, series) in chart.series.enumerated() {
            let colour = palette[index % palette.count]
            var previous: (x: Int, y: Int)?
            var points: [(x: Int, y: Int)] = []
            for point in series.points {
                let y = chart.plotted(point.y)
                guard point.x.isFinite, y.isFinite else {
                    previous = nil
                    continue
                }
                let current = (x: px(point.x), y: py(y))
                if let previous, series.connected {
                    canvas.line(from: previous, to: current, thickness: 2, colour)
                } else {
                    canvas.fill(x: current.x - 1, y: current.y - 1, width: 3, height: 3, colour)
                }
                points.append(current)
                previous = current
            }
            if layout.marksPoints {
                for p in points { Marker.of(series: index).draw(into: &canvas, x: p.x, y: p.y, size: 3 * s, colour) }
            }
        }
        return canvas
    }

    /// Round values inside `range`, at most about `count` of them (`integer`: whole numbers only).
    static func ticks(_ range: ClosedRange<Double>, count: Int, integer: Bool = false) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span.isFinite, span > 0 else { return [] }
        let step = AxisTicks.niceStep(span: span, maxCount: count, integer: integer)
        guard step.isFinite, step > 0 else { return [] }
        return AxisTicks.multiples(of: step, inside: range)
    }
}
