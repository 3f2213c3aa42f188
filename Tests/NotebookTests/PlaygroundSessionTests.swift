// sessions/playground.grad teaches what it says: on the spiral, one hidden layer of tanh units stays far
// from the arms while two wrap the boundary round them; the watched boundary is printed at the epochs
// the session names.

import Foundation
import NeuralNet
import Notebook
import Testing

@Suite struct PlaygroundSessionTests {
    @Test func oneHiddenLayerMissesTheSpiralAndTwoLearnIt() throws {
        let source = try String(contentsOf: packageRoot().appendingPathComponent("sessions/playground.grad"), encoding: .utf8)
        let runner = SessionRunner()
        let started = Date()
        let events = runner.run(RunRequest(source: source, file: "playground.grad"))
        let seconds = Date().timeIntervalSince(started)
        let failures = events.compactMap { if case .failure(let r) = $0 { r.rendered } else { nil } }
        #expect(failures.isEmpty, "\(failures)")
        let accuracies = runner.perform { interpreter in
            ["one", "two"].map { interpreter.session.models[$0]?.trainer?.history.last?.validationMetrics["accuracy"] ?? 0 }
        }
        #expect(accuracies[0] < 0.8, "one hidden layer: \(accuracies[0])")
        // The session keeps Playground's noise 0.05 (0.97 here); PlaygroundTests holds the 0.95 bar on a cleaner spiral.
        #expect(accuracies[1] >= 0.93, "two hidden layers: \(accuracies[1])")
        let pictures = events.filter { if case .block(.plane(let p)) = $0 { p.title.hasPrefix("epoch ") } else { false } }
        #expect(pictures.count == 8, "the watch draws at watch time and at epochs 100, 200, 300 of each model")
        print("playground: \(String(format: "%.1f", seconds)) s, validation accuracy one hidden layer \(accuracies[0]), two \(accuracies[1])")
    }
}
