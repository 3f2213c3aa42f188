import Datasets
import NeuralNet

/// The training and held-out splits of a `load sequences` data set: token ids in, one class (a token)
/// per position out.
public struct SequenceSplits: DataSource {
    /// The sequences training visits.
    public var train: SequenceDataset
    /// Held-out sequences from another stream of the same seed: what training validates on after each
    /// epoch and `from=validation` reads.
    public var validation: SequenceDataset
    /// Held-out sequences from a third stream: read only by a command that names them (`from=test`).
    public var test: SequenceDataset

    public init(train: SequenceDataset, validation: SequenceDataset, test: SequenceDataset) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    public var kind: String { "token sequences" }
    public var exampleNoun: String { "sequences" }
    /// One class name per token: `0`, `1`, ...
    public var classNames: [String] { (0..<train.vocabulary).map(String.init) }
    public var sampleShape: [Int] { [train.length] }
    public var targetsAreClasses: Bool { false }

    public func examples(_ split: DataSplit) -> (any TrainingData)? {
        switch split {
        case .train: return train
        case .test: return test
        case .validation: return validation
        }
    }

    /// Training validates on the validation sequences, never on the test sequences.
    public var epochValidation: (any TrainingData)? { validation }

    public func hint(forMissing split: DataSplit) -> String {
        "every split is generated: set the sizes with `load sequences TASK count=N validation=N test=N`"
    }
}

/// Sequence sets feed the trainer directly: each example is its T token ids as floats (what `embedding`
/// reads), and its target T class indices, also as floats: a batch's targets are a tensor (N, T) that
/// `sparse_categorical_crossentropy` reads per token.
extension SequenceDataset: TrainingData {
    public var sampleShape: [Int] { [length] }

    public var targetKind: TargetKind { .values(shape: [length]) }

    public func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws {
        try write(tokens, index, into: input)
    }

    public func loadTarget(_ index: Int, into target: UnsafeMutableBufferPointer<Float>) throws {
        try write(targets, index, into: target)
    }

    private func write(_ source: [Int32], _ index: Int, into out: UnsafeMutableBufferPointer<Float>) throws {
        guard index >= 0, index < count else {
            throw DatasetError.invalidArgument("sequence \(index) is outside \(name) (0...\(count - 1))")
        }
        let start = index * length
        for t in 0..<min(length, out.count) {
            out[t] = Float(source[start + t])
        }
    }
}
