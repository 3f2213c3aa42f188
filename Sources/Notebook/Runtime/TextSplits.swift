import Datasets
import NeuralNet

/// A text loaded with `load text`: its tokenizer and the windows of each split, cut by position (training
/// first, then validation, then test when `test=F` asked for one).
public struct TextSplits: DataSource {
    /// The windows training visits (the start of the text).
    public var train: TokenWindows
    /// The last `validation` fraction before any test part: what training validates on after each epoch.
    public var validation: TokenWindows
    /// The last `test` fraction of the text, when asked for; read only by a command that names it.
    public var test: TokenWindows?
    /// The tokenizer (learned on the training split only) with the training part's token counts: what a
    /// later command uses to turn ids into text and a prompt into ids.
    public var textCodec: TextCodec
    /// Where the text came from: a path or `corpus fortunes`.
    public var origin: String

    public init(train: TokenWindows, validation: TokenWindows, test: TokenWindows?, tokenizer: Tokenizer, origin: String) {
        self.train = train
        self.validation = validation
        self.test = test
        self.textCodec = TextCodec(tokenizer: tokenizer, training: train.tokens)
        self.origin = origin
    }

    /// Learned on the training split only.
    public var tokenizer: Tokenizer { textCodec.tokenizer }

    public var kind: String { "text" }
    public var exampleNoun: String { "windows" }
    /// One class per token: the vocabulary's tokens as text (`<unk>` first, newline as `\n`).
    public var classNames: [String] { (0..<tokenizer.vocabularySize).map { tokenizer.displayName(of: Int32($0)) } }
    public var sampleShape: [Int] { [train.context] }
    public var targetsAreClasses: Bool { false }

    /// The tokens of a split.
    public func windows(_ split: DataSplit) -> TokenWindows? {
        switch split {
        case .train: return train
        case .validation: return validation
        case .test: return test
        }
    }

    public func examples(_ split: DataSplit) -> (any TrainingData)? { windows(split) }

    /// Training validates on the validation part of the text, never on the test part.
    public var epochValidation: (any TrainingData)? { validation }

    public func hint(forMissing split: DataSplit) -> String {
        "the text has no test part: load it with `load text ... test=0.1` to hold the end of the text out as one"
    }
}

/// Text windows feed the trainer directly: each example is its T token ids as floats (what `embedding`
/// reads), and its target the next T ids, also as floats: a batch's targets are a tensor (N, T) that
/// `sparse_categorical_crossentropy` reads per token.
extension TokenWindows: TrainingData {
    public var sampleShape: [Int] { [context] }

    public var targetKind: TargetKind { .values(shape: [context]) }

    public func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws {
        try write(self.input(at: index), index, into: input)
    }

    public func loadTarget(_ index: Int, into target: UnsafeMutableBufferPointer<Float>) throws {
        try write(self.target(at: index), index, into: target)
    }

    private func write(_ window: ArraySlice<Int32>, _ index: Int, into out: UnsafeMutableBufferPointer<Float>) throws {
        guard index >= 0, index < count else {
            throw DatasetError.invalidArgument("window \(index) is outside \(name) (0...\(count - 1))")
        }
        for (t, id) in zip(0..<out.count, window) {
            out[t] = Float(id)
        }
    }
}
