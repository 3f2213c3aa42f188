import Testing
@testable import Canvas

/// Charts of awkward data finish: a range narrower than the values' rounding (a smoothed accuracy of
/// 1.0 next to 0.9999999999999999) once made the tick search count up from a clamped start forever.
@Suite struct LineChartRangeTests {
    @Test func ticksOfARangeBelowRoundingAreBounded() {
        let low = 0.9999999999999999
        let step = AxisTicks.niceStep(span: 1.0 - low, maxCount: 10, integer: false)
        #expect(AxisTicks.multiples(of: step, inside: low...1.0).count <= 1000)
        #expect(AxisTicks.multiples(of: 1e-17, inside: 0.8...(0.8 + 1.1e-16)).isEmpty)
        #expect(AxisTicks.multiples(of: 1e-300, inside: 1e10...2e10).isEmpty)
        // Ordinary ranges keep their ticks.
        #expect(AxisTicks.multiples(of: 0.1, inside: 0.75...1.05).count == 3)
    }

    /// Many series (constant, NaN, nearly constant, ordinary), every size down to one cell, both scales.
    @Test func manySeriesOfAwkwardDataDrawAtEveryWidth() {
        var series: [ChartSeries] = []
        for i in 0..<60 {
            let values: [Double]
            switch i % 5 {
            case 0: values = Array(repeating: 1.0, count: 20)
            case 1: values = [Double.nan, .nan, .nan]
            case 2: values = (0..<20).map { $0 % 2 == 0 ? 1.0 : 0.9999999999999999 }
            case 3: values = [0.5, .nan, 0.5, .infinity, 0.5]
            default: values = (0..<20).map { 0.5 + Double($0) / 40 + Double(i) * 1e-3 }
            }
            series.append(ChartSeries(name: "model\(i)", values: values))
        }
        for logScale in [false, true] {
            let chart = LineChart(series: series, logScale: logScale)
            for width in [1, 2, 3, 5, 9, 40, 80] {
                for height in [1, 2, 3, 4, 8, 24] {
                    var grid = Grid(width: width, height: height)
                    chart.draw(into: &grid, area: Rect(x: 0, y: 0, width: width, height: height))
                }
            }
        }
        // Only nearly constant values: the y range is below rounding.
        let flat = LineChart(series: [ChartSeries(name: "a", values: [1.0, 0.9999999999999999, 1.0])])
        var grid = Grid(width: 80, height: 20)
        flat.draw(into: &grid, area: Rect(x: 0, y: 0, width: 80, height: 20))
    }
}
