import Testing
@testable import Canvas

@Suite struct SparklineTests {
    @Test func rampOfEightValues() {
        #expect(render(Sparkline([0, 1, 2, 3, 4, 5, 6, 7]), width: 8, height: 1) == ["▁▂▃▄▅▆▇█"])
    }

    @Test func asciiRamp() {
        let line = Sparkline([0, 1, 2, 3, 4, 5, 6, 7], options: .ascii)
        #expect(render(line, width: 8, height: 1) == ["_.:-=+*#"])
    }

    @Test func showsMostRecentValuesWhenTooMany() {
        let values = (0..<16).map(Double.init)
        #expect(render(Sparkline(values), width: 8, height: 1) == ["▁▂▃▄▅▆▇█"])
    }

    @Test(arguments: [
        ([0, Double.nan, 7], "▁ █"),
        ([0, Double.infinity, 7], "▁ █"),
        ([5, 5, 5], "▄▄▄"),
        ([Double.nan], ""),
    ])
    func nonFiniteAndConstant(_ values: [Double], _ expected: String) {
        #expect(render(Sparkline(values), width: 3, height: 1) == [expected])
    }

    @Test func fixedRange() {
        #expect(Sparkline([0, 5, 10], range: 0...20).text(width: 3) == "▁▃▅")
        #expect(Sparkline([-5, 30], range: 0...20).text(width: 2) == "▁█")
    }

    @Test func naturalSizeAndColour() {
        let line = Sparkline([1, 2, 3], style: Style(foreground: .green))
        #expect(line.naturalSize == Size(width: 3, height: 1))
        #expect(grid(line, width: 3, height: 1)[0, 0].foreground == .green)
        var mono = line
        mono.options = .unicodeMonochrome
        #expect(grid(mono, width: 3, height: 1)[0, 0].foreground == nil)
    }
}
