import Canvas
import Datasets
import NeuralNet
import TensorRuntime

extension Interpreter {
    /// Samples per side of the grid `show boundary` and `show neurons` run the model on (64 x 64 = 4,096 points).
    static let planeResolution = 64
    /// Samples per side of a `show neurons` thumbnail.
    static let neuronResolution = 28
    /// The most points a plane picture draws (the first of the split).
    static let maximumPlotted = 2_000

    /// `load points KIND ...`: the training, validation and test points from three streams of one seed.
    func loadPoints(_ s: LoadPoints, binding: Located<String>?, at range: SourceRange) throws -> DataEntry {
        let seed = s.seed.map { UInt64($0.value) } ?? session.seed
        let kind = s.kind.value
        if kind != .gaussians, let classes = s.classes, classes.value != 2 {
            throw NotebookError("\(kind.rawValue) has 2 classes", at: classes.range, hint: "leave classes= out (only gaussians takes it)")
        }
        let classes = s.classes?.value ?? 2
        let name = binding?.value ?? kind.rawValue
        func make(_ count: Int, _ stream: UInt64, _ split: String) throws -> PointsDataset {
            try datasets(at: range) { () throws(DatasetError) in
                try PointsDataset.make(kind, count: count, noise: s.noise.value, classes: classes, target: s.target.value,
                                       seed: seed &+ stream, name: name + "/" + split)
            }
        }
        let train = try make(min(s.count.value, subsetMax ?? Int.max), 0, "train")
        let validation = try make(s.validation.value, 0x7A11D, "validation")
        let test = try make(s.test.value, 0x7E57, "test")
        return DataEntry(name: name, source: PointSplits(train: train, validation: validation, test: test))
    }

    /// `spiral: 500 training points, 200 validation, 200 test - 2 classes, two arms of a spiral, noise 0.05`.
    func pointsLine(_ name: String, _ p: PointSplits) -> String {
        let t = p.train
        let target: String
        switch t.target {
        case .classes: target = "\(t.classes) classes"
        case .value: target = "target value = sin(pi x) cos(pi y / 2)"
        case .input: target = "target = the point itself (\(t.classes) classes for colour)"
        }
        return "\(name): \(t.count) training points, \(p.validation.count) validation, \(p.test.count) test - \(target), "
            + "\(t.kind.summary), noise \(format(t.noise))"
    }

    /// `info` of a point set: the kind, the inputs, the targets and the splits.
    func pointsInfo(_ name: String, _ p: PointSplits) -> [OutputBlock] {
        let t = p.train
        let rows = [
            ["kind", "\(t.kind.rawValue) (\(t.kind.summary)), noise \(format(t.noise))"],
            ["inputs", "2 numbers (x, y), about in -1...1"],
            ["targets", t.target == .value ? "1 value, sin(pi x) cos(pi y / 2)"
                : t.target == .input ? "the point itself, (x, y); point i has class i % \(t.classes), for colour"
                : "\(t.classes) classes (point i has class i % \(t.classes))"],
            ["train", String(t.count)],
            ["validation", String(p.validation.count)],
            ["test", String(p.test.count)],
        ]
        return [.table(TableBlock(title: "\(name) - 2-D points", headers: ["", ""], rows: rows))]
    }

    /// `show samples N` of a point set: each point's x, y and target.
    func showPointSamples(_ spec: ShowSamples, _ name: String, _ p: PointSplits) -> [OutputBlock] {
        let set = p.points(spec.from.value)
        let n = min(spec.count.value, set.count)
        let target = set.target == .value ? "value" : "class"
        let rows = (0..<n).map { i in
            [String(i), format(Double(set.coordinates[2 * i])), format(Double(set.coordinates[2 * i + 1])),
             set.target == .value ? format(Double(set.value(at: i))) : String(set.labels[i])]
        }
        return [.table(TableBlock(title: "\(n) \(spec.from.value.rawValue) points of \(name)", headers: ["#", "x", "y", target], rows: rows))]
    }

