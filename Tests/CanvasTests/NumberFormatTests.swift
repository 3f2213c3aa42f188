import Testing
@testable import Canvas

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (0.35, "0.35"), (1234, "1.23k"), (1200, "1.2k"), (999.96, "1k"), (0.000012, "1.2e-5"),
        (-0.5, "-0.5"), (42, "42"), (1e7, "10M"), (999_999, "1M"), (0, "0"), (2.5e9, "2.5G"),
        (Double.nan, "NaN"), (Double.infinity, "inf"), (-Double.infinity, "-inf"), (0.001, "0.001"),
        (123.456, "123"), (-1500, "-1.5k"),
    ])
    func compact(_ value: Double, _ expected: String) {
        #expect(NumberFormat.compact(value) == expected)
    }

    @Test(arguments: [
        (3.14159, 2, "3.14"), (-0.004, 2, "0.00"), (0.5, 0, "1"), (2.5, 1, "2.5"), (0.05, 3, "0.050"),
        (-12.345, 1, "-12.3"), (7, 0, "7"),
    ])
    func fixed(_ value: Double, _ decimals: Int, _ expected: String) {
        #expect(NumberFormat.fixed(value, decimals: decimals) == expected)
    }

    @Test func percent() {
        #expect(NumberFormat.percent(0.425) == "43%")
        #expect(NumberFormat.percent(1) == "100%")
    }

    @Test(arguments: [(2.5, 3.0), (-2.5, -3.0), (2.4999, 2.0), (-0.4, 0.0), (7.0, 7.0)])
    func rounding(_ value: Double, _ expected: Double) {
        #expect(Rounding.round(value) == expected)
    }
}

@Suite struct NumberFormatGroupingTests {
    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (1234, "1,234"), (-1_234_567, "-1,234,567"),
                      (Int.min, "-9,223,372,036,854,775,808")])
    func grouped(_ value: Int, _ expected: String) {
        #expect(NumberFormat.grouped(value) == expected)
    }

    @Test(arguments: [(0.0, "0:00"), (7.4, "0:07"), (65, "1:05"), (3723, "1:02:03"), (-1, "-:--"),
                      (Double.nan, "-:--"), (Double.infinity, "-:--")])
    func duration(_ seconds: Double, _ expected: String) {
        #expect(NumberFormat.duration(seconds) == expected)
    }
}
