// The decision-region widget: class regions in half blocks (two pixels a cell) or fill characters, value
// fields on a ramp, and points on top by class colour or by mark.

import Testing
@testable import Canvas

@Suite struct RegionPlotTests {
    /// Left half class 0, right half class 1, over a 4 x 4 field.
    private let halves = RegionPlot.Field.classes(columns: 4, rows: 4, [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1])

    @Test func classRegionsWithoutColourAreFillCharactersAndPointsAreMarks() {
        let plot = RegionPlot(field: halves, points: [RegionPlot.Point(x: -0.5, y: 0.5, group: 1), RegionPlot.Point(x: 0.5, y: -0.5, group: 0)],
                              options: .ascii)
        #expect(render(plot, width: 8, height: 4) == [
            "    ....",
            "  x ....",
            "    ....",
            "    ..o.",
        ])
    }

    @Test func classRegionsInColourAreHalfBlocksWithTheRegionColours() {
        // Top half class 0, bottom half class 1: every cell of row 0 is 0 over 0, of row 1 is 1 over 1.
        let field = RegionPlot.Field.classes(columns: 2, rows: 2, [0, 0, 1, 1])
        let g = grid(RegionPlot(field: field, options: .unicode), width: 4, height: 2)
        #expect(g.lines() == ["▀▀▀▀", "▀▀▀▀"])
        #expect(g[0, 0].foreground == RegionPlot.regionColor(0) && g[0, 0].background == RegionPlot.regionColor(0))
        #expect(g[3, 1].foreground == RegionPlot.regionColor(1) && g[3, 1].background == RegionPlot.regionColor(1))
        // One text row holding both classes: the upper pixel of class 0, the lower of class 1.
        let split = grid(RegionPlot(field: field, options: .unicode), width: 4, height: 1)
        #expect(split[1, 0].foreground == RegionPlot.regionColor(0) && split[1, 0].background == RegionPlot.regionColor(1))
    }

    @Test func aPointInColourSitsOnTheRegionColourOfItsHalfCell() {
        let field = RegionPlot.Field.classes(columns: 2, rows: 2, [0, 0, 1, 1])
        // y = -0.25 is the lower pixel of the only text row: region class 1.
        let plot = RegionPlot(field: field, points: [RegionPlot.Point(x: 0.9, y: -0.25, group: 0)], options: .unicode)
        let g = grid(plot, width: 4, height: 1)
        #expect(g[3, 0].symbol == "●")
        #expect(g[3, 0].foreground == RegionPlot.pointColor(0))
        #expect(g[3, 0].background == RegionPlot.regionColor(1))
    }

    @Test func valueFieldsFollowTheCharacterRampWithoutColour() {
        let field = RegionPlot.Field.values(columns: 4, rows: 1, [-1, -0.3, 0.3, 1], range: -1...1)
        #expect(render(RegionPlot(field: field, options: .ascii), width: 4, height: 1) == [" -*@"])
        let coloured = grid(RegionPlot(field: field, options: .unicode), width: 4, height: 1)
        #expect(coloured[0, 0].foreground == ColorRamp.diverging.color(at: 0))
        #expect(coloured[3, 0].background == ColorRamp.diverging.color(at: 1))
    }

    @Test func pointsOutsideTheSquareOrNotFiniteAreLeftOut() {
        let points = [RegionPlot.Point(x: 1.5, y: 0, group: 0), RegionPlot.Point(x: .nan, y: 0, group: 1),
                      RegionPlot.Point(x: 0, y: -3, group: 2)]
        #expect(render(RegionPlot(field: .none, points: points, options: .ascii), width: 6, height: 3) == ["", "", ""])
        // The corners are inside.
        let corners = [RegionPlot.Point(x: -1, y: 1, group: 0), RegionPlot.Point(x: 1, y: -1, group: 1)]
        #expect(render(RegionPlot(field: .none, points: corners, options: .ascii), width: 3, height: 2) == ["o", "  x"])
    }

    @Test func classesPastThePaletteWrapAndTinyAreasDrawNothing() {
        #expect(RegionPlot.mark(8) == RegionPlot.mark(0))
        #expect(RegionPlot.pointColor(-1) == RegionPlot.pointColor(7))
        var g = Grid(width: 3, height: 3)
        g.draw(RegionPlot(field: halves, options: .unicode), in: Rect(x: 0, y: 0, width: 0, height: 0))
        #expect(g.lines() == ["", "", ""])
    }
}