    /// The points of the current data set, for commands that work on 2-D points only; others are told by name.
    func points(_ entry: DataEntry, for command: String, at range: SourceRange) throws -> PointSplits {
        guard let points = entry.source as? PointSplits else {
            throw NotebookError("\(command) works on 2-D points; '\(entry.name)' holds \(entry.source.kind)", at: range,
                                hint: "load points first, e.g. `load points spiral`")
        }
        return points
    }

    /// The first `maximumPlotted` points of a split as the widget draws them.
    func plotted(_ set: PointsDataset) -> [RegionPlot.Point] {
        (0..<min(set.count, Self.maximumPlotted)).map { i in
            RegionPlot.Point(x: Double(set.coordinates[2 * i]), y: Double(set.coordinates[2 * i + 1]), group: Int(set.labels[i]),
                             value: set.target == .value ? Double(set.value(at: i)) : nil)
        }
    }

    /// The scatter `load points` shows: the training points alone.
    func pointsScatter(_ name: String, _ p: PointSplits) -> OutputBlock {
        let regression = p.train.target == .value
        return .plane(PlaneBlock(title: "\(name): the training points" + (regression ? ", coloured by their value" : ", coloured by class"),
                                 panels: [PlaneBlock.Panel(field: .none, points: plotted(p.train))],
                                 extent: p.extent, classNames: regression ? [] : p.classNames))
    }

    /// The centres of an `n` x `n` grid over the square -extent...extent, row 0 at the top: (n * n, 2).
    static func planeGrid(_ n: Int, extent: Double) -> Tensor {
        var values = [Float]()
        values.reserveCapacity(2 * n * n)
        for row in 0..<n {
            let y = extent - (Double(row) + 0.5) / Double(n) * 2 * extent
            for column in 0..<n {
                values.append(Float(-extent + (Double(column) + 0.5) / Double(n) * 2 * extent))
                values.append(Float(y))
            }
        }
        return Tensor(values, shape: [n * n, 2])
    }

    /// The model's prediction over the plane: its class (argmax, or a one-unit output above 0.5) or, for a
    /// regression set, its value.
    func predictionField(_ model: NeuralNet.Sequential, _ p: PointSplits, at range: SourceRange) throws -> RegionPlot.Field {
        let n = Self.planeResolution
        let output = try guarded(at: range) {
            try GradMode.off { try model.forward(Self.planeGrid(n, extent: p.extent), ForwardContext(training: false)) }
        }
        let values = output.array, units = max(1, values.count / (n * n))
        if p.train.target == .value {
            return .values(columns: n, rows: n, (0..<(n * n)).map { Double(values[$0 * units]) }, range: -1...1)
        }
        let labels = (0..<(n * n)).map { i -> Int in
            let row = values[(i * units)..<((i + 1) * units)]
            if units == 1 { return row[row.startIndex] > 0.5 ? 1 : 0 }
            return row.indices.max(by: { row[$0] < row[$1] }).map { $0 - i * units } ?? 0
        }
        return .classes(columns: n, rows: n, labels)
    }

    /// `show boundary`: the plane coloured by the model's prediction with a split's points on top.
    func showBoundary(from split: Located<DataSplit>, at range: SourceRange) throws -> [OutputBlock] {
        [.plane(try boundaryBlock(from: split, at: range))]
    }

