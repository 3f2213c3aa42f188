import Canvas
import Testing
@testable import Notebook

/// Issue 16 items 9 and 30: blocks that read wrong or were cut at 80 columns.
@Suite struct RenderScreenDefectsTests {
    @Test func predictBarsUseBlockGlyphsInUnicodeAndHashesInASCII() {
        let block = OutputBlock.table(TableBlock(headers: ["rank", "class", "probability"],
                                                 rows: [["1", "cat", "0.7500"], ["2", "dog", "0.2500"]], bars: [0.75, 0.25]))
        let unicode = BlockRenderer(options: .unicode).render(block, width: 80)
        #expect(unicode.contains(String(repeating: "█", count: 15) + " "), "\(unicode)")
        #expect(!unicode.contains("#") && !unicode.contains(".........."), "\(unicode)")
        let ascii = BlockRenderer(options: .ascii).render(block, width: 80)
        #expect(ascii.contains(String(repeating: "#", count: 5) + String(repeating: ".", count: 15)), "\(ascii)")
        #expect(!ascii.contains("█"))
    }

    static func overlay(verdicts: [ImageGridBlock.Verdict]) -> OutputBlock {
        let items = verdicts.enumerated().map { index, verdict in
            OverlayBlock.Item(image: ImageGridBlock.Image(pixels: [Float](repeating: 0.5, count: 64), width: 8, height: 8, channels: 1,
                                                          caption: "\(index) circle 90%", verdict: verdict),
                              heat: [Float](repeating: 0.5, count: 64))
        }
        return .overlay(OverlayBlock(title: "saliency of m; captions: example, class, its probability", kind: .saliency, items: items))
    }

    @Test func saliencyCaptionKeySaysWhatTheMarksMean() {
        let block = Self.overlay(verdicts: [.right, .wrong])
        let coloured = BlockRenderer(options: .unicode).grid(for: block, width: 80).lines().joined(separator: " ")
        #expect(coloured.contains("(green right, red wrong)"), "\(coloured)")
        let plain = BlockRenderer(options: .unicodeMonochrome).render(block, width: 80)
        #expect(!plain.contains("green") && plain.contains("(✗ marks a wrong one)") && plain.contains("✗ 1 circle 90%"), "\(plain)")
        let ascii = BlockRenderer(options: .ascii).render(block, width: 80)
        #expect(!ascii.contains("green") && ascii.contains("(x marks a wrong one)"), "\(ascii)")
        #expect(!BlockRenderer(options: .unicode).render(Self.overlay(verdicts: [.none]), width: 80).contains("green"))
    }

    @Test func errorCaptionsWrapUnderTheirPicturesInsteadOfBeingCut() {
        let images = ["triangle > circle 87%", "square > triangle 51%", "cross > circle 100%"].map { caption in
            ImageGridBlock.Image(pixels: [Float](repeating: 0.5, count: 28 * 28), width: 28, height: 28, channels: 1,
                                 caption: caption, verdict: .wrong)
        }
        for options in [RenderOptions.ascii, .unicodeMonochrome] {
            let text = BlockRenderer(options: options).render(.images(ImageGridBlock(title: "errors", images: images)), width: 78)
            let words = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
            #expect(words.isSuperset(of: ["triangle", "circle", "87%", "square", "51%", "cross", "100%"]), "\(text)")
            #expect(!text.contains("~") && !text.contains("…"), "\(text)")
        }
    }

    @Test func summaryWrapsLayerNamesTooLongToAbbreviate() throws {
        let name = "a_very_long_convolution_layer_name_over_forty_characters_long"
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=20 classes=3 size=16", "model", "conv2d 4 3 relu name=\(name)",
                               "globalaveragepooling2d", "dense 3 softmax"])
        let block = try #require(try interpreter.execute(line: "summary").first)
        let text = BlockRenderer(options: .ascii).render(block, width: 78)
        #expect(text.split(separator: "\n").allSatisfy { TextWidth.of(String($0)) <= 78 }, "\(text)")
        #expect(!text.contains("~"), "\(text)")
        let cells = text.split(separator: "\n").compactMap { $0.split(separator: "|").first?.trimmingCharacters(in: .whitespaces) }
        #expect(cells.joined().contains(name), "the name reads whole across its rows: \(text)")
        #expect(Interpreter.nameLines("conv_block_one.depthwise_conv", width: 16) == ["conv_block_one.", "depthwise_conv"])
        #expect(Interpreter.nameLines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }
}
