import Canvas
import Foundation
import NeuralNet
import Notebook
import Testing

/// `show embeddings`: principal components, the labelled scatter and the command.
@Suite struct ShowEmbeddingsTests {
    @Test func principalComponentsFindTheSpread() {
        // Points along (1, 2, 0) with a little spread along (0, 0, 1).
        let rows: [[Float]] = (0..<20).map { i in
            let t = Float(i) - 9.5
            return [t, 2 * t, Float(i % 2 == 0 ? 0.1 : -0.1)]
        }
        let pca = PrincipalComponents(rows: rows, count: 2)
        let first = pca.components[0]
        let s = 1 / sqrt(5.0)
        #expect(abs(first[0] - s) < 1e-4 && abs(first[1] - 2 * s) < 1e-4 && abs(first[2]) < 1e-2)
        #expect(abs(abs(pca.components[1][2]) - 1) < 1e-2)
        #expect(pca.variances[0] / pca.totalVariance > 0.999)
        // The same input gives the same numbers.
        #expect(PrincipalComponents(rows: rows, count: 2).components == pca.components)
        #expect(abs(pca.project(rows[19])[0] - 9.5 * sqrt(5.0)) < 1e-2)
    }

    @Test func labelsGoWhereTheirPointsAreAndCollisionsBecomeDots() {
        let plot = LabelledScatter(points: [.init(x: 0, y: 0, label: "a"), .init(x: 1, y: 1, label: "b"),
                                            .init(x: 0, y: 0, label: "c"), .init(x: 0, y: 0, label: "dd"),
                                            .init(x: 0, y: 0, label: "e"), .init(x: 0, y: 0, label: "f"),
                                            .init(x: 0, y: 0, label: "g")],
                                   options: .ascii)
        var grid = Grid(width: 20, height: 8)
        grid.draw(plot)
        let lines = (0..<8).map { y in String((0..<20).map { grid[$0, y].character ?? " " }) }
        // Inner area: x 1...18, y 1...5; (0, 0) is bottom-left, (1, 1) top-right.
        #expect(lines[1].dropFirst(18).hasPrefix("b"), "\(lines)")
        #expect(lines[5].dropFirst(1).hasPrefix("ac"), "\(lines)")
        #expect(lines[4].dropFirst(1).hasPrefix("dd"), "\(lines)")
        #expect(plot.hidden(in: grid.area) == 3)
        #expect(lines[7].hasPrefix("x 0") && lines[7].hasSuffix("1"))
    }

    @Test func theCommandDrawsTheTableOfATokenModel() throws {
        let interpreter = Interpreter()
        let blocks = runLines(interpreter, ["load sequences sort vocab=20 count=32", "model", "embedding vocab 8", "dense vocab softmax",
                                            "show embeddings count=12"])
        guard case .scatter(let scatter)? = blocks.last else { Issue.record("no scatter"); return }
        #expect(scatter.points.map(\.label) == (0..<12).map(String.init))
        #expect(scatter.footer.first?.hasPrefix("12 of 20 tokens; the two axes hold") == true)
        let chosen = runLines(interpreter, ["show embeddings tokens=\"3 5 3\""])
        guard case .scatter(let picked)? = chosen.last else { Issue.record("no scatter"); return }
        #expect(picked.points.map(\.label) == ["3", "5"])
        let text = BlockRenderer(options: .ascii, width: 60).render(blocks.last!)
        #expect(text.contains("in its first two principal"))
    }

    @Test("Located refusals", arguments: [
        (["load shapes count=10", "model", "flatten", "dense 3 softmax"], "show embeddings", "<input>:1:1: error: model 'model' has no embedding layer"),
        (["load sequences sort vocab=20 count=32", "model", "embedding vocab 8", "dense vocab softmax"], "show embeddings layer=2",
         "<input>:1:23: error: dense_1 is not an embedding layer"),
        (["load sequences sort vocab=20 count=32", "model", "embedding vocab 8"], "show embeddings tokens=\"30\"",
         "<input>:1:24: error: '30' is not a token of this data"),
    ] as [([String], String, String)])
    func refusals(setup: [String], line: String, expected: String) {
        let interpreter = Interpreter()
        runLines(interpreter, setup)
        let message = failure(interpreter, line)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }
}
