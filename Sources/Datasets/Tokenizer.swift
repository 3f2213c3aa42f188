/// Turns text into token ids and back: one token per character, per word, or per learned byte-pair piece.
///
/// Id 0 is the unknown token `<unk>`: what a character or word outside the vocabulary encodes to (the
/// vocabulary is bounded, so the rarest characters or words of the training text map to it), decoded as
/// U+FFFD. The other ids are the vocabulary's tokens: for `char` and `word` in order of frequency in the
/// training text (ties in code-point order), for `bpe` the characters first, then one token per merge in
/// the order learned. Built only from the training text (`train`), so validation text can hold unknown
/// tokens. Encoding is deterministic and never traps: `decode(encode(t)) == t` whenever every character
/// (or word) of `t` is in the vocabulary (after lowercasing when `lowercase` is on).
public struct Tokenizer: Sendable, Equatable {
    /// How text is cut into tokens.
    public enum Kind: String, CaseIterable, Sendable {
        /// One token per character (a Unicode code point: one Chinese character is one token).
        case char
        /// One token per word, punctuation mark or other character (`TextChunks`); a word keeps the space before it.
        case word
        /// Byte-pair encoding: characters merged into frequent pieces, learned on the training text; merges
        /// never cross the word pieces of `TextChunks` (a run of Chinese characters is one such piece).
        case bpe

        /// One line for help and `info`.
        public var summary: String {
            switch self {
            case .char: return "one token per character"
            case .word: return "one token per word or punctuation mark (a word keeps its leading space)"
            case .bpe: return "byte-pair pieces learned on the training text"
            }
        }

        /// The vocabulary size when `vocab=` is not given.
        public var defaultVocabulary: Int {
            switch self {
            case .char: return Tokenizer.vocabularyRange.upperBound
            case .word: return 5000
            case .bpe: return 512
            }
        }
    }

    /// Two adjacent tokens a byte-pair merge joins.
    public struct Pair: Hashable, Sendable, Comparable {
        public var left: Int32
        public var right: Int32

        public init(_ left: Int32, _ right: Int32) {
            self.left = left
            self.right = right
        }

        public static func < (a: Pair, b: Pair) -> Bool { (a.left, a.right) < (b.left, b.right) }
    }

    /// The id of the unknown token.
    public static let unknown: Int32 = 0
    /// How the unknown token is shown in tables.
    public static let unknownName = "<unk>"
    /// Allowed vocabulary sizes, the unknown token included.
    public static let vocabularyRange = 2...32768

    public let kind: Kind
    /// Text is lowercased before it is cut (training and encoding).
    public let lowercase: Bool
    /// Each token's text; `tokens[0]` is `<unk>`.
    public let tokens: [String]
    /// `bpe`: the merges in the order learned; merge `i` makes token `alphabetCount + i`.
    public let merges: [Pair]
    /// `bpe`: the tokens before the first merge (`<unk>` and the characters).
    public let alphabetCount: Int
    /// Character tokens' ids (`char`, and `bpe`'s alphabet).
    let characterIDs: [Unicode.Scalar: Int32]
    /// Word tokens' ids (`word`).
    let wordIDs: [String: Int32]
    /// `bpe`: each merge's rank.
    let ranks: [Pair: Int32]

