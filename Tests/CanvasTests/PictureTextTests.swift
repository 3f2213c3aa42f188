import Testing
@testable import Canvas

/// Words in exported pictures: the bitmap font, the chart's title, numbers, legend and point shapes,
/// the captions and class labels of image grids and heat maps.
@Suite struct PictureTextTests {
    @Test func everyPrintableCharacterHasItsOwnGlyph() {
        #expect(BitmapFont.table.count == 95)
        #expect(BitmapFont.table.allSatisfy { $0.count == 14 })
        let printable = (33...126).map { Character(Unicode.Scalar(UInt8($0))) }
        #expect(Set(printable.map(BitmapFont.glyph)).count == printable.count, "two characters share a glyph")
        #expect(printable.allSatisfy { BitmapFont.glyph($0).contains { $0 != 0 } }, "a printable character draws nothing")
        #expect(BitmapFont.glyph(" ").allSatisfy { $0 == 0 })
        #expect(BitmapFont.glyph("×") == BitmapFont.glyph("x"))
        #expect(BitmapFont.glyph("猫") == BitmapFont.glyph("?"))
        // No glyph sets a bit outside its 5 columns.
        #expect(BitmapFont.rows.allSatisfy { $0.allSatisfy { $0 < 32 } })
    }

    @Test func textIsDrawnWhereAsked() {
        var canvas = PixelCanvas(width: 40, height: 10)
        let end = canvas.text("I", x: 2, y: 1, (0, 0, 0))
        #expect(end == 8)
        // `I` is a bar in the middle column with serifs top and bottom: 0E 04 04 04 04 04 0E.
        #expect(dark(canvas, 2 + 2, 1 + 3))
        #expect(!dark(canvas, 2, 1 + 3))
        #expect(dark(canvas, 2 + 1, 1) && dark(canvas, 2 + 3, 1 + 6))
        #expect(BitmapFont.width(of: "abc", scale: 2) == (3 * 6 - 1) * 2)
        #expect(PixelCanvas.fitting("abcdef", width: 17) == "abc")
    }

    @Test func chartHasTitleNumbersAndLegend() {
        let chart = LineChart(series: [ChartSeries(name: "train", points: (1...10).map { (Double($0), 1 / Double($0)) }),
                                       ChartSeries(name: "val", points: (1...10).map { (Double($0), 1.2 / Double($0)) })])
        let plain = ChartRaster.render(chart, width: 640, height: 400)
        let labelled = ChartRaster.render(chart, width: 640, height: 400, title: "training loss per epoch", xLabel: "epoch")
        #expect([labelled.width, labelled.height] == [640, 400])
        let layout = ChartRaster.Layout(chart: chart, width: 640, height: 400, title: "training loss per epoch", xLabel: "epoch")
        // The title band: text at twice the font size across the middle of the top.
        let titleDark = darkCount(labelled, x: 0..<640, y: 8..<22)
        #expect(titleDark > 200, "only \(titleDark) dark pixels where the title goes")
        #expect(darkCount(plain, x: 0..<640, y: 0..<6) == 0)
        // Numbers left of the y axis and under the x axis.
        #expect(darkCount(labelled, x: 0..<(layout.plot.x - 6), y: layout.plot.y..<(layout.plot.y + layout.plot.height)) > 30)
        let below = layout.plot.y + layout.plot.height + 8
        #expect(darkCount(labelled, x: layout.plot.x..<640, y: below..<(below + 7)) > 30)
        #expect(layout.xTicks.map(\.text).allSatisfy { !$0.contains(".") }, "epochs are labelled with whole numbers: \(layout.xTicks.map(\.text))")
        #expect(layout.yTicks.count >= 2)
        // Both legend entries fit one row, each with its own colour and marker.
        #expect(layout.legend.count == 1 && layout.legend[0].count == 2)
        #expect(layout.marksPoints)
        for colour in ChartRaster.palette.prefix(2) {
            #expect(count(labelled, colour, y: layout.legendTop..<(layout.legendTop + layout.legendRowHeight)) > 20)
        }
    }

    @Test func manyPointsAreNotMarked() {
        let chart = LineChart(series: [ChartSeries(name: "batch", values: (0..<2000).map { 1 / Double($0 + 1) })])
        #expect(!ChartRaster.Layout(chart: chart, width: 640, height: 400, title: "", xLabel: "").marksPoints)
    }

    @Test func largerPicturesGetLargerText() {
        let chart = LineChart(series: [ChartSeries(name: "a", values: [1, 2, 3])])
        #expect(ChartRaster.Layout(chart: chart, width: 640, height: 400, title: "t", xLabel: "").textScale == 1)
        #expect(ChartRaster.Layout(chart: chart, width: 1280, height: 800, title: "t", xLabel: "").textScale == 2)
    }

