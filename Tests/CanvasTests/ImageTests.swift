import Testing
@testable import Canvas

@Suite struct ImageTests {
    @Test func halfBlocksInColour() {
        let image = PixelImage(grayscale: [0, 1, 1, 0], width: 2, height: 2)
        let g = grid(ImageView(image), width: 2, height: 1)
        #expect(g.lines() == ["▀▀"])
        #expect(g[0, 0].foreground == .rgb(0, 0, 0))
        #expect(g[0, 0].background == .rgb(255, 255, 255))
        #expect(g[1, 0].foreground == .rgb(255, 255, 255))
        #expect(g[1, 0].background == .rgb(0, 0, 0))
    }

    @Test func asciiRampAveragesPixelPairs() {
        let image = PixelImage(grayscale: [0, 0.5, 1, 0, 0.5, 1], width: 3, height: 2)
        #expect(render(ImageView(image, options: .ascii), width: 3, height: 1) == [" +@"])
        let oddHeight = PixelImage(grayscale: [1, 1], width: 2, height: 1)
        #expect(render(ImageView(oddHeight, options: .ascii), width: 2, height: 1) == ["@@"])
    }

    @Test func outOfRangeAndNaNPixelsAreClamped() {
        let image = PixelImage(grayscale: [-1, 2, .nan, 2], width: 2, height: 2)
        let g = grid(ImageView(image), width: 2, height: 1)
        #expect(g[0, 0].foreground == .rgb(0, 0, 0))
        #expect(g[0, 0].background == .rgb(0, 0, 0))
        #expect(g[1, 0].foreground == .rgb(255, 255, 255))
    }

    @Test func fitDownscalesWithBoxFilter() {
        var pixels = [Float](repeating: 0, count: 16)
        for y in 0..<4 { for x in 2..<4 { pixels[y * 4 + x] = 1 } }
        let view = ImageView(PixelImage(grayscale: pixels, width: 4, height: 4), options: .ascii)
        #expect(view.displayedImage(for: Size(width: 2, height: 1)).size == Size(width: 2, height: 2))
        #expect(render(view, width: 2, height: 1) == [" @"])
        #expect(view.naturalSize == Size(width: 4, height: 2))
    }

    @Test func clipScalingCutsInsteadOfShrinking() {
        let image = PixelImage(grayscale: [Float](repeating: 1, count: 16), width: 4, height: 4)
        let view = ImageView(image, scaling: .clip, options: .ascii)
        #expect(render(view, width: 6, height: 1) == ["@@@@"])
        #expect(render(view, width: 2, height: 3) == ["@@", "@@", ""])
    }

    @Test func nearestResampling() {
        let image = PixelImage(grayscale: [0, 1, 0, 1], width: 4, height: 1)
        #expect(image.resized(width: 2, height: 1, method: .nearest).pixels == [1, 1])
        #expect(image.resized(width: 2, height: 1, method: .box).pixels == [0.5, 0.5])
    }

    @Test func planarAndInterleavedRGB() {
        let planar = PixelImage(width: 2, height: 1, channels: 3, pixels: [1, 0, 0, 1, 0, 0], layout: .planar)
        let interleaved = PixelImage(width: 2, height: 1, channels: 3, pixels: [1, 0, 0, 0, 1, 0])
        #expect(planar == interleaved)
        #expect(planar.color(x: 0, y: 0) == .rgb(255, 0, 0))
        #expect(planar.color(x: 1, y: 0) == .rgb(0, 255, 0))
        #expect(abs(planar.luminance(x: 1, y: 0) - 0.7152) < 1e-6)
    }

    @Test func imageGridWrapsAndTruncatesCaptions() {
        let white = PixelImage(grayscale: [1, 1, 1, 1], width: 2, height: 2)
        let items = ["cat", "dog", "bird"].map { ImageGrid.Item(image: white, caption: $0) }
        let grid = ImageGrid(items: items, options: .ascii)
        #expect(grid.tile == Size(width: 2, height: 1))
        #expect(grid.columns(forWidth: 5) == 2)
        #expect(grid.size(fittingWidth: 5) == Size(width: 5, height: 4))
        #expect(render(grid, width: 5, height: 4) == ["@@ @@", "c~ d~", "@@", "b~"])
        #expect(render(ImageGrid(items: items), width: 5, height: 2).last == "c… d…")
    }

