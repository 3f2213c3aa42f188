/// Draws a ``LineChart`` into pixels for a file: a white canvas, axes with tick marks at the
/// chart's tick values, light grid lines and one coloured polyline per series (non-finite points
/// break the line). There is no text: titles and legends belong to the slide.
public enum ChartRaster {
    /// Series colours on white (blue, orange, green, red, purple, brown), by position.
    public static let palette: [(r: UInt8, g: UInt8, b: UInt8)] = [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
    ]
    /// Margins in pixels around the plot: left, right, top, bottom.
    static let margins = (left: 48, right: 16, top: 16, bottom: 32)

    /// The chart as a `width` x `height` canvas (each clamped to 64...8192).
    public static func render(_ chart: LineChart, width: Int, height: Int) -> PixelCanvas {
        let w = min(max(width, 64), 8192)
        let h = min(max(height, 64), 8192)
        var canvas = PixelCanvas(width: w, height: h)
        let plot = (x: margins.left, y: margins.top,
                    width: w - margins.left - margins.right, height: h - margins.top - margins.bottom)
        let (xr, yr) = chart.resolvedRanges
        func px(_ x: Double) -> Int {
            let span = xr.upperBound - xr.lowerBound
            let t = span > 0 ? (x - xr.lowerBound) / span : 0.5
            return plot.x + Int((t * Double(plot.width - 1)).rounded())
        }
        func py(_ y: Double) -> Int {
            let span = yr.upperBound - yr.lowerBound
            let t = span > 0 ? (y - yr.lowerBound) / span : 0.5
            return plot.y + plot.height - 1 - Int((t * Double(plot.height - 1)).rounded())
        }
        let grid: (r: UInt8, g: UInt8, b: UInt8) = (225, 225, 225)
        let axis: (r: UInt8, g: UInt8, b: UInt8) = (60, 60, 60)
        for tick in ticks(yr, count: 6) {
            canvas.line(from: (plot.x, py(tick)), to: (plot.x + plot.width - 1, py(tick)), grid)
            canvas.line(from: (plot.x - 5, py(tick)), to: (plot.x, py(tick)), axis)
        }
        for tick in ticks(xr, count: 8) {
            canvas.line(from: (px(tick), plot.y), to: (px(tick), plot.y + plot.height - 1), grid)
            canvas.line(from: (px(tick), plot.y + plot.height - 1), to: (px(tick), plot.y + plot.height + 4), axis)
        }
        canvas.line(from: (plot.x, plot.y), to: (plot.x, plot.y + plot.height - 1), thickness: 2, axis)
        canvas.line(from: (plot.x, plot.y + plot.height - 1), to: (plot.x + plot.width - 1, plot.y + plot.height - 1),
                    thickness: 2, axis)
        for (index, series) in chart.series.enumerated() {
            let colour = palette[index % palette.count]
            var previous: (x: Int, y: Int)?
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
                previous = current
            }
        }
        return canvas
    }

    /// Round values inside `range`, at most about `count` of them.
    static func ticks(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span.isFinite, span > 0 else { return [] }
        let step = AxisTicks.niceStep(span: span, maxCount: count, integer: false)
        guard step.isFinite, step > 0 else { return [] }
        return AxisTicks.multiples(of: step, inside: range)
    }
}
