// Axis labels and ticks of a LineChart.
extension LineChart {
    /// A label on the x axis: its text starts at `column` (relative to the plot) and marks `tick`.
    struct XLabel: Equatable {
        var tick: Int
        var column: Int
        var text: String
    }

    /// The text of a y label for a plotted value (undoing the logarithm on a log scale).
    func yLabelText(_ plottedValue: Double) -> String {
        NumberFormat.compact(logScale ? AxisTicks.exp10(plottedValue) : plottedValue)
    }

    /// Labels for the top row (maximum), the bottom row (minimum) and round values
    /// between them, each on the row where a point at that value is plotted, two rows
    /// apart (adjacent rows on plots under 8 rows). `range` is in plotted units (decades on a log scale).
    func yLabels(range: ClosedRange<Double>, rows: Int, dotsPerRow: Int) -> [(row: Int, text: String)] {
        guard rows > 0 else { return [] }
        var labels = [(row: 0, text: yLabelText(range.upperBound))]
        guard rows >= 2 else { return labels }
        labels.append((rows - 1, yLabelText(range.lowerBound)))
        let dotHeight = Double(rows * dotsPerRow - 1)
        // Tall plots keep a blank row between labels; short ones label adjacent rows.
        let spacing = rows >= 8 ? 2 : 1
        let span = range.upperBound - range.lowerBound
        func row(ofPlotted value: Double) -> Int {
            Rounding.roundToInt((range.upperBound - value) / span * dotHeight) / dotsPerRow
        }
        let candidates: [(plotted: Double, value: Double)]
        if logScale {
            candidates = AxisTicks.logCandidates(inside: range).map { (AxisTicks.log10($0), $0) }
        } else {
            // A step of at least `spacing` rows keeps two round values out of one row.
            let count = Int(dotHeight) / (dotsPerRow * spacing)
            let step = AxisTicks.niceStep(span: span, maxCount: max(1, count), integer: false)
            candidates = AxisTicks.multiples(of: step, inside: range).map { ($0, $0) }
        }
        for candidate in candidates {
            let r = row(ofPlotted: candidate.plotted)
            guard labels.allSatisfy({ abs($0.row - r) >= spacing }) else { continue }
            labels.append((r, NumberFormat.compact(candidate.value)))
        }
        return labels.sorted { $0.row < $1.row }
    }

    /// Labels under the x axis: the first value at the left, the last at the right, and
    /// round values between them, two blanks apart. When every x of the data is a whole
    /// number (epochs, batches) only whole numbers are labelled, so a single epoch drawn
    /// in a widened range gets one label in the middle, not 0.5 and 1.5.
    func xLabels(range: ClosedRange<Double>, columns: Int, dotsPerColumn: Int) -> [XLabel] {
        guard columns > 0 else { return [] }
        let integral = dataIsIntegral
        func whole(_ v: Double) -> Bool { v.isFinite && abs(v) < 1e15 && Rounding.round(v) == v }
        let low = NumberFormat.compact(range.lowerBound), high = NumberFormat.compact(range.upperBound)
        var first: XLabel?
        var last: XLabel?
        if !integral || whole(range.lowerBound) { first = XLabel(tick: 0, column: 0, text: low) }
        if !integral || whole(range.upperBound) {
            let highWidth = TextWidth.of(high)
            let lowEnd = first.map { TextWidth.of($0.text) + 1 } ?? 0
            if lowEnd + highWidth <= columns {
                last = XLabel(tick: columns - 1, column: columns - highWidth, text: high)
            } else if first == nil {
                return []
            }
        }
        guard first == nil || last != nil || integral else { return first.map { [$0] } ?? [] }
        let widest = max(TextWidth.of(low), TextWidth.of(high))
        let step = AxisTicks.niceStep(span: range.upperBound - range.lowerBound,
                                      maxCount: max(1, columns / (widest + 5)), integer: integral)
        let dotWidth = Double(columns * dotsPerColumn - 1)
        var previousEnd = first.map { TextWidth.of($0.text) } ?? -2
        let highStart = last?.column ?? columns + 2
        var middle: [XLabel] = []
        for value in AxisTicks.multiples(of: step, inside: range) {
            let tick = Rounding.roundToInt((value - range.lowerBound) / (range.upperBound - range.lowerBound) * dotWidth)
                / dotsPerColumn
            let text = NumberFormat.compact(value)
            let start = max(0, tick - (TextWidth.of(text) - 1) / 2)
            let end = start + TextWidth.of(text)
            guard start >= previousEnd + 2, end + 2 <= highStart, end <= columns else { continue }
            middle.append(XLabel(tick: tick, column: start, text: text))
            previousEnd = end
        }
        return (first.map { [$0] } ?? []) + middle + (last.map { [$0] } ?? [])
    }

    /// Whether every finite x of the data is a whole number.
    var dataIsIntegral: Bool {
        series.allSatisfy { s in
            s.points.allSatisfy { !$0.x.isFinite || (abs($0.x) < 1e15 && Rounding.round($0.x) == $0.x) }
        }
    }

    func drawAxes(into grid: inout Grid, plot: Rect, axisRow: Rect, labelRow: Rect,
                  yLabels labels: [(row: Int, text: String)], labelWidth: Int, xLabels: [XLabel]) {
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
        let row = Rect(x: plot.x, y: labelRow.y, width: plot.width, height: 1)
        for label in xLabels {
            if label.tick > 0, label.tick < plot.width - 1 {
                grid.put(unicode ? "┬" : "+", x: plot.x + label.tick, y: axisRow.y, style: axisStyle, clip: axisRow)
            }
            grid.put(label.text, x: plot.x + label.column, y: labelRow.y, style: labelStyle, clip: row)
        }
    }
}
