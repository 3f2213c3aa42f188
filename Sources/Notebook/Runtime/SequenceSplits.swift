import Datasets
import NeuralNet

/// The training and held-out splits of a `load sequences` data set.
public struct SequenceSplits: Sendable {
    /// The sequences training visits.
    public var train: SequenceDataset
    /// Held-out sequences, drawn from another stream of the same seed: what training validates on and
    /// `from=test` reads.
    public var test: SequenceDataset

    public init(train: SequenceDataset, test: SequenceDataset) {
        self.train = train
        self.test = test
    }

    /// One class name per token: `0`, `1`, ...
    public var tokenNames: [String] { (0..<train.vocabulary).map(String.init) }
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
