import Canvas
import Testing
@testable import Notebook

/// A 150x150 RGB picture: red left half, blue right half.
private func photo(caption: String, verdict: ImageGridBlock.Verdict = .none) -> ImageGridBlock.Image {
    var pixels = [Float](repeating: 0, count: 150 * 150 * 3)
    for y in 0..<150 {
        for x in 0..<150 {
            pixels[(y * 150 + x) * 3 + (x < 75 ? 0 : 2)] = 1
        }
    }
    return ImageGridBlock.Image(pixels: pixels, width: 150, height: 150, channels: 3, caption: caption, verdict: verdict)
}

@Suite struct RenderImageFitTests {
    @Test("a 150x150 picture is scaled down to the width's row cap, caption under it",
          arguments: [(40, 7), (80, 14), (120, 21)])
    func photoFitsTheScreen(width: Int, rows: Int) {
        let block = OutputBlock.images(ImageGridBlock(title: "cats", images: [photo(caption: "cat")]))
        let grid = BlockRenderer(options: .unicode).grid(for: block, width: width)
        // Title, the picture's rows, the caption row.
        #expect(grid.height == 1 + rows + 1)
        let halfBlocks = (0..<grid.width).filter { grid[$0, 1].symbol == "▀" }
        #expect(halfBlocks == Array(0..<(2 * rows)))
        // Area resampling keeps the colours: red on the left, blue on the right.
        #expect(grid[0, 1].foreground == .rgb(255, 0, 0))
        #expect(grid[2 * rows - 1, 1].foreground == .rgb(0, 0, 255))
        let caption = grid.lines()[1 + rows]
        #expect(caption.trimmingCharacters(in: .whitespaces) == "cat")
    }

    @Test("a grid of 150x150 pictures wraps to the width with a label under each", arguments: [40, 80, 120])
    func photosWrap(width: Int) {
        let images = (0..<6).map { photo(caption: "img\($0)") }
        let grid = BlockRenderer(options: .ascii).grid(for: .images(ImageGridBlock(title: nil, images: images)), width: width)
        let rows = ImageGrid.maximumImageRows(forWidth: width)
        let side = 2 * rows
        let perRow = max(1, min(6, (width + 1) / (side + 1)))
        let bands = (6 + perRow - 1) / perRow
        #expect(grid.height == bands * (rows + 1))
        let lines = grid.lines()
        for band in 0..<bands {
            let captions = lines[band * (rows + 1) + rows]
            for i in band * perRow..<min(6, (band + 1) * perRow) {
                #expect(captions.contains("img\(i)"), "band \(band) at \(width) columns: \(captions)")
            }
        }
        for line in lines { #expect(TextWidth.of(line) <= width) }
    }

    @Test("wrong predictions are red with colour and marked with a symbol without")
    func verdictCaptions() {
        let block = OutputBlock.images(ImageGridBlock(title: nil, images: [
            photo(caption: "cat", verdict: .right), photo(caption: "dog", verdict: .wrong),
        ]))
        let colour = BlockRenderer(options: .unicode).grid(for: block, width: 80)
        let captionRow = ImageGrid.maximumImageRows(forWidth: 80)
        let cells = (0..<80).map { colour[$0, captionRow] }
        #expect(cells.contains { $0.symbol == "c" && $0.foreground == .green })
        #expect(cells.contains { $0.symbol == "d" && $0.foreground == .red })
        #expect(!colour.lines()[captionRow].contains("✗"))
        let mono = BlockRenderer(options: .unicodeMonochrome).render(block, width: 80)
        #expect(mono.contains("✗ dog"))
        #expect(!mono.contains("✗ cat"))
        #expect(BlockRenderer(options: .ascii).render(block, width: 80).contains("x dog"))
    }
}
