// `chart METRIC models=...`: several models on one chart, the errors for unknown names,
// smoothing and the log scale; `stats` at 80 columns.

import Canvas
@testable import Notebook
import Testing

@Suite struct InterpreterChartTests {
    /// Two trained models (`plain`, `wide`) and one compiled but untrained (`fresh`), with validation.
    static let setup = [
        "seed 1", "load shapes count=120 classes=3", "split validation=0.25", "batch 30",
        "plain = model", "flatten", "dense 3 softmax", "compile metrics=accuracy", "train 3",
        "wide = model", "flatten", "dense 16 relu", "dense 3 softmax", "compile metrics=accuracy", "train 3",
        "fresh = model", "flatten", "dense 3 softmax", "compile",
    ]

    static func charts(_ blocks: [OutputBlock]) -> [ChartBlock] {
        blocks.compactMap { if case let .chart(c) = $0 { c } else { nil } }
    }

    @Test func modelsShareOneTrainingAndOneValidationChart() {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        let blocks = runLines(interpreter, ["chart loss models=plain,wide"])
        let charts = Self.charts(blocks)
        #expect(charts.map(\.title) == ["training loss per epoch", "validation loss per epoch"])
        #expect(charts.map { $0.series.map(\.name) } == [["plain", "wide"], ["plain", "wide"]])
        #expect(charts[0].series[0].points.map(\.x) == [1, 2, 3])
        let plain = interpreter.session.models["plain"]?.trainer?.history.map(\.loss) ?? []
        #expect(charts[0].series[0].points.map(\.y) == plain)
        #expect(texts(blocks).isEmpty)
    }

    @Test func allTakesEveryModelAndNotesTheUntrainedOnes() {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        let blocks = runLines(interpreter, ["chart accuracy models=all"])
        #expect(Self.charts(blocks).first?.series.map(\.name) == ["plain", "wide"])
        #expect(texts(blocks) == ["left out (no accuracy per epoch (compile with metrics=accuracy)): fresh"])
        let loss = runLines(interpreter, ["chart loss models=fresh,plain,plain"])
        #expect(Self.charts(loss).first?.series.map(\.name) == ["plain"])
        #expect(texts(loss) == ["left out (no finished epoch yet): fresh"])
    }

    @Test func smoothingAndTheLogScaleApplyToEveryModel() {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        let raw = Self.charts(runLines(interpreter, ["chart loss models=plain,wide"]))
        let smooth = Self.charts(runLines(interpreter, ["chart loss models=plain,wide smooth=0.9 log=on"]))
        #expect(smooth.map(\.title) == ["training loss per epoch, smoothed 0.9", "validation loss per epoch, smoothed 0.9"])
        #expect(smooth.allSatisfy { $0.logScale })
        #expect(!raw.contains { $0.logScale })
        for (r, s) in zip(raw, smooth) {
            for (a, b) in zip(r.series, s.series) {
                // The first value is the same (bias-corrected average of one), the later ones differ.
                #expect(a.points.first == b.points.first)
                #expect(a.points.last != b.points.last)
            }
        }
        let single = Self.charts(runLines(interpreter, ["use plain", "chart loss log=on"]))
        #expect(single.count == 2 && single.allSatisfy { $0.logScale })
    }

    @Test(arguments: [
        ("chart loss models=plian", 19, "no model named 'plian'", "did you mean 'plain'?"),
        ("chart loss models=plain,wdie", 25, "no model named 'wdie'", "did you mean 'wide'?"),
        ("chart loss models=zzz", 19, "no model named 'zzz'", "models are fresh, plain, wide, or all"),
        ("chart loss models=shapes", 19, "'shapes' is a data set, not a model", "models are fresh, plain, wide"),
    ])
    func unknownNamesAreLocatedWithASuggestion(line: String, column: Int, message: String, hint: String) {
        let interpreter = Interpreter()
        runLines(interpreter, Self.setup)
        do {
            _ = try interpreter.execute(line: line, lineNumber: 1)
            Issue.record("`\(line)` should fail")
        } catch {
            let text = renderedError(error)
            #expect(text.hasPrefix("<input>:1:\(column): error: \(message)"), "\(text)")
            #expect(text.contains(hint), "\(text)")
        }
    }

    @Test func statsFitEightyColumnsWithoutCuttingNames() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["seed 1", "load shapes count=60 classes=3", "batch 30", "model",
                               "conv2d 32 3 relu", "maxpool 2", "conv2d 64 3 relu", "flatten", "dense 10 relu",
                               "dense 3 softmax", "compile", "step batch"])
        for kind in ["weights", "grads"] {
            let blocks = runLines(interpreter, ["stats \(kind)"])
            for options in [RenderOptions.ascii, .unicodeMonochrome] {
                let text = BlockRenderer(options: options).render(try #require(blocks.first), width: 80)
                let lines = text.split(separator: "\n")
                #expect(lines.allSatisfy { TextWidth.of(String($0)) <= 80 })
                #expect(!text.contains(options.glyphs.ellipsis), "\(text)")
                #expect(text.contains("conv2d_2.kernel") && text.contains("3x3x32x64"))
            }
        }
    }

    @Test(arguments: [(-0.00788, "-7.9e-3"), (0.0299, "0.0299"), (16.0, "16"), (0.0, "0"), (1.9e-9, "1.9e-9"),
                      (-0.144, "-0.144"), (0.00999, "1e-2")])
    func statsNumbersAreShort(value: Double, expected: String) {
        #expect(Statistics.short(value) == expected)
    }
}
