import Testing
@testable import Canvas

@Suite struct LineChartTests {
    /// A chart with no axes or legend, so the whole area is plot.
    func bare(_ series: [ChartSeries], x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil,
              options: RenderOptions = .unicode) -> LineChart {
        LineChart(series: series, xRange: x, yRange: y, showAxes: false, showLegend: false, options: options)
    }

    @Test(arguments: [
        (0.0, 3.0, "⠁"), (0, 2, "⠂"), (0, 1, "⠄"), (0, 0, "⡀"),
        (1, 3, "⠈"), (1, 2, "⠐"), (1, 1, "⠠"), (1, 0, "⢀"),
    ])
    func brailleDotForEachPosition(_ x: Double, _ y: Double, _ expected: String) {
        let chart = bare([ChartSeries(name: "", points: [(x, y)])], x: 0...1, y: 0...3)
        #expect(render(chart, width: 1, height: 1) == [expected])
    }

    @Test func scatterPointsCombineInOneCell() {
        let chart = bare([ChartSeries(name: "", points: [(0, 0), (1, 1)], connected: false)], x: 0...1, y: 0...1)
        #expect(render(chart, width: 1, height: 1) == ["⡈"])
    }

    @Test func connectedLineAcrossCells() {
        #expect(render(bare([ChartSeries(name: "", values: [0, 1])]), width: 2, height: 1) == ["⡠⠊"])
        #expect(render(bare([ChartSeries(name: "", values: [0, 1, 0, 1])]), width: 2, height: 1) == ["⡜⡜"])
    }

    @Test(arguments: [Double.nan, Double.infinity, -Double.infinity])
    func nonFiniteValuesAreSkippedAndBreakTheLine(_ bad: Double) {
        let chart = bare([ChartSeries(name: "", values: [0, bad, 1])])
        #expect(render(chart, width: 2, height: 1) == ["⡀⠈"])
        #expect(chart.resolvedRanges.y == 0...1)
    }

    @Test func constantSeriesIsCentredAndLabelled() {
        let chart = LineChart(values: [3, 3, 3, 3])
        #expect(render(chart, width: 20, height: 6) == [
            "4.5┤",
            "   │",
            "  3┤⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉",
            "1.5┤",
            "   └──────────┬─────",
            "    0         2    3",
        ])
    }

    @Test func singlePoint() {
        #expect(render(LineChart(values: [2]), width: 20, height: 6) == [
            "3┤",
            " │",
            "2┤         ⠁",
            "1┤",
            " └─────────┬────────",
            "  -1       0       1",
        ])
    }

    @Test func oneEpochIsLabelledWithItsWholeNumberOnly() {
        let chart = LineChart(series: [ChartSeries(name: "", points: [(x: 1, y: 0.5)])], options: .ascii)
        // The x range is widened to 0.5...1.5; neither end is an epoch, so only "1" is written.
        #expect(render(chart, width: 12, height: 4)[2...] == ["    +---+---", "        1"])
        let fractional = LineChart(series: [ChartSeries(name: "", points: [(x: 0.5, y: 0.5)])], options: .ascii)
        // Fractional data keeps its first value (the last does not fit beside it).
        #expect(render(fractional, width: 12, height: 4)[3] == "     0.25")
    }

    @Test func emptyChartStillDrawsAxes() {
        let lines = render(LineChart(series: []), width: 10, height: 4)
        #expect(lines == ["1┤", "0┤", " └────────", "  0      1"])
        #expect(render(LineChart(series: [], logScale: true), width: 10, height: 4) == [
            "10┤", " 1┤", "  └───────", "   0     1",
        ])
    }

    @Test func asciiDiagonal() {
        let chart = bare([ChartSeries(name: "", values: [0, 1, 2, 3])], options: .ascii)
        #expect(render(chart, width: 4, height: 4) == ["   *", "  *", " *", "*"])
    }

    @Test func asciiWithAxesAndLegend() {
        let chart = LineChart(series: [
            ChartSeries(name: "up", values: [0, 1, 2, 3]),
            ChartSeries(name: "flat", values: [1.5, 1.5, 1.5, 1.5]),
        ], options: .ascii)
        // Rows hold 3, 2, 1, 0 exactly; 1.5 rounds onto the row of 1.
        #expect(render(chart, width: 16, height: 7) == [
            "3+           ***",
            "2+       ****",
            "1+oooooooooooooo",
            "0+**",
            " +---------+----",
            "  0        2   3",
            "  * up  o flat",
        ])
    }

    @Test func narrowLegendWrapsOntoMoreRows() {
        let chart = LineChart(series: [
            ChartSeries(name: "up", values: [0, 1, 2, 3]),
            ChartSeries(name: "flat", values: [1.5, 1.5, 1.5, 1.5]),
        ], options: .ascii)
        #expect(chart.legendHeight(width: 12) == 1)
        #expect(chart.legendHeight(width: 9) == 2)
        #expect(render(chart, width: 9, height: 7) == [
            "3+     **",
            "2+ooooooo",
            "0+*",
            " +-------",
            "  0     3",
            "  * up",
            "  o flat",
        ])
    }

    @Test func legendUsesSeriesColours() {
        let chart = LineChart(series: [
            ChartSeries(name: "train", values: [1, 2]),
            ChartSeries(name: "val", values: [2, 1], color: .red),
        ])
        let g = grid(chart, width: 30, height: 8)
        #expect(g.lines()[7] == "     ⠒⠒⠒ train  ⠒⠒⠒ val")
        #expect(g[5, 7].foreground == LineChart.defaultColors[0])
        #expect(g[16, 7].foreground == .red)
        #expect(g[10, 7].foreground == nil)
    }

    @Test func outOfRangeValuesAreClipped() {
        let chart = bare([ChartSeries(name: "", values: [0, 10])], y: 0...1)
        // From (0, 3) to (3, -27) in dot space: it leaves the top at x ≈ 0.35, so only column 0 is drawn.
        let lines = render(chart, width: 2, height: 1)
        #expect(lines == ["⡇"])
    }

    @Test func extremeMagnitudesDoNotTrap() {
        let chart = bare([ChartSeries(name: "", values: [-1e308, 1e308, 0])])
        // The y span overflows to infinity: -1e308 gets a NaN position and is skipped, the others
        // collapse onto the top dot row. The point is that nothing traps on the Int conversion.
        #expect(render(chart, width: 2, height: 1) == [" ⠉"])
        let sane = bare([ChartSeries(name: "", values: [-1e300, 1e300])])
        #expect(render(sane, width: 2, height: 1) == ["⡠⠊"])
    }

    @Test func smoothing() {
        #expect(ChartSeries.smoothed([1, 1, 1], weight: 0.5) == [1, 1, 1])
        let s = ChartSeries.smoothed([0, 1], weight: 0.5)
        #expect(s[0] == 0)
        #expect(abs(s[1] - 2.0 / 3.0) < 1e-12)
        #expect(ChartSeries.smoothed([1, 5], weight: 0) == [1, 5])
        let withNaN = ChartSeries.smoothed([2, .nan, 2], weight: 0.9)
        #expect(withNaN[0] == 2 && withNaN[1].isNaN && abs(withNaN[2] - 2) < 1e-12)
        let series = ChartSeries(name: "loss", values: [0, 1]).smoothed(weight: 0.5)
        #expect(series.points.map(\.x) == [0, 1])
        #expect(abs(series.points[1].y - 2.0 / 3.0) < 1e-12)
    }
}
