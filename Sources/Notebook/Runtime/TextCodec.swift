import Datasets

/// A text's token ids to text and back, by its tokenizer, with how often each token occurs in the training
/// part: what a command that decodes ids (`show tokens`, generation) or encodes a prompt reads.
/// Characters or words outside the vocabulary encode to `<unk>` (id 0), which decodes as U+FFFD.
public struct TextCodec: Sendable, Equatable {
    public let tokenizer: Tokenizer
    /// How often each id occurs in the training part (one entry per token of the vocabulary).
    public let trainingCounts: [Int]

    public init(tokenizer: Tokenizer, training: [Int32]) {
        self.tokenizer = tokenizer
        self.trainingCounts = TextCodec.counts(of: training, vocabulary: tokenizer.vocabularySize)
    }

    /// The number of distinct tokens (ids are 0..<vocabularySize).
    public var vocabularySize: Int { tokenizer.vocabularySize }

    /// The text of `ids` (ids outside the vocabulary as U+FFFD).
    public func decode(_ ids: [Int]) -> String {
        tokenizer.decode(ids.map { Int32(clamping: $0) })
    }

    /// The ids of `text`; never fails: what the vocabulary lacks is `<unk>`.
    public func encode(_ text: String) -> [Int] {
        tokenizer.encode(text).map(Int.init)
    }

    /// A newline, where a text's lines start (`<unk>` when the training text had none).
    public var startToken: Int { tokenizer.encode("\n").first.map(Int.init) ?? 0 }

    /// Up to `count` ids, the most frequent in the training part first (ties by id).
    public func mostFrequent(_ count: Int) -> [Int] {
        Self.ranked(trainingCounts).prefix(max(count, 0)).map { $0 }
    }

    /// How often each of `vocabulary` ids occurs in `tokens` (ids outside it are not counted).
    static func counts(of tokens: [Int32], vocabulary: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: vocabulary)
        for id in tokens where id >= 0 && Int(id) < vocabulary { counts[Int(id)] += 1 }
        return counts
    }

    /// The ids that occur, most frequent first (ties by id).
    static func ranked(_ counts: [Int]) -> [Int] {
        counts.indices.filter { counts[$0] > 0 }.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
    }
}

extension TextCodec: TokenCodec {}

extension TextSplits {
    /// Text decodes to its characters, words or pieces; a prompt is encoded by the same tokenizer.
    public var codec: (any TokenCodec)? { textCodec }
}
