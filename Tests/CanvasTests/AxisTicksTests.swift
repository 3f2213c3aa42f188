import Testing
@testable import Canvas

@Suite struct AxisTicksTests {
    @Test(arguments: [
        (2.0, 3, false, 1.0), (2.0, 5, false, 0.5), (7.0, 10, true, 1.0), (7.0, 3, true, 5.0),
        (99.0, 10, true, 10.0), (0.3, 10, true, 1.0), (0.012, 4, false, 0.005), (1000.0, 4, false, 250.0),
    ])
    func niceStep(span: Double, maxCount: Int, integer: Bool, expected: Double) {
        #expect(AxisTicks.niceStep(span: span, maxCount: maxCount, integer: integer) == expected)
    }

    @Test func multiplesAreStrictlyInside() {
        #expect(AxisTicks.multiples(of: 1, inside: 1...4) == [2, 3])
        #expect(AxisTicks.multiples(of: 0.5, inside: -0.2...1.1) == [0, 0.5, 1])
        #expect(AxisTicks.multiples(of: 0, inside: 0...1).isEmpty)
        #expect(AxisTicks.multiples(of: 1, inside: -Double.infinity...1).isEmpty)
    }

    @Test(arguments: [1.0, 2, 0.5, 1e-8, 123_456, 3.3e200, 7e-300])
    func logarithmAndPowerRoundTrip(_ x: Double) {
        let l = AxisTicks.log10(x)
        #expect(abs(AxisTicks.exp10(l) - x) <= x * 1e-12)
    }

    @Test func logarithmOfPowersOfTenAndBadInput() {
        #expect(abs(AxisTicks.log10(1000) - 3) < 1e-14)
        #expect(abs(AxisTicks.log10(0.01) + 2) < 1e-14)
        #expect(AxisTicks.log10(0).isNaN)
        #expect(AxisTicks.log10(-1).isNaN)
        #expect(AxisTicks.log10(.nan).isNaN)
        #expect(AxisTicks.exp10(-.infinity) == 0)
    }

    @Test func logCandidatesArePowersThenTwoAndFiveTimesThem() {
        // 0.15 ... 60: decades −0.82 ... 1.78.
        let candidates = AxisTicks.logCandidates(inside: AxisTicks.log10(0.15)...AxisTicks.log10(60))
        #expect(candidates.map { NumberFormat.compact($0) } == ["1", "10", "0.2", "2", "20", "0.5", "5", "50"])
    }

    @Test(arguments: [(-2.5, -3), (2.5, 2), (-3.0, -3), (0.0, 0)])
    func floorToInt(_ x: Double, _ expected: Int) {
        #expect(AxisTicks.floorToInt(x) == expected)
    }
}

@Suite struct LinePatternTests {
    @Test func patternsRepeatAndAreDistinct() {
        #expect((0..<4).map(LinePattern.dotted.isOn) == [true, false, true, false])
        #expect((0..<5).map(LinePattern.sparse.isOn) == [true, false, false, false, true])
        #expect(LinePattern([]) == .solid)
        #expect(LinePattern([false, false]) == .solid)
        #expect(Set(LinePattern.cycle).count == LinePattern.cycle.count)
    }

    @Test func dottedLineKeepsItsRhythmAndItsDataPoints() {
        var raster = DotRaster(columns: 4, rows: 1, braille: true)
        var step = 0
        raster.line(from: (0, 0), to: (4, 0), series: 0, pattern: .sparse, step: &step, skipStart: false)
        raster.line(from: (4, 0), to: (7, 0), series: 0, pattern: .sparse, step: &step, skipStart: true)
        // Dots 0 and 4 from the pattern; 4 and 7 are data points.
        let cells = (0..<4).map { raster.brailleCharacter(column: $0, row: 0) }
        #expect(cells == ["⠁", nil, "⠁", "⠈"])
        #expect(step == 8)
    }

    @Test func monochromeChartDashesSeriesByPositionColourDoesNot() {
        let series = [ChartSeries(name: "a", values: [0, 1]), ChartSeries(name: "b", values: [1, 0]),
                      ChartSeries(name: "c", values: [0, 0], pattern: .sparse)]
        let mono = LineChart(series: series, options: .unicodeMonochrome)
        #expect((0..<3).map(mono.pattern(ofSeries:)) == [.solid, .dotted, .sparse])
        let colour = LineChart(series: series, options: .unicode)
        #expect((0..<3).map(colour.pattern(ofSeries:)) == [.solid, .solid, .sparse])
        let forced = LineChart(series: series, patterned: true, options: .unicode)
        #expect(forced.pattern(ofSeries: 1) == .dotted)
        #expect(LineChart(series: series, options: .ascii).legendSymbol(ofSeries: 1) == "o")
    }
}
