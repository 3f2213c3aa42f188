// Where the parts of an exported chart go, its legend and the shapes that mark its points.
extension ChartRaster {
    /// A value on an axis and its label.
    struct Tick {
        var value: Double
        var text: String
    }

    /// The plot rectangle, the tick labels and the bands around the plot, for one canvas size.
    struct Layout {
        /// Font pixels per bitmap-font pixel of labels; the title is one step larger.
        let textScale: Int
        let titleScale: Int
        /// Rows of legend entries: each a series index and its x.
        let legend: [[(index: Int, x: Int)]]
        let legendTop: Int
        let legendRowHeight: Int
        let plot: (x: Int, y: Int, width: Int, height: Int)
        let yTicks: [Tick]
        let xTicks: [Tick]
        /// The top of the x label, nil without one.
        let xLabelY: Int?
        /// Whether points are marked with each series' shape (few enough points to stand apart).
        let marksPoints: Bool

        init(chart: LineChart, width w: Int, height h: Int, title: String, xLabel: String) {
            let s = max(1, min(w / 640, h / 400))
            textScale = s
            titleScale = s + 1
            let textHeight = PixelCanvas.textHeight(scale: s)
            var top = edge
            if !title.isEmpty { top += PixelCanvas.textHeight(scale: titleScale) + 8 }
            legendTop = top
            legendRowHeight = textHeight + 6
            legend = ChartRaster.legendRows(chart, width: w - 2 * edge, scale: s)
            top += legend.count * legendRowHeight + (legend.isEmpty ? 0 : 6)
            var bottom = edge + 8 + textHeight
            if !xLabel.isEmpty { bottom += textHeight + 6 }
            let plotHeight = max(8, h - top - bottom - 4)
            let (xr, yr) = chart.resolvedRanges
            let yValues = chart.logScale
                ? AxisTicks.logCandidates(inside: yr).map { AxisTicks.log10($0) }
                : ChartRaster.ticks(yr, count: max(2, plotHeight / (5 * textHeight)))
            yTicks = yValues.map { Tick(value: $0, text: chart.yLabelText($0)) }
            let labelWidth = yTicks.map { BitmapFont.width(of: $0.text, scale: s) }.max() ?? 0
            let left = edge + labelWidth + 10
            let widest = max(BitmapFont.width(of: NumberFormat.compact(xr.lowerBound), scale: s),
                             BitmapFont.width(of: NumberFormat.compact(xr.upperBound), scale: s))
            let right = max(16, widest / 2 + edge)
            let plotWidth = max(8, w - left - right)
            let integral = chart.dataIsIntegral
            var xValues = ChartRaster.ticks(xr, count: max(2, plotWidth / (widest + 24)), integer: integral)
            // The ends of the x range are labelled too (whole numbers only for epochs and batches), unless
            // they would touch the nearest round value.
            let span = xr.upperBound - xr.lowerBound
            let room = span > 0 ? Double(widest + 12) / Double(plotWidth) * span : .infinity
            for end in [xr.lowerBound, xr.upperBound] where !integral || (abs(end) < 1e15 && Rounding.round(end) == end) {
                if xValues.allSatisfy({ abs($0 - end) >= room }) { xValues.append(end) }
            }
            xTicks = xValues.sorted().map { Tick(value: $0, text: NumberFormat.compact($0)) }
            plot = (left, top, plotWidth, plotHeight)
            xLabelY = xLabel.isEmpty ? nil : top + plotHeight + 8 + textHeight + 6
            let points = chart.series.map { $0.points.count { $0.x.isFinite && chart.plotted($0.y).isFinite } }.max() ?? 0
            marksPoints = points > 0 && points * 8 * s <= plotWidth
        }
    }

    /// Pixels of a legend sample: a short line with the series' marker in its middle.
    static let legendSampleWidth = 24

    /// The legend's entries in rows of at most `width` pixels (named series only).
    static func legendRows(_ chart: LineChart, width: Int, scale: Int) -> [[(index: Int, x: Int)]] {
        let entries = chart.series.enumerated().filter { !$0.element.name.isEmpty }.map { index, series in
            (index: index, width: legendSampleWidth * scale + 6 + BitmapFont.width(of: series.name, scale: scale))
        }
        return LineChart.flow(entries, gap: 16 * scale, width: width)
    }

    static func drawLegend(_ chart: LineChart, layout: Layout, into canvas: inout PixelCanvas) {
        let s = layout.textScale
        for (row, entries) in layout.legend.enumerated() {
            let y = layout.legendTop + row * layout.legendRowHeight
            let middle = y + PixelCanvas.textHeight(scale: s) / 2
            for entry in entries {
                let x = edge + entry.x
                let colour = palette[entry.index % palette.count]
                let sample = legendSampleWidth * s
                canvas.line(from: (x, middle), to: (x + sample - 1, middle), thickness: 2, colour)
                Marker.of(series: entry.index).draw(into: &canvas, x: x + sample / 2, y: middle, size: 3 * s, colour)
                canvas.text(chart.series[entry.index].name, x: x + sample + 6, y: y, scale: s, textColor)
            }
        }
    }

    /// The shape that marks a series' points, by position.
    public enum Marker: CaseIterable, Sendable {
        case square, ring, plus, cross, diamond, triangle

        public static func of(series index: Int) -> Marker { allCases[index % allCases.count] }

        /// Draws the shape centred on (`x`, `y`), `size` pixels from the centre to its edge.
        func draw(into canvas: inout PixelCanvas, x: Int, y: Int, size: Int, _ colour: RGB) {
            let r = max(2, size)
            switch self {
            case .square:
                canvas.fill(x: x - r, y: y - r, width: 2 * r + 1, height: 2 * r + 1, colour)
            case .ring:
                canvas.fill(x: x - r, y: y - r, width: 2 * r + 1, height: 2 * r + 1, colour)
                canvas.fill(x: x - r + 2, y: y - r + 2, width: 2 * r - 3, height: 2 * r - 3, (255, 255, 255))
            case .plus:
                canvas.fill(x: x - r, y: y - 1, width: 2 * r + 1, height: 3, colour)
                canvas.fill(x: x - 1, y: y - r, width: 3, height: 2 * r + 1, colour)
            case .cross:
                canvas.line(from: (x - r, y - r), to: (x + r, y + r), thickness: 2, colour)
                canvas.line(from: (x - r, y + r), to: (x + r, y - r), thickness: 2, colour)
            case .diamond:
                for dy in -r...r { canvas.fill(x: x - (r - abs(dy)), y: y + dy, width: 2 * (r - abs(dy)) + 1, height: 1, colour) }
            case .triangle:
                for dy in 0...(2 * r) { canvas.fill(x: x - dy / 2, y: y - r + dy, width: dy + 1, height: 1, colour) }
            }
        }
    }
}
