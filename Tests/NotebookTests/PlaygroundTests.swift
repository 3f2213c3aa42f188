// Issue 18's Playground in the terminal: `load points`, `show boundary`, `watch boundary`, `show neurons`
// regression on the plane (`target=value` with mse) and points as their own targets (`target=input`).

import Canvas
import Datasets
import NeuralNet
@testable import Notebook
import TensorRuntime
import Testing

@Suite struct PlaygroundTests {
    /// The one plane block of `blocks`.
    private func plane(_ blocks: [OutputBlock]) -> PlaneBlock? {
        blocks.lazy.compactMap { if case let .plane(p) = $0 { p } else { nil } }.first
    }

    @Test func aTanhNetworkLearnsTheSpiralAndTheBoundaryColoursThePointsByTheirClass() throws {
        let interpreter = Interpreter()
        // Little noise: with more, points jittered across the arms near the centre cap what any model reaches.
        let loaded = runLines(interpreter, ["seed 1", "load points spiral noise=0.02"])
        #expect(texts(loaded).last == "spiral: 500 training points, 200 validation, 200 test - 2 classes, two arms of a spiral, noise 0.0200")
        #expect(plane(loaded)?.panels.first?.points.count == 500)
        runLines(interpreter, ["model", "dense 16 tanh init=he_uniform", "dense 16 tanh init=he_uniform", "dense 2 softmax",
                                  "compile optimizer=adam lr=0.01", "train 300"])
        let accuracy = interpreter.session.modelEntry?.trainer?.history.last?.validationMetrics["accuracy"] ?? 0
        #expect(accuracy >= 0.95, "validation accuracy \(accuracy)")

        let block = try #require(plane(try interpreter.execute(line: "show boundary")))
        let panel = try #require(block.panels.first)
        guard case .classes = panel.field else {
            Issue.record("expected class regions")
            return
        }
        // Draw it as the notebook does (colour, half blocks) and read the region colour under each point.
        let width = 80
        let grid = BlockRenderer(options: .unicode, width: width).grid(for: .plane(block))
        let top = try #require((0..<grid.height).first { y in (0..<width).contains { grid[$0, y].symbol == "▀" } })
        let side = PlaneBlock.side(width: width)
        let plot = block.plot(panel, options: .unicode)
        var own = 0
        for p in panel.points {
            let (column, pixel) = try #require(plot.place(p, width: side, pixelRows: side))
            let cell = grid[column, top + pixel / 2]
            // A cell holding a point shows the region under the point as its background; a bare cell, upper
            // pixel in the foreground and lower in the background.
            let under = cell.symbol == "▀" && pixel % 2 == 0 ? cell.foreground : cell.background
            if under == RegionPlot.regionColor(p.group) { own += 1 }
        }
        let share = Double(own) / Double(panel.points.count)
        #expect(share >= 0.9, "\(own) of \(panel.points.count) points on their own class's colour")
        #expect(block.footer.first?.hasSuffix("train points lie in the region of their own class") == true)
        print("spiral: validation accuracy \(accuracy), \(own) of \(panel.points.count) training points on their own class's colour")
    }

    @Test func aRegressionTargetTrainsWithMseAndShowsTheFittedSurface() throws {
        let interpreter = Interpreter()
        let loaded = runLines(interpreter, ["seed 2", "load points circles target=value count=400"])
        #expect(texts(loaded).last?.contains("target value = sin(pi x) cos(pi y / 2)") == true)
        #expect(plane(loaded)?.classNames == [])
        runLines(interpreter, ["model", "dense 16 tanh", "dense 16 tanh"])
        #expect(failure(interpreter, "dense 2 softmax").map { _ in true } == nil)
        #expect(failure(interpreter, "compile loss=mse")?.contains("target values of 'circles' - end the model with `dense 1`") == true)
        runLines(interpreter, ["remove 3", "dense 1"])
        #expect(failure(interpreter, "compile loss=sparse_categorical_crossentropy")?.contains("has value targets: sparse_categorical_crossentropy reads classes - use loss=mse") == true)
        #expect(failure(interpreter, "compile loss=mse metrics=accuracy")?.contains("accuracy scores classes, but 'circles' has value targets") == true)
        runLines(interpreter, ["compile loss=mse optimizer=adam lr=0.01", "train 40"])
        let history = interpreter.session.modelEntry?.trainer?.history ?? []
        let first = history.first?.validationLoss ?? 0, last = history.last?.validationLoss ?? .infinity
        #expect(last < first / 3 && last < 0.05, "validation mse \(first) -> \(last)")
        #expect(history.last?.metrics.isEmpty == true)
        print("circles target=value: validation mse \(first) -> \(last)")
        let block = try #require(plane(try interpreter.execute(line: "show boundary from=validation")))
        guard case let .values(columns, rows, values, _)? = block.panels.first?.field else {
            Issue.record("expected a value field")
            return
        }
        #expect(columns == 64 && rows == 64 && values.count == 64 * 64)
        #expect(block.panels.first?.points.allSatisfy { $0.value != nil } == true)
    }

