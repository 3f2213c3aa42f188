import Testing
@testable import Canvas

@Suite struct ProgressBarTests {
    @Test(arguments: [
        (0.0, "[..........]   0%"),
        (0.5, "[====>.....]  50%"),
        (1.0, "[==========] 100%"),
        (0.05, "[..........]   5%"),
        (0.1, "[>.........]  10%"),
    ])
    func asciiKerasStyle(_ fraction: Double, _ expected: String) {
        let bar = ProgressBar(fraction: fraction, options: .ascii)
        #expect(render(bar, width: 17, height: 1) == [expected])
    }

    @Test(arguments: [
        (0.0, "│          │   0%"),
        (0.5, "│█████     │  50%"),
        (1.0, "│██████████│ 100%"),
        (0.55, "│█████▌    │  55%"),
        (0.0125, "│▏         │   1%"),
    ])
    func unicodeEighthBlocks(_ fraction: Double, _ expected: String) {
        let bar = ProgressBar(fraction: fraction)
        #expect(render(bar, width: 17, height: 1) == [expected])
    }

    @Test func labelAndSuffix() {
        let bar = ProgressBar(fraction: 0.5, label: "epoch 1/3", suffix: "loss 0.4123 - 2451 img/s", options: .ascii)
        #expect(render(bar, width: 50, height: 1) == ["epoch 1/3 [===>....]  50% loss 0.4123 - 2451 img/s"])
    }

    @Test func suffixIsTruncatedFirst() {
        let bar = ProgressBar(fraction: 0.5, label: "ep", suffix: "loss 0.41")
        #expect(render(bar, width: 20, height: 1) == ["ep │██  │  50% loss…"])
    }

    @Test func percentDroppedWhenVeryNarrow() {
        let bar = ProgressBar(fraction: 0.5, suffix: "x")
        #expect(render(bar, width: 8, height: 1) == ["│███   │"])
    }

    @Test func fixedBarWidthAndClamping() {
        let bar = ProgressBar(fraction: 7, showPercent: false, barWidth: 3, options: .ascii)
        #expect(render(bar, width: 20, height: 1) == ["[===]"])
        #expect(ProgressBar(fraction: .nan).clampedFraction == 0)
        #expect(ProgressBar(fraction: -1).percentText == "  0%")
        #expect(ProgressBar(done: 3, total: 4).fraction == 0.75)
        #expect(ProgressBar(done: 3, total: 0).fraction == 0)
    }

    @Test func filledPartIsColouredOnlyWithColour() {
        let coloured = grid(ProgressBar(fraction: 1, barWidth: 2), width: 10, height: 1)
        #expect(coloured[1, 0].foreground == .green)
        #expect(coloured[0, 0].foreground == nil)
        let mono = grid(ProgressBar(fraction: 1, barWidth: 2, options: .unicodeMonochrome), width: 10, height: 1)
        #expect(mono[1, 0].foreground == nil)
        #expect(mono[1, 0].symbol == "█")
    }
}