    init(kind: Kind, lowercase: Bool, tokens: [String], merges: [Pair] = [], alphabetCount: Int? = nil) {
        self.kind = kind
        self.lowercase = lowercase
        self.tokens = tokens
        self.merges = merges
        self.alphabetCount = alphabetCount ?? tokens.count
        var characters: [Unicode.Scalar: Int32] = [:]
        var words: [String: Int32] = [:]
        for (id, token) in tokens.enumerated().dropFirst() where id < self.alphabetCount {
            if kind == .word {
                words[token] = Int32(id)
            } else if let scalar = token.unicodeScalars.first {
                characters[scalar] = Int32(id)
            }
        }
        characterIDs = characters
        wordIDs = words
        ranks = Dictionary(merges.enumerated().map { ($0.element, Int32($0.offset)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Learns a vocabulary of at most `vocabulary` tokens (`<unk>` included) from `text`.
    ///
    /// `char` and `word` keep the most frequent characters or words; `bpe` keeps the most frequent characters
    /// (all of them when they fit, leaving room for merges), then merges the most frequent adjacent pair
    /// until the vocabulary is full or no pair occurs twice (ties: the pair of smaller ids). The same text
    /// gives the same tokenizer. `vocabulary` is clamped to `vocabularyRange`.
    public static func train(_ kind: Kind, on text: String, vocabulary: Int, lowercase: Bool = false) -> Tokenizer {
        let size = min(max(vocabulary, vocabularyRange.lowerBound), vocabularyRange.upperBound)
        let source = lowercase ? text.lowercased() : text
        switch kind {
        case .char:
            let kept = mostFrequentCharacters(source, limit: size - 1)
            return Tokenizer(kind: .char, lowercase: lowercase, tokens: [unknownName] + kept.map { String($0) })
        case .word:
            var counts: [Substring: Int] = [:]
            for piece in TextChunks.split(source) { counts[piece, default: 0] += 1 }
            let ranked = counts.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
            return Tokenizer(kind: .word, lowercase: lowercase, tokens: [unknownName] + ranked.prefix(size - 1).map { String($0.key) })
        case .bpe:
            return BytePairLearner(text: source, vocabulary: size).learn(lowercase: lowercase)
        }
    }

    /// The characters of `text` by frequency (ties in code-point order), at most `limit`.
    static func mostFrequentCharacters<S: Sequence>(_ text: S, limit: Int, weight: (S.Element) -> Int = { _ in 1 }) -> [Unicode.Scalar]
        where S.Element: StringProtocol {
        var counts: [Unicode.Scalar: Int] = [:]
        for part in text {
            let w = weight(part)
            for c in part.unicodeScalars { counts[c, default: 0] += w }
        }
        let ranked = counts.sorted { a, b in a.value != b.value ? a.value > b.value : a.key.value < b.key.value }
        return ranked.prefix(max(limit, 0)).map(\.key)
    }

    /// Characters of one string counted once each.
    static func mostFrequentCharacters(_ text: String, limit: Int) -> [Unicode.Scalar] {
        mostFrequentCharacters(CollectionOfOne(text), limit: limit)
    }

    /// Tokens in the vocabulary, `<unk>` included.
    public var vocabularySize: Int { tokens.count }

    /// The ids of `text`. O(characters) for `char` and `word`; `bpe` merges each distinct word piece once.
    public func encode(_ text: String) -> [Int32] {
        let source = lowercase ? text.lowercased() : text
        switch kind {
        case .char:
            return source.unicodeScalars.map { characterIDs[$0] ?? Self.unknown }
        case .word:
            return TextChunks.split(source).map { wordIDs[String($0)] ?? Self.unknown }
        case .bpe:
            var cache: [Substring: [Int32]] = [:]
            var ids: [Int32] = []
            for piece in TextChunks.split(source, ideographsApart: false) {
                if let known = cache[piece] {
                    ids += known
                } else {
                    let made = encodePiece(piece)
                    cache[piece] = made
                    ids += made
                }
            }
            return ids
        }
    }

    /// The text of `ids`: the tokens joined, `<unk>` (and any id outside the vocabulary) as U+FFFD.
    public func decode<S: Sequence>(_ ids: S) -> String where S.Element == Int32 {
        var out = ""
        for id in ids { out += text(of: id) }
        return out
    }

    /// The text one token stands for (U+FFFD for `<unk>` or an id outside the vocabulary).
    public func text(of id: Int32) -> String {
        guard id > Self.unknown, Int(id) < tokens.count else { return "\u{FFFD}" }
        return tokens[Int(id)]
    }

    /// A token's text for a table or a passage: `<unk>`, and newline, tab and other control characters
    /// written as escapes (`\n`), so one token never breaks a line.
    public func displayName(of id: Int32) -> String {
        guard id > Self.unknown, Int(id) < tokens.count else { return Self.unknownName }
        return RawPath.escaped(Array(tokens[Int(id)].utf8))
    }
}
