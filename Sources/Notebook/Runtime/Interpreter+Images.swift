import Foundation
import Datasets
import NeuralNet
import TensorRuntime

extension Interpreter {
    /// `load images DIR ...`: the folder tree as a data entry (train; a `validation=` folder or a
    /// `split=` fraction becomes the `validation` split; an image folder has no test split).
    func loadImages(_ spec: LoadImages, binding: Located<String>?, at range: SourceRange) throws -> (DataEntry, OutputBlock) {
        let dims = spec.size?.value.dimensions ?? [150, 150]
        let sizeText = spec.size?.text ?? "150x150"
        let sizeRange = spec.size?.range ?? range
        guard dims.count == 2 || (dims.count == 3 && dims[2] == spec.color.value.channels) else {
            throw NotebookError("size=\(sizeText) must be HEIGHTxWIDTH, e.g. 150x150", at: sizeRange,
                                hint: "the channels come from color=rgb|gray")
        }
        guard dims[0] >= 1, dims[0] <= ImageFolder.maximumSide, dims[1] >= 1, dims[1] <= ImageFolder.maximumSide else {
            throw NotebookError("size=\(sizeText): each side must be 1...\(ImageFolder.maximumSide) pixels", at: sizeRange,
                                hint: "150x150 is the usual size for photos, 28x28 for small pictures")
        }
        if let v = spec.validation, let s = spec.split {
            throw NotebookError("give validation=\(v.text) or split=\(s.text), not both", at: s.range,
                                hint: "a validation folder already holds the pictures set aside")
        }
        let result = try datasets(at: spec.dir.range) { () throws(DatasetError) in
            try ImageFolder.load(directory: spec.dir.value, validationDirectory: spec.validation?.value, width: dims[1],
                                 height: dims[0], channels: spec.color.value.channels, cacheBytes: spec.cache.value << 20)
        }
        let classes = result.train.classNames
        if spec.classMode.value == .binary && classes.count != 2 {
            throw NotebookError("class_mode=binary needs exactly two classes, '\(spec.dir.value)' has \(classes.count): "
                                + classes.joined(separator: ", "), at: spec.classMode.range, hint: "use class_mode=categorical")
        }
        let scale = spec.rescale.map { Float($0.value) }
        var train = result.train.rescaled(scale)
        if spec.shuffle.value {
            var order = Array(0..<train.count)
            var g = SeededGenerator(seed: session.seed)
            g.shuffle(&order)
            train = train.subset(order)
        }
        if let cap = subsetMax { train = train.prefix(cap) }
        var validation: ImageDataset?
        if let s = spec.split {
            let (t, v) = try datasets(at: s.range) { () throws(DatasetError) in try train.split(validationFraction: s.value, seed: session.seed) }
            guard t.count > 0, v.count > 0 else {
                throw NotebookError("split=\(s.text) leaves an empty part of \(train.count) pictures", at: s.range, hint: "use a fraction between 0.05 and 0.5")
            }
            train = t
            validation = v
        }
        if let folder = result.validation?.rescaled(scale) {
            validation = subsetMax.map { folder.prefix(max($0 / 5, 1)) } ?? folder
        }
        let name = binding?.value ?? (spec.dir.value as NSString).lastPathComponent
        let entry = DataEntry(name: name, train: train, validation: validation)
        return (entry, loadReport(result, mode: spec.classMode.value))
    }

    /// The decode summary: files, cache use, each sub-folder not read as a class and each skipped file
    /// with its reason (the first ten of each; names shown escaped, `RawPath.display`).
    private func loadReport(_ r: ImageFolder.Result, mode: ClassMode) -> OutputBlock {
        let decoded = r.store.paths.count - r.skipped.count
        var lines = ["decoded \(decoded) of \(r.store.paths.count) files: \(r.store.residentCount) cached "
                     + "(\(ModelSummary.memory(r.store.residentBytes))), \(decoded - r.store.residentCount) decoded when read; "
                     + "classes \(r.train.classNames.joined(separator: ", ")) (class_mode=\(mode.rawValue))"]
        for folder in r.ignored.prefix(10) { lines.append("ignored folder \(folder.path): \(folder.reason)") }
        if r.ignored.count > 10 { lines.append("  ... and \(r.ignored.count - 10) more ignored folders") }
        if !r.skipped.isEmpty {
            lines.append("skipped \(r.skipped.count) file\(r.skipped.count == 1 ? "" : "s") that could not be decoded:")
            for s in r.skipped.prefix(10) { lines.append("  \(s.path): \(s.reason)") }
            if r.skipped.count > 10 { lines.append("  ... and \(r.skipped.count - 10) more") }
        }
        return .text(lines.joined(separator: "\n"), style: r.skipped.isEmpty && r.ignored.isEmpty ? .note : .warning)
    }

    /// `make-dataset fashion-png DIR`: the first `count` training pictures and a fifth as many test
    /// pictures (as validation/), as PNG files.
    func makeFashionPNG(_ spec: MakeFashionPNG, at range: SourceRange) throws -> [OutputBlock] {
        let count = min(spec.count.value, subsetMax ?? Int.max)
        let (train, test) = try datasets(at: range) { () throws(DatasetError) in
            try FashionMNIST.load(directory: FashionMNIST.defaultDirectory, subset: count)
        }
        return try writeDataset([("train", train), ("validation", test.prefix(max(count / 5, 1)))], format: .png,
                                to: spec.dir, overwrite: spec.overwrite)
    }

    /// `make-dataset shapes-rgb DIR`: generated coloured shapes, a fifth as many for validation from
    /// another stream of the seed, as PNG and JPEG files.
    func makeShapesRGB(_ spec: MakeShapesRGB, at range: SourceRange) throws -> [OutputBlock] {
        let count = min(spec.count.value, subsetMax ?? Int.max)
        let classes = spec.classes?.value ?? 2
        let size = spec.size?.value ?? 150
        let most = Shapes.maximumBytes / (3 * size * size)
        guard count <= most else {
            throw NotebookError("count=\(count) pictures of \(size)x\(size)x3 exceed \(Shapes.maximumBytes >> 20) MiB", at: spec.count.range,
                                hint: "use at most count=\(most) at size=\(size), or a smaller size")
        }
        let train = try datasets(at: range) { () throws(DatasetError) in
            try ColorShapes.make(count: count, classes: classes, size: size, seed: session.seed)
        }
        let validation = try datasets(at: range) { () throws(DatasetError) in
            try ColorShapes.make(count: max(count / 5, 1), classes: classes, size: size, seed: session.seed &+ 0x7E57)
        }
        return try writeDataset([("train", train), ("validation", validation)], format: .mixed,
                                to: spec.dir, overwrite: spec.overwrite)
    }

    /// Writes the splits as a folder tree under `dir` and reports the files written.
    private func writeDataset(_ splits: [(name: String, data: ImageDataset)], format: DatasetWriter.Format,
                              to dir: Located<String>, overwrite: Located<Bool>) throws -> [OutputBlock] {
        let summary = try datasets(at: dir.range) { () throws(DatasetError) in
            try DatasetWriter.write(splits, to: dir.value, format: format, overwrite: overwrite.value)
        }
        let classes = splits[0].data.classNames.map(DatasetWriter.folderName).joined(separator: ", ")
        let kinds = format == .mixed ? "PNG and JPEG" : "PNG"
        return [.text("wrote \(summary.files["train"] ?? 0) training and \(summary.files["validation"] ?? 0) validation "
                      + "\(kinds) files (\(summary.bytes >> 10) KB) to \(dir.value)/train and \(dir.value)/validation - classes \(classes)",
                      style: .success)]
    }
}