    /// Issue 18: `load points ... target=input`: a 2-1-2 autoencoder learns a curve through the moons; the
    /// reconstructions share the plane with the points, classes still colour them, and the commands that read
    /// class predictions or draw a boundary are refused with a hint.
    @Test func pointsAsTheirOwnTargetTrainAnAutoencoderDrawnOnThePlane() throws {
        let interpreter = Interpreter()
        let loaded = runLines(interpreter, ["seed 3", "load points moons count=600 target=input"])
        #expect(texts(loaded).last?.contains("target = the point itself (2 classes for colour)") == true)
        #expect(plane(loaded)?.classNames == ["0", "1"])
        runLines(interpreter, ["model", "dense 16 tanh", "dense 1", "dense 16 tanh"])
        #expect(failure(interpreter, "compile loss=mse")?.contains("not the shape of its input (None, 2)") == true)
        runLines(interpreter, ["dense 2"])
        #expect(failure(interpreter, "compile loss=sparse_categorical_crossentropy")?.contains("cannot read - use loss=mse") == true)
        runLines(interpreter, ["compile loss=mse optimizer=adam lr=0.01"])
        // By hand: the loss of the untrained model is the mean over points and both coordinates of (y - x)^2.
        let data = try #require(interpreter.session.data?.source as? PointSplits)
        let model = try #require(interpreter.session.modelEntry?.model)
        let x = Tensor(Array(data.validation.coordinates), shape: [data.validation.count, 2])
        let y = try GradMode.off { try model.forward(x, ForwardContext(training: false)) }.array
        let byHand = zip(y, data.validation.coordinates).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(y.count)
        let evaluated = try interpreter.execute(line: "evaluate on=validation")
        guard case let .table(table)? = evaluated.last else {
            Issue.record("expected the evaluation table")
            return
        }
        #expect(table.rows.first == ["loss", String(format: "%.4f", byHand)], "\(table.rows) vs \(byHand)")
        runLines(interpreter, ["train 30"])
        let history = interpreter.session.modelEntry?.trainer?.history ?? []
        let first = history.first?.validationLoss ?? 0, last = history.last?.validationLoss ?? .infinity
        #expect(last < byHand / 3, "validation mse \(byHand) untrained -> \(first) -> \(last)")
        print("moons target=input, 2-1-2 autoencoder: validation mse \(byHand) untrained, \(first) after 1 epoch, \(last) after 30")

        let block = try #require(plane(try interpreter.execute(line: "show reconstructions 200 from=validation")))
        #expect(block.classNames == ["0", "1", "reconstruction"])
        let marks = try #require(block.panels.first?.points)
        #expect(marks.count == 400 && marks.suffix(200).allSatisfy { $0.group == 2 })
        #expect(block.title.contains("200 validation points of moons and their reconstructions, mean squared error"))
        #expect(failure(interpreter, "show boundary")?.contains("is loaded with target=input: the model reconstructs points") == true)
        #expect(failure(interpreter, "predict 0")?.contains("the model reconstructs its inputs, it does not predict classes") == true)
        #expect(failure(interpreter, "show latent")?.contains("has 1 value: there is no plane to draw") == true)
        let latent = try interpreter.execute(line: "show latent layer=1")
        guard case let .scatter(scatter)? = latent.first else {
            Issue.record("expected a scatter")
            return
        }
        #expect(scatter.title.contains("of 600 train points, the first two principal components of the 16-value code"))
        #expect(Set(scatter.points.map(\.group)) == [0, 1])
    }