    @Test func imageGridScalesImagesIntoTiles() {
        let big = PixelImage(grayscale: [Float](repeating: 1, count: 64), width: 8, height: 8)
        let items = [ImageGrid.Item(image: big, caption: "seven"), ImageGrid.Item(image: big, caption: "one")]
        let grid = ImageGrid(items: items, tileSize: Size(width: 5, height: 2), spacing: 2, options: .ascii)
        // 8×8 pixels fit into 5 columns × 4 pixel rows as 4×4, left in the 5-wide tile (odd gap), second tile at column 7.
        #expect(render(grid, width: 12, height: 3) == ["@@@@   @@@@", "@@@@   @@@@", "seven   one"])
    }
}

@Suite struct ImageGridFitTests {
    @Test("the row cap scales with the width", arguments: [(10, 3), (40, 7), (80, 14), (120, 21)])
    func rowCap(width: Int, rows: Int) {
        #expect(ImageGrid.maximumImageRows(forWidth: width) == rows)
    }

    @Test func tilesShrinkLargeImagesButNeverEnlargeSmallOnes() {
        let big = PixelImage(grayscale: [Float](repeating: 1, count: 150 * 100), width: 150, height: 100)
        let small = PixelImage(grayscale: [Float](repeating: 1, count: 16), width: 4, height: 4)
        #expect(ImageGrid(items: [.init(image: big)]).fittedTile(forWidth: 80) == Size(width: 42, height: 14))
        #expect(ImageGrid(items: [.init(image: small)]).fittedTile(forWidth: 80) == Size(width: 4, height: 2))
        // A short caption widens a narrow tile; a long one is cut at 20 columns.
        #expect(ImageGrid(items: [.init(image: small, caption: "shirt")]).fittedTile(forWidth: 80) == Size(width: 5, height: 2))
        #expect(ImageGrid(items: [.init(image: small, caption: String(repeating: "w", count: 30))])
            .fittedTile(forWidth: 80).width == 20)
    }
}

@Suite struct RasterTests {
    @Test func lineAndFillStayInsideTheCanvas() {
        var canvas = PixelCanvas(width: 4, height: 4)
        canvas.line(from: (0, 0), to: (3, 3), (0, 0, 0))
        for i in 0..<4 { #expect(rgb(canvas, i, i) == [0, 0, 0]) }
        #expect(rgb(canvas, 1, 0) == [255, 255, 255])
        canvas.fill(x: -5, y: 2, width: 100, height: 100, (9, 9, 9))
        #expect(rgb(canvas, 3, 3) == [9, 9, 9])
        #expect(rgb(canvas, 4, 0).isEmpty)
        canvas.line(from: (-100_000, 1), to: (100_000, 1), (1, 2, 3))
        #expect(rgb(canvas, 2, 1) == [1, 2, 3])
    }

    @Test func chartRasterDrawsEachSeriesInItsColour() {
        let chart = LineChart(series: [ChartSeries(name: "a", values: [1, 2, 3]), ChartSeries(name: "b", values: [3, 2, 1])])
        let canvas = ChartRaster.render(chart, width: 200, height: 120)
        #expect([canvas.width, canvas.height] == [200, 120])
        for colour in ChartRaster.palette.prefix(2) {
            let wanted: [UInt8] = [colour.r, colour.g, colour.b]
            let found = stride(from: 0, to: canvas.pixels.count, by: 3).contains { Array(canvas.pixels[$0..<($0 + 3)]) == wanted }
            #expect(found)
        }
    }

    @Test func imageGridAndHeatmapAreScaled() {
        let image = PixelImage(grayscale: [0, 1, 1, 0], width: 2, height: 2)
        let grid = ImageRaster.grid([image, image, image], columns: 2, scale: 3)
        #expect([grid.width, grid.height] == [24, 24])
        #expect(rgb(grid, 4, 4) == [0, 0, 0])
        #expect(rgb(grid, 7, 4) == [255, 255, 255])
        let heat = ImageRaster.heatmap([[0, 1], [.nan, 2]], ramp: .grayscale, centeredAtZero: false, scale: 2)
        #expect([heat.width, heat.height] == [4, 4])
        #expect(rgb(heat, 0, 0) == [0, 0, 0])
        #expect(rgb(heat, 3, 3) == [255, 255, 255])
        #expect(rgb(heat, 0, 3) == [255, 255, 255])
    }
}

/// The pixel's red, green and blue, or empty outside the canvas.
private func rgb(_ canvas: PixelCanvas, _ x: Int, _ y: Int) -> [UInt8] {
    guard let p = canvas.pixel(x: x, y: y) else { return [] }
    return [p.r, p.g, p.b]
}
