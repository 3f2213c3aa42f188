import Foundation
import Datasets
import NeuralNet
import TensorRuntime

extension DataPlan {
    /// Most bytes of examples written beside a script (FILE.data.safetensors).
    static let maximumDataBytes = 512 << 20

    /// Why the data cannot go with the script.
    struct Refusal: Error {
        let message: String
        let hint: String
    }

    /// The plan for `entry`; `log` is the session's replayable lines, where the folder a data set was
    /// loaded from is found (the last `load` that made a data set of this name).
    static func make(_ entry: DataEntry, log: [String]) throws -> DataPlan {
        let source = entry.source
        let train = source.trainingSet
        let validation = source.examples(.validation)
        let test = source.examples(.test)
        let origin: Origin
        if let images = entry.images, let folder = folderOrigin(images) {
            origin = folder
        } else if let images = entry.images, images.train.files == nil, let idx = idxOrigin(entry, log: log) {
            origin = idx
        } else if let text = entry.text {
            let splits: [(String, TokenWindows?)] = [("train", text.train), ("validation", text.validation), ("test", text.test)]
            let tokens = splits.compactMap { name, windows in
                windows.map { NamedValues("\(name).tokens", shape: [$0.tokens.count], integers: $0.tokens) }
            }
            origin = .text(tokens: tokens, context: text.train.context, stride: text.train.stride,
                           vocabulary: (0..<text.tokenizer.vocabularySize).map { text.tokenizer.text(of: Int32($0)) })
        } else {
            let splits: [(String, (any TrainingData)?)] = [("train", train), ("validation", validation), ("test", test)]
            var values: [NamedValues] = []
            var bytes = 0
            for case let (name, data?) in splits where data.count > 0 {
                bytes += 4 * data.count * (TensorRuntime.Shape.count(data.sampleShape) + (data.targetKind.valueShape.map { TensorRuntime.Shape.count($0) } ?? 1))
                guard bytes <= maximumDataBytes else {
                    throw Refusal(message: "'\(entry.name)' would take more than \(maximumDataBytes >> 20) MB beside the script",
                                  hint: "load fewer examples (count=, subset=), or export a model of a data set read from files")
                }
                values += try arrays(name, data, tokens: entry.sequences != nil, targetIsInput: source.targetIsInput)
            }
            origin = .arrays(values)
        }
        return DataPlan(origin: origin, name: entry.name, summary: summary(entry, origin: origin), sampleShape: source.sampleShape,
                        validationCount: validation?.count ?? 0, trainCount: train.count, testCount: test?.count ?? 0,
                        hasTest: test != nil, targetIsInput: source.targetIsInput,
                        tokens: entry.sequences != nil || entry.text != nil,
                        valueTargets: (source as? PointSplits)?.targetsAreClasses == false, classNames: source.classNames)
    }

    /// `<split>.x` (and `<split>.y` unless the examples are their own targets) of every example.
    private static func arrays(_ split: String, _ data: any TrainingData, tokens: Bool, targetIsInput: Bool) throws -> [NamedValues] {
        let n = data.count, size = TensorRuntime.Shape.count(data.sampleShape)
        var x = [Float](repeating: 0, count: n * size)
        try x.withUnsafeMutableBufferPointer { all in
            for i in 0..<n { try data.loadExample(i, into: UnsafeMutableBufferPointer(rebasing: all[(i * size)..<((i + 1) * size)])) }
        }
        var result = [tokens ? NamedValues("\(split).x", shape: [n] + data.sampleShape, integers: x.map { Int32($0) })
                             : NamedValues("\(split).x", shape: [n] + data.sampleShape, floats: x)]
        guard !targetIsInput else { return result }
        switch data.targetKind {
        case .classIndex:
            result.append(NamedValues("\(split).y", shape: [n], integers: try (0..<n).map { try data.classIndex(of: $0) }))
        case .values(let shape):
            let k = TensorRuntime.Shape.count(shape)
            var y = [Float](repeating: 0, count: n * k)
            try y.withUnsafeMutableBufferPointer { all in
                for i in 0..<n { try data.loadTarget(i, into: UnsafeMutableBufferPointer(rebasing: all[(i * k)..<((i + 1) * k)])) }
            }
            result.append(tokens ? NamedValues("\(split).y", shape: [n] + shape, integers: y.map { Int32($0) })
                                 : NamedValues("\(split).y", shape: [n] + shape, floats: y))
        }
        return result
    }

    /// A file-backed image set: the folders its pictures came from (`DIR/CLASS/file`).
    private static func folderOrigin(_ images: ImageSplits) -> Origin? {
        guard let files = images.train.files, let first = files.store.paths.first else { return nil }
        let root = { (path: String) in absolute(((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
        let validation = images.validation?.files.flatMap { v in v.store === files.store ? nil : v.store.paths.first.map(root) }
        return .folder(train: root(first), validation: validation, height: images.train.height, width: images.train.width,
                       channels: images.train.channels, scale: images.train.valueScale ?? 1 / 255)
    }

    /// IDX files: the folder of the last `load fashion-mnist` or `load idx` that made a data set of this name.
    private static func idxOrigin(_ entry: DataEntry, log: [String]) -> Origin? {
        guard let images = entry.images else { return nil }
        for line in log.reversed() {
            guard case .success(let statement?) = Parser.parseLine(line) else { continue }
            let read = images.train.count + (images.validation?.count ?? 0)
            let test = images.test?.count ?? 0
            if let load = statement.command as? LoadFashionMNIST, (statement.binding?.value ?? "fashion-mnist") == entry.name {
                return .idx(directory: absolute(load.dir?.value ?? FashionMNIST.defaultDirectory), fashion: true, read: read, test: test)
            }
            if let load = statement.command as? LoadIDX, (statement.binding?.value ?? "idx") == entry.name {
                return .idx(directory: absolute(load.dir.value), fashion: false, read: read, test: test)
            }
        }
        return nil
    }

    /// `path` from the root, as the script may run from another folder.
    static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    private static func summary(_ entry: DataEntry, origin: Origin) -> String {
        let splits = [("training", entry.source.trainingSet.count), ("validation", entry.source.examples(.validation)?.count ?? 0),
                      ("test", entry.source.examples(.test)?.count ?? 0)]
            .filter { $0.1 > 0 }.map { "\(ModelSummary.grouped($0.1)) \($0.0)" }.joined(separator: ", ")
        let noun = entry.source.exampleNoun
        switch origin {
        case let .idx(directory, fashion, _, _):
            return "\(fashion ? "Fashion-MNIST" : "IDX files") from \(directory) (\(splits) \(noun))"
        case let .folder(train, validation, _, _, _, _):
            return "the image folder \(train)" + (validation.map { " with validation folder \($0)" } ?? "") + " (\(splits) \(noun))"
        case .arrays:
            return "'\(entry.name)', \(entry.source.kind) generated in the session (\(splits) \(noun)), stored beside this script"
        case .text:
            return "the text '\(entry.name)' as token ids (\(splits) \(noun)), stored beside this script"
        }
    }
}
