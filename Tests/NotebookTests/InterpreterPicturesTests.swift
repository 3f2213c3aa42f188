import Canvas
import Datasets
import Foundation
import Testing
@testable import Notebook

/// A two-class grey 8x8 set, flatten, a hidden dense layer and one sigmoid unit.
private let sigmoidSetup = [
    "load shapes count=40 classes=2 size=8",
    "model",
    "flatten",
    "dense 4 relu",
    "dense 1 sigmoid",
    "compile loss=binary_crossentropy optimizer=sgd lr=0.1",
]


private func writePNG(_ image: DecodedImage, to path: String) throws {
    try Data(ImageEncoder.png(image)).write(to: URL(fileURLWithPath: path))
}

@Suite("Pictures that teach", .serialized)
struct InterpreterPicturesTests {
    @Test("show errors: wrong examples only, true > predicted with the prediction's probability (sigmoid p is P(class 1))")
    func showErrors() throws {
        let interpreter = Interpreter()
        runLines(interpreter, sigmoidSetup)
        let blocks = try interpreter.execute(line: "show errors 5")
        guard case .images(let grid)? = blocks.first else {
            Issue.record("an untrained model gets some wrong: a gallery")
            return
        }
        let trainer = try #require(interpreter.session.modelEntry?.trainer)
        let test = try #require(interpreter.session.data?.images?.test)
        let names = test.classNames
        let outputs = try trainer.predict(test, indices: Array(0..<test.count)).array
        let wrong = (0..<test.count).filter { (outputs[$0] > 0.5 ? 1 : 0) != Int(test.labels[$0]) }
        #expect(grid.images.count == min(5, wrong.count))
        #expect(grid.title?.contains("\(wrong.count) of \(test.count) test examples wrong") == true)
        for (image, index) in zip(grid.images, wrong) {
            let predicted = outputs[index] > 0.5 ? 1 : 0
            let p = Double(predicted == 1 ? outputs[index] : 1 - outputs[index])
            #expect(image.caption == "\(names[Int(test.labels[index])]) > \(names[predicted]) \(Int((p * 100).rounded()))%")
            #expect(image.verdict == .wrong)
        }
        let mono = BlockRenderer(options: .unicodeMonochrome).render(blocks[0], width: 80)
        #expect(mono.contains("✗ "))
    }

    @Test("predict FILE gives the same probabilities as predict INDEX for the same picture, resized and made grey")
    func predictFile() throws {
        let dir = makeTemporaryDirectory("predict")
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, sigmoidSetup + ["train 1"])
        let test = try #require(interpreter.session.data?.images?.test)
        // Test image 0 exactly as stored (8x8 grey bytes), and as a 16x16 RGB picture.
        let bytes = Array(test.pixels[0..<64])
        try writePNG(try DecodedImage(width: 8, height: 8, channels: 1, pixels: bytes), to: dir.path + "/same.png")
        var rgb = [UInt8](repeating: 0, count: 16 * 16 * 3)
        for y in 0..<16 {
            for x in 0..<16 {
                for c in 0..<3 { rgb[(y * 16 + x) * 3 + c] = bytes[(y / 2) * 8 + x / 2] }
            }
        }
        try writePNG(try DecodedImage(width: 16, height: 16, channels: 3, pixels: rgb), to: dir.path + "/big.png")

