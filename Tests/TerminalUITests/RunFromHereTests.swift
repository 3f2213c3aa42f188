import Foundation
import Testing
import Notebook
@testable import TerminalUI

/// "Run from here" and `restart` leave the session exactly as a fresh run of the edited cells in order
/// would: the same log, data, layers and trained weights (issue 19: notebook cells).
@Suite(.serialized) struct RunFromHereTests {
    struct State: Equatable, Sendable {
        var log: [String]
        var datasets: [String]
        var layers: [String]
        var weights: [[Float]]
        var transcript: Int
    }

    static func state(_ runner: SessionRunner) -> State {
        runner.perform { interpreter in
            let session = interpreter.session
            let model = session.modelEntry?.model
            return State(log: session.log, datasets: session.datasets.keys.sorted(), layers: model?.layers.map(\.name) ?? [],
                         weights: model?.namedParameters.map { $0.parameter.tensor.array } ?? [], transcript: session.cells.count)
        }
    }

    /// Runs the cells `ids` one request each, as the screen does; returns the failures.
    static func run(_ ids: [Int], of cells: CellList, on runner: SessionRunner) -> [String] {
        ids.compactMap { id in cells.first { $0.id == id } }.flatMap { cell in
            runner.run(RunRequest(source: cell.source)).compactMap { event in
                if case .failure(let report) = event { return report.rendered }
                return nil
            }
        }
    }

    static let notebook = CellListTests.list(
        "# a tiny model on shapes", "load shapes count=240 classes=3", "split validation=0.25", "model", "flatten",
        "summary", "dense 8 relu", "dense 3 softmax", "compile optimizer=adam lr=1e-2", "train 2", "evaluate")

    @Test func runFromAnEditedCellEqualsAFreshRunOfTheEditedList() {
        var cells = Self.notebook
        let runner = SessionRunner()
        #expect(Self.run(cells.replayPlan(from: 0), of: cells, on: runner).isEmpty)
        let before = Self.state(runner)
        // Edit the first dense layer, insert a dropout after it, and run from the edited cell.
        let edited = 6
        cells.rewrite(at: edited, "dense 16 relu")
        cells.insert(.notRun, source: "dropout 0.1", at: edited + 1)
        let plan = cells.replayPlan(from: edited)
        #expect(!plan.contains(cells[5].id), "summary above the cell changes nothing and is left out")
        #expect(runner.run(RunRequest(source: "restart")).allSatisfy { if case .failure = $0 { false } else { true } })
        #expect(Self.run(plan, of: cells, on: runner).isEmpty)
        let replayed = Self.state(runner)

        let fresh = SessionRunner()
        let everything = cells.compactMap { $0.isCommand ? $0.id : nil }
        #expect(Self.run(everything, of: cells, on: fresh).isEmpty)
        let expected = Self.state(fresh)
        #expect(replayed.log == expected.log)
        #expect(replayed.datasets == expected.datasets)
        #expect(replayed.layers == expected.layers && replayed.layers.count == 4)
        #expect(replayed.weights == expected.weights, "the trained weights are the same to the bit")
        #expect(replayed.weights != before.weights)
    }

    @Test func restartClearsTheSessionAndLogsNothing() {
        let runner = SessionRunner()
        _ = runner.run(RunRequest(source: "seed 7\nload shapes count=60 classes=2\nmodel\nflatten"))
        let events = runner.run(RunRequest(source: "restart"))
        #expect(events.contains(.block(.text("restarted: a fresh session (no data, models or history)", style: .success))))
        let state = Self.state(runner)
        #expect(state.log.isEmpty && state.datasets.isEmpty && state.layers.isEmpty)
        #expect(runner.perform { $0.session.seed } == Session().seed)
    }
}