    @Test func watchBoundaryRedrawsAtEpochEndsAndWatchOffStopsIt() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load points moons count=64 validation=16 test=16", "model", "dense 8 tanh", "dense 2 softmax", "compile"])
        let shown = try interpreter.execute(line: "watch boundary every=2")
        #expect(texts(shown).first == "watching the decision boundary: the live panel redraws it every 2 batches and at each epoch end")
        #expect(interpreter.watched.snapshot.boundary != nil)
        var emitted: [OutputBlock] = []
        interpreter.emit = { emitted.append($0) }
        runLines(interpreter, ["train 2"])
        let titles = emitted.compactMap { if case let .plane(p) = $0 { p.title } else { nil } }
        #expect(titles.count == 2)
        #expect(titles.first?.hasPrefix("epoch 1, batch 2/2: moons:") == true)
        #expect(interpreter.watched.snapshot.boundary?.title.hasPrefix("epoch 2, batch 2/2") == true)
        let off = try interpreter.execute(line: "watch off")
        #expect(texts(off) == ["watch off: the live panel shows no heat map and no boundary"])
        #expect(interpreter.watched.snapshot.boundary == nil)
        emitted.removeAll()
        runLines(interpreter, ["train 1"])
        #expect(!emitted.contains { if case .plane = $0 { true } else { false } })
    }

    @Test func showSamplesAndInfoDescribeThePoints() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load points xor count=40 validation=10 test=12"])
        guard case let .table(samples)? = try interpreter.execute(line: "show samples 3 from=test").first else {
            Issue.record("expected a table")
            return
        }
        #expect(samples.title == "3 test points of xor" && samples.headers == ["#", "x", "y", "class"] && samples.rows.count == 3)
        // xor: class 0 where x and y have the same sign.
        for row in samples.rows {
            let (x, y) = (try #require(Double(row[1])), try #require(Double(row[2])))
            #expect((x * y > 0) == (row[3] == "0"), "\(row)")
        }
        guard case let .table(info)? = try interpreter.execute(line: "info").first else {
            Issue.record("expected a table")
            return
        }
        #expect(info.rows.map(\.first) == ["kind", "inputs", "targets", "train", "validation", "test"])
        #expect(info.rows.last == ["test", "12"])
    }

    @Test func showNeuronsDrawsOnePicturePerUnitOfADenseLayer() throws {
        let interpreter = Interpreter()
        runLines(interpreter, ["load points gaussians classes=3 count=60", "model", "dense 6 tanh", "dropout 0.1", "dense 3 softmax"])
        let block = try #require(plane(try interpreter.execute(line: "show neurons dense_1 units=4")))
        #expect(block.thumbnails && block.panels.count == 4)
        #expect(block.panels.map(\.caption) == ["unit 0", "unit 1", "unit 2", "unit 3"])
        #expect(block.footer.last == "4 of 6 units shown (units=N shows more)")
        guard case let .values(columns, _, values, range)? = block.panels.first?.field else {
            Issue.record("expected a value field")
            return
        }
        #expect(columns == 28 && values.allSatisfy { range.contains($0) })
        let text = BlockRenderer(options: .ascii, width: 80).render(.plane(block))
        #expect(text.contains("unit 0          unit 1          unit 2          unit 3"))
        #expect(failure(interpreter, "show neurons 2")?.contains("dropout_1 is a Dropout layer: show neurons draws the units of a dense layer") == true)
        #expect(failure(interpreter, "show neurons 9")?.contains("layer 9 does not exist") == true)
    }

    @Test(arguments: [
        ("load points xor classes=3", "xor has 2 classes - leave classes= out (only gaussians takes it)"),
        ("load points spiral count=0", "count"),
        ("load points spiral noise=0.6", "noise"),
        ("load points gaussians classes=9", "classes"),
        ("load points ring", "ring"),
        ("load points moons target=height", "height"),
    ])
    func badLoadLinesAreRefusedWhereTheyAre(line: String, message: String) {
        let interpreter = Interpreter()
        let error = failure(interpreter, line)
        #expect(error?.contains(message) == true, "\(error ?? "no error")")
        #expect(interpreter.session.data == nil)
    }

    @Test func theCommandsNameTheDataAndTheModelTheyNeed() {
        let interpreter = Interpreter()
        runLines(interpreter, ["load shapes count=20 size=8 classes=2", "model", "flatten", "dense 2 softmax"])
        #expect(failure(interpreter, "show boundary")?.contains("1:1: error: show boundary works on 2-D points; 'shapes' holds images - load points first") == true)
        #expect(failure(interpreter, "watch boundary")?.contains("show boundary works on 2-D points") == true)
        #expect(failure(interpreter, "show neurons 2")?.contains("show neurons works on 2-D points") == true)
        runLines(interpreter, ["load points moons count=30"])
        // The image model does not take points: ModelFit says so before anything runs.
        #expect(failure(interpreter, "show boundary")?.contains("model 'model' takes 8x8x1 inputs but the current data set 'moons' has 2 points") == true)
        runLines(interpreter, ["model"])
        #expect(failure(interpreter, "show boundary")?.contains("model 'model_2' has no layers") == true)
        #expect(interpreter.watched.snapshot.boundary == nil)
    }
}
