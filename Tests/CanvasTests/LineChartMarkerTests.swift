import Testing
@testable import Canvas

/// Four braille series without colour (NO_COLOR): each keeps its dash pattern and marks its points with
/// its own marker, which its legend entry shows, so every series can be told apart.
@Suite struct LineChartMarkerTests {
    /// Four curves that cross one another over ten epochs.
    static let names = ["plain", "dropout", "l2", "both"]
    static let series: [ChartSeries] = (0..<4).map { (i: Int) -> ChartSeries in
        let points: [(x: Double, y: Double)] = (1...10).map { (x: Int) -> (x: Double, y: Double) in
            let wobble = 0.1 * Double(i) * Double(x % 3)
            return (Double(x), 1 / Double(x) + wobble)
        }
        return ChartSeries(name: names[i], points: points)
    }

    @Test func fourSeriesWithoutColourAreToldApart() {
        let chart = LineChart(series: Self.series, options: .unicodeMonochrome)
        #expect(chart.marksPoints)
        let symbols: [String] = (0..<4).map { chart.legendSymbol(ofSeries: $0) }
        #expect(Set(symbols).count == 4, "legend samples alike: \(symbols)")
        for (index, marker) in ["*", "o", "+", "x"].enumerated() {
            #expect(symbols[index].contains(marker), "legend \(symbols[index]) lacks its marker \(marker)")
        }
        let lines = render(chart, width: 60, height: 16)
        let plot = lines.dropLast(3).joined()
        for marker in ["*", "o", "+", "x"] {
            #expect(plot.contains(marker), "marker \(marker) missing from the plot:\n\(lines.joined(separator: "\n"))")
        }
        let legend = lines.suffix(2).joined(separator: "\n")
        for (symbol, name) in zip(symbols, Self.names) {
            #expect(legend.contains("\(symbol) \(name)"), "legend:\n\(legend)")
        }
        // Each series still has its own dash pattern.
        let patterns: [LinePattern] = (0..<4).map { chart.pattern(ofSeries: $0) }
        #expect(Set(patterns).count == 4)
    }

    @Test func everyPointOfASparseSeriesIsMarked() {
        let chart = LineChart(series: Self.series, options: .unicodeMonochrome)
        let marked = chart.markedCells(ofSeries: 0, columns: 60, rows: 12) { p in (Int(p.x) * 5, 0) }
        #expect(marked.count == 10)
        // A dense series is marked about every spacing columns, each series from its own offset.
        let values: [Double] = (0..<600).map { Double($0) }
        let dense = LineChart(series: [ChartSeries(name: "0", values: values), ChartSeries(name: "1", values: values)], options: .unicodeMonochrome)
        let first = dense.markedCells(ofSeries: 0, columns: 60, rows: 12) { p in (Int(p.x) / 10, 0) }.map(\.column)
        let second = dense.markedCells(ofSeries: 1, columns: 60, rows: 12) { p in (Int(p.x) / 10, 0) }.map(\.column)
        #expect(first.first == 0 && second.first == 2)
        #expect(zip(first, first.dropFirst()).allSatisfy { $1 - $0 == 5 })
        #expect(Set(first).isDisjoint(with: second))
    }

    @Test func seriesThatRunTogetherStillShowBothMarkers() {
        let same = Self.series[0]
        var copy = same
        copy.name = "copy"
        let chart = LineChart(series: [same, copy], options: .unicodeMonochrome)
        let plot = render(chart, width: 60, height: 16).dropLast(3).joined()
        #expect(plot.count(where: { $0 == "*" }) == 10 && plot.count(where: { $0 == "o" }) == 10,
                "each of the ten points shows both markers, side by side")
    }

    @Test func colourAndSingleSeriesNeedNoMarkers() {
        let coloured = LineChart(series: Self.series, options: .unicode)
        #expect(!coloured.marksPoints)
        #expect(!render(coloured, width: 60, height: 16).joined().contains("*"))
        let single = LineChart(series: [Self.series[0]], options: .unicodeMonochrome)
        #expect(!single.marksPoints)
        let ascii = LineChart(series: Self.series, options: .ascii)
        #expect(!ascii.marksPoints, "ASCII charts are drawn in markers already")
    }
}
