import NeuralNet

/// What a data set's examples are learned against: their class labels, or the examples themselves
/// (`target=input`: an autoencoder reconstructs its input).
public enum DataTarget: String, LanguageWord, CustomStringConvertible {
    case label, input

    /// The `target=` option of the `load` commands that read pictures.
    static let parameter = ParameterSpec("target", .choice(noun: "target", words: DataTarget.words),
                                         "label: learn the classes; input: reconstruct each picture (an autoencoder)",
                                         default: DataTarget.label.rawValue)
}

/// Examples whose target is the example itself: `loadTarget` writes what `loadExample` does, and the
/// target's shape is the example's (mse, mae and binary cross-entropy compare every value).
struct ReconstructionData: TrainingData {
    let examples: any TrainingData

    var count: Int { examples.count }
    var sampleShape: [Int] { examples.sampleShape }
    var targetKind: TargetKind { .values(shape: examples.sampleShape) }

    func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws {
        try examples.loadExample(index, into: input)
    }

    func loadTarget(_ index: Int, into target: UnsafeMutableBufferPointer<Float>) throws {
        try examples.loadExample(index, into: target)
    }
}

extension DataEntry {
    /// The entry with its targets set as `target=` says (pictures only; labels are the default).
    func withTarget(_ target: DataTarget) -> DataEntry {
        guard target == .input, var images else { return self }
        images.targetIsInput = true
        var entry = self
        entry.source = images
        return entry
    }
}
