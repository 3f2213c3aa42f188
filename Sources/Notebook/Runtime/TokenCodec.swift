import Datasets

/// Turns a token data set's ids into text and text into ids: what `generate` shows and how it reads a
/// prompt. Text data decodes to its characters, words or pieces; `load sequences` to the ids themselves.
public protocol TokenCodec: Sendable {
    /// The number of distinct tokens (ids are 0..<vocabularySize).
    var vocabularySize: Int { get }
    /// The text of `ids`, in order (a prompt's text followed by what is generated reads as one text).
    func decode(_ ids: [Int]) -> String
    /// The ids of `text`; a message saying what cannot be encoded otherwise.
    func encode(_ text: String) throws(TokenCodecError) -> [Int]
    /// The token generation starts from when there is no prompt (a newline for text).
    var startToken: Int { get }
    /// Up to `count` ids, the most frequent in the training text first (by id where unknown).
    func mostFrequent(_ count: Int) -> [Int]
}

extension TokenCodec {
    public func mostFrequent(_ count: Int) -> [Int] { Array(0..<min(count, vocabularySize)) }
}

/// Why a prompt cannot be encoded.
public struct TokenCodecError: Error, Sendable, Equatable {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// `load sequences` tokens: ids written as numbers separated by spaces (`3 1 4`).
public struct NumberedTokens: TokenCodec {
    public let vocabularySize: Int
    public init(vocabularySize: Int) { self.vocabularySize = vocabularySize }

    public var startToken: Int { 0 }

    public func decode(_ ids: [Int]) -> String { ids.map(String.init).joined(separator: " ") }

    public func encode(_ text: String) throws(TokenCodecError) -> [Int] {
        var ids: [Int] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard let id = Int(word), id >= 0, id < vocabularySize else {
                throw TokenCodecError("'\(word)' is not a token of this data (ids 0...\(vocabularySize - 1))",
                                      hint: "write the prompt as token ids separated by spaces, e.g. prompt=\"3 1 4\"")
            }
            ids.append(id)
        }
        return ids
    }
}

extension SequenceSplits {
    public var codec: (any TokenCodec)? { NumberedTokens(vocabularySize: train.vocabulary) }
}
