import Testing
@testable import Canvas

@Suite struct ColorRampTests {
    @Test func viridisEndpointsAndInterpolation() {
        #expect(ColorRamp.viridis.color(at: 0) == .rgb(68, 1, 84))
        #expect(ColorRamp.viridis.color(at: 1) == .rgb(253, 231, 37))
        #expect(ColorRamp.viridis.color(at: 0.0625) == .rgb(70, 23, 103))
        #expect(ColorRamp.viridis.color(at: -3) == .rgb(68, 1, 84))
        #expect(ColorRamp.viridis.color(at: 7) == .rgb(253, 231, 37))
        #expect(ColorRamp.viridis.color(at: .nan) == .rgb(68, 1, 84))
    }

    @Test func divergingIsWhiteInTheMiddle() {
        #expect(ColorRamp.diverging.color(at: 0.5) == .rgb(247, 247, 247))
        #expect(ColorRamp.diverging.color(at: ColorRamp.signedPosition(-2, limit: 2)) == .rgb(33, 102, 172))
        #expect(ColorRamp.diverging.color(at: ColorRamp.signedPosition(2, limit: 2)) == .rgb(178, 24, 43))
        #expect(ColorRamp.signedPosition(1, limit: 0) == 0.5)
    }

    @Test func normalizeHandlesDegenerateRanges() {
        #expect(ColorRamp.normalize(3, in: 3...3) == 0.5)
        #expect(ColorRamp.normalize(5, in: 0...10) == 0.5)
        #expect(ColorRamp.normalize(20, in: 0...10) == 1)
        #expect(ColorRamp.normalize(.nan, in: 0...10).isNaN)
        #expect(ColorRamp.grayscale.color(for: 5, in: 0...10) == .rgb(128, 128, 128))
    }
}

@Suite struct CanvasColorTests {
    @Test func approximation() {
        #expect(CanvasColor.rgb(255, 0, 0).approximated(to: .palette256) == .indexed(196))
        #expect(CanvasColor.rgb(128, 128, 128).approximated(to: .palette256) == .indexed(244))
        #expect(CanvasColor.rgb(250, 10, 10).approximated(to: .ansi16) == .brightRed)
        #expect(CanvasColor.indexed(21).approximated(to: .ansi16) == .blue)
        #expect(CanvasColor.red.approximated(to: .ansi16) == .red)
        #expect(CanvasColor.rgb(1, 2, 3).approximated(to: .truecolor) == .rgb(1, 2, 3))
    }

    @Test func namedIndices() {
        #expect(CanvasColor.named.count == 16)
        #expect(CanvasColor.named.enumerated().allSatisfy { $0.element.ansiIndex == $0.offset })
        #expect(CanvasColor.indexed(3).ansiIndex == nil)
    }
}
