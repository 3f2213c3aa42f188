import Datasets
import Foundation
import Notebook
import Testing

/// `export`: the picture has its words (a title, axis numbers, a legend, class labels), and `index=N` picks one
/// of the charts a cell drew.
@Suite struct ExportPictureTests {
    static let twoModels = [
        "load shapes count=60 classes=2 size=8", "split validation=0.2",
        "a = model", "flatten", "dense 2 softmax", "compile", "train 2",
        "b = model", "flatten", "dense 8 relu", "dense 2 softmax", "compile", "train 2",
        "chart loss models=a,b",
    ]

    @Test func indexPicksOneOfTheChartsOfACell() throws {
        let dir = makeTemporaryDirectory("export-index")
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, Self.twoModels)
        let first = texts(runLines(interpreter, ["export chart \(dir.path)/train.png index=1"]))
        #expect(first == ["wrote the chart 1 of 2 as a 640x400 PNG (\(try size(dir.path + "/train.png")) KB) to \(dir.path)/train.png"])
        runLines(interpreter, ["export chart \(dir.path)/validation.png index=2", "export chart \(dir.path)/last.png"])
        let train = try Data(contentsOf: dir.appendingPathComponent("train.png"))
        let validation = try Data(contentsOf: dir.appendingPathComponent("validation.png"))
        #expect(train != validation, "the training and the validation chart differ")
        #expect(validation == (try Data(contentsOf: dir.appendingPathComponent("last.png"))), "without index= the last one drawn")
        #expect(failure(interpreter, "export chart \(dir.path)/x.png index=3")
            == "<input>:1:\(("export chart " + dir.path + "/x.png index=").count + 1): error: the latest cell with a chart drew 2 of them; there is no chart 3 - use index=1...2")
        #expect(failure(interpreter, "export chart x.png index=0")?.contains("index") == true, "bounds are checked where parsed")
    }

    @Test func anExportedChartHasTextInItsTitleAreaAndLegend() throws {
        let dir = makeTemporaryDirectory("export-title")
        defer { try? FileManager.default.removeItem(at: dir) }
        let interpreter = Interpreter()
        runLines(interpreter, Self.twoModels + ["export chart \(dir.path)/c.png index=1 width=800 height=500"])
        let chart = try ImageDecoder.decodeFile(dir.path + "/c.png", channels: 3)
        #expect(chart.width == 800 && chart.height == 500)
        func dark(_ y: Range<Int>, _ x: Range<Int> = 0..<800) -> Int {
            y.reduce(0) { sum, py in
                sum + x.count { px in
                    let i = (py * chart.width + px) * 3
                    return Int(chart.pixels[i]) + Int(chart.pixels[i + 1]) + Int(chart.pixels[i + 2]) < 200
                }
            }
        }
        #expect(dark(0..<8) == 0, "a white edge")
        #expect(dark(8..<22) > 150, "the title 'training loss per epoch' at twice the font's size")
        #expect(dark(8..<22, 0..<150) == 0 && dark(8..<22, 650..<800) == 0, "centred")
        #expect(dark(30..<37, 0..<400) > 15, "the legend's samples and names a and b")
        #expect(dark(480..<492) > 20, "the x label 'epoch'")
    }
}

private func size(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0) >> 10
}
