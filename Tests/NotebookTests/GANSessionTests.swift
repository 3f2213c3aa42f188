import Foundation
import Testing
@testable import Notebook

// `train gan` and `watch samples` on a tiny set: both losses charted, the watched pictures redrawn after
// every epoch from the same codes, and refusals located, changing nothing.

private let gan = [
    "load shapes count=32 classes=2 size=8",
    "gen = model input=8",
    "dense 64 sigmoid",
    "reshape 8x8x1",
    "disc = model input=8x8x1",
    "conv2d 4 3 leaky_relu stride=2 padding=same",
    "flatten",
    "dense 1",
    "batch 8",
]

@Suite("GAN sessions", .serialized)
struct GANSessionTests {
    @Test func bothLossesAreChartedAndSamplesRedrawnEachEpoch() throws {
        let interpreter = Interpreter()
        var streamed: [OutputBlock] = []
        interpreter.emit = { streamed.append($0) }
        runLines(interpreter, gan + ["watch samples 6"])
        let blocks = try interpreter.execute(line: "train gan gen disc 2 ratio=2")
        guard case .chart(let chart)? = blocks.first else { Issue.record("a chart"); return }
        #expect(chart.series.map(\.name) == ["d_loss", "g_loss"])
        #expect(chart.series[0].points.count == 8 && chart.series[1].points.count == 4)
        let pictures = streamed.compactMap { if case .images(let grid) = $0 { grid } else { nil } }
        #expect(pictures.count == 2)
        #expect(pictures.allSatisfy { $0.images.count == 1 && $0.images[0].width == 6 * 8 + 5 })
        #expect(pictures[0].title?.contains("after epoch 1") == true && pictures[1].title?.contains("after epoch 2") == true)
        #expect(texts(streamed).filter { $0.hasPrefix("epoch ") && $0.contains("d_loss") && $0.contains("g_loss") }.count == 2)
        // A second run goes on with the same trainer (epochs counted on).
        let gModel = try #require(interpreter.session.models["gen"])
        #expect(gModel.gan?.epochsDone == 2)
        runLines(interpreter, ["watch off"])
        streamed.removeAll()
        _ = try interpreter.execute(line: "train gan gen disc 1")
        #expect(gModel.gan?.epochsDone == 3)
        #expect(!streamed.contains { if case .images = $0 { true } else { false } })
    }

    @Test func refusalsAreLocatedAndChangeNothing() throws {
        let interpreter = Interpreter()
        runLines(interpreter, gan)
        let before = try #require(interpreter.session.models["gen"]).model.namedParameters.map(\.parameter.tensor.array)
        #expect(failure(interpreter, "train gan gen gen 1")?.contains("both 'gen'") == true)
        #expect(failure(interpreter, "train gan disc gen 1")?.contains("generator 'disc' gives") == true)
        #expect(failure(interpreter, "train gan gen nothing 1")?.contains("nothing is named 'nothing'") == true)
        #expect(failure(interpreter, "train gan gen disc 1 ratio=17") != nil)
        #expect(failure(interpreter, "train gan gen disc 0") != nil)
        #expect(failure(interpreter, "watch samples 65") != nil)
        runLines(interpreter, ["use disc", "dense 2"])
        #expect(failure(interpreter, "train gan gen disc 1")?.contains("give one score") == true)
        #expect(try #require(interpreter.session.models["gen"]).model.namedParameters.map(\.parameter.tensor.array) == before)
    }
}