    @Test func imageGridCaptionsAndTitle() {
        let image = PixelImage(grayscale: Array(repeating: 0.5, count: 64), width: 8, height: 8)
        let captions = [ImageRaster.Caption("cat", color: (30, 130, 50)), ImageRaster.Caption("dog", color: (192, 40, 40))]
        let grid = ImageRaster.grid([image, image], captions: captions, columns: 2, scale: 4)
        // Two 32-pixel tiles 4 apart and around; a caption band of 7 + 4 under the row.
        let expected: [Int] = [76, 51]  // 4 + 2 * (32 + 4) across; 4 + 32 + (7 + 4) + 4 down
        #expect([grid.width, grid.height] == expected)
        #expect(count(grid, (30, 130, 50), y: 36..<47) > 5, "the first caption in green")
        #expect(count(grid, (192, 40, 40), y: 36..<47) > 5, "the second in red")
        // "samples" at twice the font's size (82 pixels) is wider than the grid: it is written at the font's size.
        let titled = grid.titled("samples")
        #expect(titled.height == grid.height + 7 + 8 && titled.width == grid.width)
        #expect(darkCount(titled, x: 0..<titled.width, y: 0..<15) > 20)
        let wide = ImageRaster.grid([image, image, image], captions: [], columns: 3, scale: 8).titled("samples")
        #expect(wide.height == 4 + 64 + 4 + 14 + 8, "a wide grid gets the title at twice the size")
        #expect(ImageRaster.grid([image], captions: [], columns: 1, scale: 1) == ImageRaster.grid([image], columns: 1, scale: 1))
    }

    @Test func heatmapClassLabelsAndCounts() {
        let labels = ImageRaster.MatrixLabels(rows: ["cat", "dog"], columns: ["cat", "dog"], cells: [["9", "1"], ["2", "8"]])
        let plain = ImageRaster.heatmap([[9, 1], [2, 8]], ramp: .viridis, centeredAtZero: false, scale: 40)
        let labelled = ImageRaster.heatmap([[9, 1], [2, 8]], ramp: .viridis, centeredAtZero: false, scale: 40, labels: labels)
        #expect(labelled.width > plain.width && labelled.height > plain.height)
        // Row labels at the left, column labels on top, both dark on white.
        #expect(darkCount(labelled, x: 0..<20, y: 20..<100) > 10)
        #expect(darkCount(labelled, x: 25..<110, y: 0..<15) > 10)
        // The count in the dark cell (1, low) is written in white.
        let cellX = labelled.width - 4 - 40, cellY = labelled.height - 4 - 80
        var whiteInCell = 0
        for dx in 0..<40 {
            for dy in 0..<40 where labelled.pixel(x: cellX + dx, y: cellY + dy).map({ $0 == (255, 255, 255) }) == true {
                whiteInCell += 1
            }
        }
        #expect(whiteInCell > 5)
    }

    @Test func htmlCarriesColourAndEscapes() {
        var grid = Grid(width: 12, height: 2)
        grid.put("a<b", x: 0, y: 0, style: Style(foreground: .red, attributes: .bold))
        grid.put("&ok", x: 4, y: 0)
        grid.put("dim", x: 0, y: 1, style: .dim)
        let html = HTMLRenderer().render(grid)
        #expect(html == "<span style=\"color:#c02828;font-weight:bold\">a&lt;b</span> &amp;ok\n<span style=\"opacity:0.6\">dim</span>")
        #expect(HTMLRenderer.hex(.rgb(1, 2, 255)) == "#0102ff")
        #expect(HTMLRenderer.css(Style(attributes: .reverse)) == "color:#ffffff;background:#1a1a1a")
    }
}

private func dark(_ canvas: PixelCanvas, _ x: Int, _ y: Int) -> Bool {
    guard let p = canvas.pixel(x: x, y: y) else { return false }
    return Int(p.r) + Int(p.g) + Int(p.b) < 200
}

private func darkCount(_ canvas: PixelCanvas, x: Range<Int>, y: Range<Int>) -> Int {
    y.reduce(0) { sum, py in sum + x.count { dark(canvas, $0, py) } }
}

private func count(_ canvas: PixelCanvas, _ colour: (r: UInt8, g: UInt8, b: UInt8), y: Range<Int>) -> Int {
    y.reduce(0) { sum, py in sum + (0..<canvas.width).count { canvas.pixel(x: $0, y: py).map { $0 == colour } ?? false } }
}
