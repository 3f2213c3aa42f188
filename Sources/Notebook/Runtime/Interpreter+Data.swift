import Datasets
import NeuralNet

extension Interpreter {
    /// Loads a data set and makes it current: the one path every `load` form takes. A watcher sees the
    /// load start and end (it reads and decodes whole files); a name that names a model is refused; the
    /// entry is stored under its name and the data line (then `extra`, e.g. a decode report) is returned.
    func register(label: String, binding: Located<String>?, at range: SourceRange,
                  _ load: () throws -> (DataEntry, OutputBlock?)) throws -> [OutputBlock] {
        monitor.publish(.task(TaskProgress(label: label, done: 0, total: 1)))
        defer { monitor.publish(.task(TaskProgress(label: label, done: 1, total: 1))) }
        let (entry, extra) = try load()
        if session.models[entry.name] != nil {
            throw NotebookError("'\(entry.name)' already names a model", at: binding?.range ?? range, hint: "choose another name, e.g. `data = load ...`")
        }
        session.datasets[entry.name] = entry
        session.currentData = entry.name
        return [.text(dataLine(entry), style: .success)] + (extra.map { [$0] } ?? [])
    }

    /// Runs a data-set call, reporting its typed error (message and hint) at `range`.
    func datasets<T>(at range: SourceRange, _ body: () throws(DatasetError) -> T) throws(NotebookError) -> T {
        do {
            return try body()
        } catch {
            throw NotebookError(error.message, at: range, hint: error.hint)
        }
    }

    /// `subset=` capped by `subsetMax`.
    func cappedSubset(_ n: Int?) -> Int? {
        switch (n, subsetMax) {
        case let (a?, b?): return min(a, b)
        case let (a, b): return a ?? b
        }
    }

    func dataLine(_ e: DataEntry) -> String {
        if let s = e.sequences { return sequenceLine(e.name, s) }
        if let s = e.text { return textLine(e.name, s) }
        if let p = e.source as? PointSplits { return pointsLine(e.name, p) }
        guard let images = e.images else {
            return "\(e.name): \(e.trainingSet.count) training \(e.source.exampleNoun)"
        }
        let t = images.train
        var parts = ["\(e.name): \(t.count) training images"]
        if let v = images.validation { parts.append("\(v.count) validation") }
        if let s = images.test { parts.append("\(s.count) test") }
        return parts.joined(separator: ", ") + " - \(t.height)x\(t.width)x\(t.channels), \(t.classCount) classes"
    }

    func split(_ f: Located<Double>) throws -> [OutputBlock] {
        guard var entry = session.data else {
            throw NotebookError("no data set is loaded", at: f.range, hint: "load one first, e.g. `load shapes`")
        }
        if entry.text != nil {
            throw NotebookError("'\(entry.name)' is a text split by position when it was loaded", at: f.range,
                                hint: "set the fraction when loading: `load text FILE validation=0.2`")
        }
        guard entry.sequences == nil else {
            throw NotebookError("'\(entry.name)' holds generated sequences with their own validation split", at: f.range,
                                hint: "set the sizes when loading: `load sequences reverse count=2000 validation=200`")
        }
        var images = try self.images(entry, for: "split", at: f.range)
        // Splitting again starts from the whole training set.
        let whole: ImageDataset
        if let v = images.validation {
            whole = try datasets(at: f.range) { () throws(DatasetError) in try images.train.concatenated(with: v) }
        } else {
            whole = images.train
        }
        let (train, validation) = try datasets(at: f.range) { () throws(DatasetError) in try whole.split(validationFraction: f.value, seed: session.seed) }
        guard train.count > 0, validation.count > 0 else {
            throw NotebookError("a validation fraction of \(f.text) leaves an empty part of \(whole.count) images", at: f.range, hint: "use a fraction between 0.05 and 0.5")
        }
        images.train = train
        images.validation = validation
        entry.source = images
        session.datasets[entry.name] = entry
        return [.text(dataLine(entry), style: .success)]
    }

    func info(_ name: Located<String>?, at range: SourceRange) throws -> [OutputBlock] {
        let entry: DataEntry
        if let name {
            guard let e = session.datasets[name.value] else {
                if let m = session.models[name.value] { return [try summaryBlock(of: m)] }
                throw unknownName(name)
            }
            entry = e
        } else {
            entry = try requireData(at: range)
        }
        if let s = entry.sequences { return sequenceInfo(entry.name, s) }
        if let s = entry.text { return textInfo(entry.name, s) }
        if let p = entry.source as? PointSplits { return pointsInfo(entry.name, p) }
        let images = try self.images(entry, for: "info", at: range)
        let splits: [(String, ImageDataset?)] = [("train", images.train), ("validation", images.validation), ("test", images.test)]
        let present = splits.compactMap { s in s.1.map { (s.0, $0) } }
        var rows: [[String]] = []
        let counts = present.map { $0.1.classCounts() }
        for (c, name) in entry.classNames.enumerated() {
            rows.append([String(c), name] + counts.map { String(c < $0.count ? $0[c] : 0) })
        }
        rows.append(["", "total"] + present.map { String($0.1.count) })
        let t = images.train
        let scale = t.valueScale.map { "pixels are bytes x \(NumericRange.format(Double($0)))" } ?? "pixels scaled to [0, 1]"
        var blocks: [OutputBlock] = [.table(TableBlock(title: "\(entry.name) - images \(t.height)x\(t.width)x\(t.channels), \(scale)",
                                                       headers: ["class", "name"] + present.map(\.0), rows: rows))]
        if let a = currentAugmentation {
            blocks.append(.text("augmentation (training batches only): \(Interpreter.describe(a))", style: .note))
        }
        return blocks
    }

    func showSamples(_ spec: ShowSamples, at range: SourceRange) throws -> [OutputBlock] {
        let entry = try requireData(at: range)
        if let s = entry.sequences { return try showSequenceSamples(spec, entry: entry, s) }
        if let s = entry.text { return try showTextSamples(spec, entry: entry, s) }
        if let p = entry.source as? PointSplits { return showPointSamples(spec, entry.name, p) }
        let data = try imageSplit(entry, spec.from, for: "show samples", at: range)
        let n = min(spec.count.value, data.count)
        let images = (0..<n).map { i in
            ImageGridBlock.Image(pixels: data.image(at: i), width: data.width, height: data.height, channels: data.channels,
                                 caption: "\(i) \(data.classNames[Int(data.labels[i])])")
        }
        return [.images(ImageGridBlock(title: "\(n) \(spec.from.value.rawValue) images of \(entry.name)", images: images))]
    }

    func use(_ name: Located<String>) throws -> [OutputBlock] {
        if session.datasets[name.value] != nil {
            session.currentData = name.value
            return [.text("using data set '\(name.value)'", style: .note)]
        }
        if session.models[name.value] != nil {
            session.currentModel = name.value
            return [.text("using model '\(name.value)'", style: .note)]
        }
        throw unknownName(name)
    }

    func unknownName(_ name: Located<String>) -> NotebookError {
        let known = Array(session.datasets.keys) + Array(session.models.keys)
        let near = Suggestions.best(for: name.value, among: known.sorted()).map { "did you mean '\($0)'?" }
        return NotebookError("nothing is named '\(name.value)'", at: name.range,
                             hint: near ?? (known.isEmpty ? "name things with `=`, e.g. `fm = load fashion-mnist`" : "names are " + known.sorted().joined(separator: ", ")))
    }
}