        let byIndex = try interpreter.execute(line: "predict 0")
        guard case .table(let indexTable)? = byIndex.last else {
            Issue.record("predict INDEX still shows a table")
            return
        }
        for name in ["same.png", "big.png"] {
            let blocks = try interpreter.execute(line: "predict \(dir.path)/\(name)")
            guard blocks.count == 2, case .images(let picture) = blocks[0], case .table(let table) = blocks[1] else {
                Issue.record("predict FILE shows the picture and a table")
                return
            }
            #expect(picture.images.first.map { [$0.width, $0.height, $0.channels] } == [8, 8, 1])
            #expect(table.rows.count == 2, "a one-unit sigmoid model lists both classes")
            #expect(table.rows.map { $0[1] } == indexTable.rows.map { $0[1] })
            #expect(table.rows.map { $0[2] } == indexTable.rows.map { $0[2] })
            let p = try #require(Double(table.rows[0][2]))
            #expect(table.bars.count == 2 && abs(table.bars[0] - p) < 1e-3, "each class gets a bar of its probability")
        }
    }

    @Test("a missing, unreadable or non-image file is an error at the path with a hint",
          arguments: [("missing.png", "does not exist"), ("notes.png", "not a PNG or JPEG file"),
                      ("empty.jpg", "the file is empty"), ("folder", "cannot classify"),
                      ("pipe.png", "a named pipe, not a regular file"), ("link.png", "a named pipe, not a regular file")])
    func predictFileErrors(name: String, reason: String) throws {
        let dir = makeTemporaryDirectory("predict-errors")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("hello".utf8).write(to: dir.appendingPathComponent("notes.png"))
        try Data().write(to: dir.appendingPathComponent("empty.jpg"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder"), withIntermediateDirectories: true)
        // Issue 16 item 19: a FIFO (or a link to one) is refused, not opened to block forever.
        #expect(mkfifo(dir.path + "/pipe.png", 0o644) == 0)
        #expect(symlink(dir.path + "/pipe.png", dir.path + "/link.png") == 0)
        let interpreter = Interpreter()
        runLines(interpreter, sigmoidSetup)
        let message = try #require(failure(interpreter, "predict \(dir.path)/\(name)"))
        #expect(message.hasPrefix("<input>:1:9: error: cannot classify '\(dir.path)/\(name)'"), "\(message)")
        #expect(message.contains(reason), "\(message)")
        #expect(message.contains("give a PNG or JPEG file"), "\(message)")
    }

    @Test("show weights draws a dense layer over the image as one picture per unit; a later layer stays a heat map")
    func unitPictures() throws {
        let interpreter = Interpreter()
        runLines(interpreter, sigmoidSetup)
        guard case .images(let grid)? = try interpreter.execute(line: "show weights dense_1 units=3").first else {
            Issue.record("unit pictures")
            return
        }
        #expect(grid.images.count == 3)
        #expect(grid.images.allSatisfy { $0.width == 8 && $0.height == 8 && $0.channels == 3 })
        #expect(grid.title?.contains("as 8x8 pictures") == true)
        let kernel = try #require(interpreter.session.modelEntry?.model.layers[1].parameters.first?.tensor.array)
        // Unit 1's largest weight is the brightest pixel of its picture.
        let unit = (0..<64).map { kernel[$0 * 4] }
        let strongest = try #require(unit.indices.max { unit[$0] < unit[$1] })
        let reds = (0..<64).map { grid.images[0].pixels[$0 * 3] }
        #expect(reds.indices.max { reds[$0] < reds[$1] } == strongest)
        guard case .heatmap? = try interpreter.execute(line: "show weights dense_2").first else {
            Issue.record("a dense layer after another stays a heat map")
            return
        }
    }

    @Test("show filters enlarges a 3x3 filter to 6x6 pixels (6x3 cells) and draws RGB filters in colour")
    func filters() throws {
        let dir = makeTemporaryDirectory("filters")
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=20 classes=2 size=8", "model", "conv2d 2 3 relu", "flatten", "dense 2 softmax", "compile"])
        guard case .images(let grey)? = try interpreter.execute(line: "show filters 1").first else {
            Issue.record("filters")
            return
        }
        #expect(grey.images.map { [$0.width, $0.height, $0.channels] } == [[6, 6, 1], [6, 6, 1]])
        let cells = BlockRenderer(options: .ascii).grid(for: .images(grey), width: 80)
        #expect(cells.height == 1 + 3 + 1)
        runLines(interpreter, ["make-dataset shapes-rgb \(dir.path)/rgb count=10 size=16",
                               "load images \(dir.path)/rgb/train size=16x16", "model", "conv2d 2 3 relu", "flatten",
                               "dense 2 softmax", "compile"])
        guard case .images(let colour)? = try interpreter.execute(line: "show filters 1").first else {
            Issue.record("colour filters")
            return
        }
        #expect(colour.images.map { [$0.width, $0.height, $0.channels] } == [[6, 6, 3], [6, 6, 3]])
        #expect(colour.title?.contains("in colour") == true)
    }

    @Test("export writes the last image grid, chart and heat map as PNG files of the expected sizes")
    func export() throws {
        let dir = makeTemporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, sigmoidSetup + ["show samples 4", "export last \(dir.path)/samples.png scale=2"])
        // 4 tiles of 8x8 at scale 2 in 2 columns, 4 pixels apart and around (44x44; tiles too narrow for captions),
        // under the title "4 train images of shapes" at the font's size (24 glyphs of 6 pixels less one, 4 pixels
        // each side), which is wider than the tiles: 151 across, 7 + 2 x 4 pixels more down.
        let samples = try ImageDecoder.decodeFile(dir.path + "/samples.png", channels: 3)
        #expect(samples.width == 151)
        #expect(samples.height == 44 + 15)
        runLines(interpreter, ["train 2", "chart loss", "export chart \(dir.path)/loss.png width=320 height=200"])
        let chart = try ImageDecoder.decodeFile(dir.path + "/loss.png", channels: 3)
        #expect(chart.width == 320)
        #expect(chart.height == 200)
        let blue: [UInt8] = [ChartRaster.palette[0].r, ChartRaster.palette[0].g, ChartRaster.palette[0].b]
        let hasSeries = stride(from: 0, to: chart.pixels.count, by: 3).contains { Array(chart.pixels[$0..<($0 + 3)]) == blue }
        #expect(hasSeries, "the first series is drawn in the first palette colour")
        runLines(interpreter, ["confusion", "export heatmap \(dir.path)/confusion.png"])
        let heatmap = try ImageDecoder.decodeFile(dir.path + "/confusion.png", channels: 3)
        // 2x2 cells of 200 pixels; the row labels (6 glyphs: 35 pixels, 4 each side) on the left, the column labels
        // (7 pixels, 4 above and below) on top, 4 pixels right and under; the title at the font's size above (15).
        #expect(heatmap.width == 43 + 400 + 4)
        #expect(heatmap.height == 15 + 15 + 400 + 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["confusion.png", "loss.png", "samples.png"])
    }

    @Test("export errors are located with a hint", arguments: [
        ("export last out.txt", "<input>:1:13: error: export writes PNG files; 'out.txt' does not end in .png - name the file like out/loss.png"),
        ("export chart out.png", "<input>:1:8: error: no chart has been shown yet - draw one first, e.g. `chart loss`, `confusion` or `show samples 8`"),
        ("export images out.png scale=64", "<input>:1:29: error: scale=64 would make a 9216x9216 picture, more than 16 million pixels - use a smaller scale="),
    ])
    func exportErrors(line: String, expected: String) {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=40 classes=2 size=32", "show samples 16"])
        #expect(failure(interpreter, line) == expected)
    }
}
