import Testing
@testable import Canvas

// The heat-over-picture widget in the four colour modes: truecolor, 256 and 16 colours (blended half
// blocks, colours approximated by the renderer), and monochrome (picture and heat side by side as
// character ramps).

private enum OverlayFixture {
    /// A 4x4 grey frame; the heat is 1 on the top-left pixel pair, 0.5 on the next, 0 elsewhere.
    static let heat: [Float] = [1, 0.5, 0, 0, 1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]

    static func overlay(_ options: RenderOptions, count: Int = 2) -> HeatmapOverlay {
        let items = (0..<count).map { i in
            HeatmapOverlay.Item(image: ScreenFixtures.frame, heat: heat, caption: i == 0 ? "ring 97%" : "x",
                                captionStyle: Style(foreground: i == 0 ? .green : .red))
        }
        return HeatmapOverlay(items: items, options: options)
    }

    static func grid(_ options: RenderOptions, width: Int = 40, count: Int = 2) -> Grid {
        let widget = overlay(options, count: count)
        var grid = Grid(width: width, height: widget.size(fittingWidth: width).height)
        grid.draw(widget)
        return grid
    }
}

@Suite struct HeatmapOverlayTests {
    @Test func monochromeShowsPictureAndHeatSideBySide() {
        let grid = OverlayFixture.grid(.ascii)
        #expect(grid.lines() == [
            "@++@ @+   @++@ @+",
            "@++@      @++@",
            "ring 97%      x",
            "low  .:-=+*#%@ high",
        ])
    }

    @Test func truecolorBlendsTheHeatIntoHalfBlocks() {
        let grid = OverlayFixture.grid(.unicode)
        #expect(grid.lines() == ["  ▀▀▀▀     ▀▀▀▀", "  ▀▀▀▀     ▀▀▀▀", "ring 97%    x", "low ██████████ high"])
        // The hot top-left pixel is mostly red; a cold pixel is the picture unchanged (white frame).
        guard case let .rgb(r, g, b)? = grid[2, 0].style.foreground else { Issue.record("no colour"); return }
        #expect(r > 200 && g < 80 && b < 80)
        #expect(grid[5, 0].style.foreground == .rgb(255, 255, 255))
        #expect(grid[0, 2].style.foreground == .green)
        #expect(grid[12, 2].style.foreground == .red)
    }

    @Test(arguments: [(ColorDepth.palette256, "38;5;"), (.ansi16, "31m")])
    func palettesKeepTheHeat(depth: ColorDepth, hotCode: String) {
        let grid = OverlayFixture.grid(.unicode)
        let text = TextRenderer(mode: .ansi, colorDepth: depth).renderLines(grid).joined(separator: "\n")
        #expect(!text.contains("38;2;"), "no truecolor escapes at \(depth)")
        #expect(text.contains(hotCode))
        // The hot pixel stays red (or the nearest red) after approximation, the cold frame white.
        let hot = grid[2, 0].style.foreground?.approximated(to: depth)
        let cold = grid[5, 0].style.foreground?.approximated(to: depth)
        if depth == .ansi16 {
            #expect(hot == .red || hot == .brightRed)
            #expect(cold == .brightWhite)
        } else {
            #expect(hot == .indexed(196) || hot == .indexed(160))
            #expect(cold == .indexed(231))
        }
    }

    @Test func tilesWrapAtNarrowWidthsAndCaptionsAreCut() {
        let grid = OverlayFixture.grid(.ascii, width: 12)
        #expect(grid.lines() == [
            "@++@ @+",
            "@++@",
            "ring 97%",
            "@++@ @+",
            "@++@",
            "    x",
            "low  .:-=+*#",
        ])
    }

    @Test func aHeatMapOfTheWrongSizeDrawsNoHeat() {
        let item = HeatmapOverlay.Item(image: ScreenFixtures.frame, heat: [1, 1])
        var grid = Grid(width: 20, height: 4)
        grid.draw(HeatmapOverlay(items: [item], showScale: false, options: .ascii))
        #expect(grid.lines() == ["@++@", "@++@", "", ""])
    }

    @Test func opacityLeavesColdPartsOfThePictureAlone() {
        #expect(HeatmapOverlay.opacity(for: 0.05) == 0)
        #expect(HeatmapOverlay.opacity(for: .nan) == 0)
        #expect(HeatmapOverlay.opacity(for: 1) == 0.9)
    }

    @Test func sideBySidePicturesKeepTheHeightCapOfTheWholeWidth() {
        // A 28x28 picture at 80 columns: 14 rows (the image grid's cap at 80), though each half is 39 wide.
        let item = HeatmapOverlay.Item(image: PixelImage(grayscale: [Float](repeating: 0.5, count: 784), width: 28, height: 28),
                                       heat: [Float](repeating: 0, count: 784))
        let overlay = HeatmapOverlay(items: [item], options: .ascii)
        #expect(overlay.fittedTile(forWidth: 80) == Size(width: 28, height: 14))
        #expect(overlay.size(fittingWidth: 80) == Size(width: 57, height: 16))
    }
}