    /// The boundary picture of the current model and data, titled with the model and the split.
    func boundaryBlock(from split: Located<DataSplit>, at range: SourceRange) throws -> PlaneBlock {
        let d = try requireData(at: range)
        let p = try points(d, for: "show boundary", at: range)
        let m = try requireModel(at: range)
        guard !m.model.layers.isEmpty else {
            throw NotebookError("model '\(m.name)' has no layers", at: range, hint: "add layers, e.g. `dense 16 tanh` and `dense 2 softmax`")
        }
        let field = try predictionField(m.model, p, at: range)
        let set = p.points(split.value)
        guard !p.targetIsInput else {
            throw NotebookError("'\(d.name)' is loaded with target=input: the model reconstructs points, it does not predict a class or value over the plane",
                                at: range, hint: "use `show reconstructions` or `show latent`; for a boundary, load the points again without target=input")
        }
        let regression = p.train.target == .value
        let what = regression ? "the value model '\(m.name)' predicts" : "the class model '\(m.name)' predicts"
        var footer: [String] = []
        if case let .classes(_, _, labels) = field, !set.labels.isEmpty {
            let right = (0..<set.count).filter { i in
                regionClass(labels, x: set.coordinates[2 * i], y: set.coordinates[2 * i + 1], extent: p.extent) == Int(set.labels[i])
            }.count
            footer.append("\(right) of \(set.count) \(split.value.rawValue) points lie in the region of their own class")
        }
        if regression {
            footer.append("blue -1, white 0, red 1: the value predicted over the plane, and each point's own target on the same scale")
        }
        if set.count > Self.maximumPlotted { footer.append("the first \(Self.maximumPlotted) of \(set.count) points drawn") }
        return PlaneBlock(title: "\(d.name): \(what) over the plane, with the \(split.value.rawValue) points",
                          panels: [PlaneBlock.Panel(field: field, points: plotted(set))],
                          extent: p.extent, classNames: regression ? [] : p.classNames, footer: footer)
    }

    /// The class of the grid sample a point falls in.
    private func regionClass(_ labels: [Int], x: Float, y: Float, extent: Double) -> Int? {
        let n = Self.planeResolution
        let fx = (Double(x) + extent) / (2 * extent), fy = (extent - Double(y)) / (2 * extent)
        guard fx >= 0, fx <= 1, fy >= 0, fy <= 1 else { return nil }
        let c = min(n - 1, Int(fx * Double(n))), r = min(n - 1, Int(fy * Double(n)))
        return labels[r * n + c]
    }

    /// `show neurons LAYER`: each unit of a dense layer over the plane, one small picture per unit.
    func showNeurons(_ command: ShowNeurons, at range: SourceRange) throws -> [OutputBlock] {
        let d = try requireData(at: range)
        let p = try points(d, for: "show neurons", at: range)
        let m = try requireModel(at: range)
        let index = try layerIndex(command.layer, in: m.model)
        guard let dense = m.model.layers[index] as? Dense else {
            let layer = m.model.layers[index]
            throw NotebookError("\(layer.name) is a \(layer.typeName) layer: show neurons draws the units of a dense layer", at: command.layer.range,
                                hint: "name a dense layer, e.g. `show neurons 1`")
        }
        let n = Self.neuronResolution
        let output = try guarded(at: range) {
            try GradMode.off {
                var x = Self.planeGrid(n, extent: p.extent)
                let context = ForwardContext(training: false)
                for layer in m.model.layers[...index] { x = try layer(x, context) }
                return x
            }
        }
        let values = output.array, units = dense.units
        let shown = min(units, command.units.value)
        let largest = values.reduce(0) { max($0, abs(Double($1))) }
        let limit = largest > 0 && largest.isFinite ? largest : 1
        let panels = (0..<shown).map { u in
            PlaneBlock.Panel(caption: "unit \(u)",
                             field: .values(columns: n, rows: n, (0..<(n * n)).map { Double(values[$0 * units + u]) }, range: -limit...limit))
        }
        var footer = ["blue: negative, white: 0, red: positive (-\(format(limit))...\(format(limit)), the largest output of the layer)"]
        if shown < units { footer.append("\(shown) of \(units) units shown (units=N shows more)") }
        return [.plane(PlaneBlock(title: "\(m.name): the output of each unit of \(dense.name) (\(dense.activation.rawValue)) over the plane",
                                  panels: panels, extent: p.extent, classNames: [], footer: footer, thumbnails: true))]
    }
}
