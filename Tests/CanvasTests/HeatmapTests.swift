import Testing
@testable import Canvas

@Suite struct HeatmapTests {
    @Test func asciiRampWithAutoRange() {
        let map = Heatmap([[0, 1, 2], [3, 4, 5]], options: .ascii)
        #expect(render(map, width: 3, height: 2) == [" :=", "+#@"])
    }

    @Test(arguments: [RenderOptions.ascii, .unicodeMonochrome])
    func constantMatrixMapsToMiddle(_ options: RenderOptions) {
        let map = Heatmap([[2, 2], [2, 2]], options: options)
        #expect(render(map, width: 2, height: 2) == ["++", "++"])
    }

    @Test func constantMatrixInColourUsesMiddleColour() {
        let g = grid(Heatmap([[7, 7]]), width: 2, height: 1)
        #expect(g[0, 0].foreground == ColorRamp.viridis.color(at: 0.5))
    }

    @Test func halfBlocksCarryTwoRows() {
        let g = grid(Heatmap([[0], [1]]), width: 1, height: 1)
        #expect(g[0, 0].symbol == "▀")
        #expect(g[0, 0].foreground == .rgb(68, 1, 84))
        #expect(g[0, 0].background == .rgb(253, 231, 37))
    }

    @Test func oddRowCountLeavesLowerHalfEmpty() {
        let g = grid(Heatmap([[0], [1], [0.5]]), width: 1, height: 2)
        #expect(g[0, 1].symbol == "▀")
        #expect(g[0, 1].foreground == .rgb(33, 144, 141))
        #expect(g[0, 1].background == nil)
        #expect(Heatmap([[0], [1], [0.5]]).naturalSize == Size(width: 1, height: 2))
    }

    @Test func nanElementsStayBlank() {
        let map = Heatmap([[.nan, 0, 1]], range: -1...1, options: .ascii)
        #expect(render(map, width: 3, height: 1) == [" +@"])
        let colour = grid(Heatmap([[.nan], [.nan]]), width: 1, height: 1)
        #expect(colour[0, 0] == .blank)
    }

    @Test func labelsInAsciiMode() {
        let map = Heatmap([[0, 1], [1, 0]], rowLabels: ["a", "bb"], columnLabels: ["x", "y"], options: .ascii)
        #expect(map.naturalSize == Size(width: 5, height: 3))
        #expect(render(map, width: 5, height: 3) == ["   xy", " a  @", "bb @"])
    }

    @Test func rowLabelsInColourUseOneRowPerMatrixRow() {
        let map = Heatmap([[0, 1], [1, 0]], rowLabels: ["a", "b"], cellWidth: 2)
        let g = grid(map, width: 6, height: 2)
        #expect(g.lines() == ["a", "b"])
        #expect(g[2, 0].background == .rgb(68, 1, 84))
        #expect(g[3, 0].background == .rgb(68, 1, 84))
        #expect(g[4, 0].background == .rgb(253, 231, 37))
        #expect(g[2, 1].background == .rgb(253, 231, 37))
    }

    @Test func cellWidthWidensHalfBlocks() {
        let g = grid(Heatmap([[0, 1]], cellWidth: 2), width: 4, height: 1)
        #expect(g.cells.map(\.foreground) == [.rgb(68, 1, 84), .rgb(68, 1, 84), .rgb(253, 231, 37), .rgb(253, 231, 37)])
    }

    @Test func downscalesWhenTooLarge() {
        let values: [[Double]] = [
            [0, 0, 1, 1],
            [0, 0, 1, 1],
            [1, 1, 0, 0],
            [1, 1, 0, 0],
        ]
        #expect(render(Heatmap(values, options: .ascii), width: 2, height: 2) == [" @", "@"])
    }

    @Test func signedUsesSymmetricDivergingRange() {
        let map = Heatmap.signed([[-2, 0, 1]])
        #expect(map.resolvedRange == -2...2)
        let g = grid(map, width: 3, height: 1)
        #expect(g[0, 0].foreground == .rgb(33, 102, 172))
        #expect(g[1, 0].foreground == .rgb(247, 247, 247))
        #expect(g[2, 0].foreground == .rgb(239, 138, 98))
    }

    @Test func scaleLine() {
        let map = Heatmap([[0, 10]], showScale: true, options: .ascii)
        // 12 - len("0") - len("10") - 2 spaces = 7 ramp steps at t = 0, 1/6, …, 1.
        #expect(render(map, width: 12, height: 2) == [" @", "0  :-+*%@ 10"])
    }
}
