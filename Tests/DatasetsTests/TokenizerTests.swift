import Datasets
import Testing

@Suite("Tokenizers")
struct TokenizerTests {
    static let english = "The cat sat on the mat. The dog sat on the log.\n"
    static let chinese = "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n"

    @Test("char: one token per character, Chinese included; ids by frequency after <unk>; round trips")
    func characters() {
        let mixed = Self.chinese + "Tang poems, 唐诗 — café\n"
        let t = Tokenizer.train(.char, on: mixed, vocabulary: 1000)
        #expect(t.tokens[0] == "<unk>")
        #expect(t.vocabularySize == Set(mixed.unicodeScalars).count + 1)
        #expect(t.encode("明月").count == 2)
        #expect(t.encode(mixed).count == mixed.unicodeScalars.count)
        #expect(t.decode(t.encode(mixed)) == mixed)
        // Ties in code-point order: the most frequent first.
        let counts = Tokenizer.train(.char, on: "bbbaac", vocabulary: 10)
        #expect(counts.tokens == ["<unk>", "b", "a", "c"])
        #expect(counts.encode("abcz") == [2, 1, 3, 0])
        #expect(counts.decode([2, 0, 99, -1]) == "a\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test("bounded vocabularies: the rarest characters or words become <unk>")
    func boundedVocabulary() {
        let t = Tokenizer.train(.char, on: "aaaabbbcc d", vocabulary: 3)
        #expect(t.tokens == ["<unk>", "a", "b"])
        #expect(t.encode("abcd") == [1, 2, 0, 0])
        let w = Tokenizer.train(.word, on: Self.english, vocabulary: 4)
        #expect(w.vocabularySize == 4)
        #expect(w.encode(" cat").first == Tokenizer.unknown)
    }

    @Test("word: words keep their leading space, punctuation and newlines are tokens, decoding is exact")
    func words() {
        #expect(TextChunks.split("The cat sat.\n  Hi, 诗人!") == ["The", " cat", " sat", ".", "\n", " ", " Hi", ",", " 诗", "人", "!"])
        let t = Tokenizer.train(.word, on: Self.english, vocabulary: 100)
        let ids = t.encode(Self.english)
        #expect(ids.map { t.text(of: $0) }.prefix(4) == ["The", " cat", " sat", " on"])
        #expect(t.decode(ids) == Self.english)
        let lower = Tokenizer.train(.word, on: Self.english, vocabulary: 100, lowercase: true)
        #expect(lower.encode("THE") == lower.encode("the"))
        #expect(!lower.tokens.contains("The"))
    }

    @Test("bpe: deterministic merges, a bounded vocabulary, exact round trips, words formed from pieces")
    func bytePairs() {
        let text = String(repeating: Self.english, count: 20) + String(repeating: Self.chinese, count: 10)
        let a = Tokenizer.train(.bpe, on: text, vocabulary: 60)
        let b = Tokenizer.train(.bpe, on: text, vocabulary: 60)
        #expect(a == b)
        #expect(a.merges == b.merges)
        #expect(a.vocabularySize <= 60)
        #expect(a.merges.count == a.vocabularySize - a.alphabetCount)
        #expect(!a.merges.isEmpty)
        // Each merged token is its two parts joined, and every id is new.
        for (i, m) in a.merges.enumerated() {
            #expect(a.tokens[a.alphabetCount + i] == a.tokens[Int(m.left)] + a.tokens[Int(m.right)])
        }
        #expect(a.decode(a.encode(text)) == text)
        #expect(a.encode(text).count < text.unicodeScalars.count / 2)
        // The first merges come from the most frequent pairs; whole words appear.
        #expect(a.tokens.contains(" sat"))
        #expect(a.tokens.contains("明月"))
        // Vocabulary bounds: a vocabulary too small for the alphabet keeps the most frequent half.
        let small = Tokenizer.train(.bpe, on: text, vocabulary: 10)
        #expect(small.vocabularySize == 10)
        #expect(small.alphabetCount == 6)
        #expect(small.encode(text).contains(Tokenizer.unknown))
    }

    @Test("a word longer than the limit is cut, so a text without spaces is not one piece; joining still gives it back")
    func longWords() {
        let long = String(repeating: "abcdefghij", count: 10)
        let pieces = TextChunks.split(" " + long + "!")
        #expect(pieces.map(\.count) == [33, 32, 32, 4, 1])
        #expect(pieces.joined() == " " + long + "!")
        let t = Tokenizer.train(.bpe, on: long + " " + long, vocabulary: 200)
        #expect(t.decode(t.encode(long)) == long)
        #expect(t.tokens.allSatisfy { $0.unicodeScalars.count <= TextChunks.maximumWordLength + 1 })
    }

    /// The merges a naive learner finds: every pair of every piece recounted before each merge.
    static func naiveMerges(_ text: String, vocabulary: Int) -> [Tokenizer.Pair] {
        let learned = Tokenizer.train(.bpe, on: text, vocabulary: vocabulary)
        let alphabet = Array(learned.tokens.prefix(learned.alphabetCount))
        var ids: [Unicode.Scalar: Int32] = [:]
        for (i, t) in alphabet.enumerated().dropFirst() { ids[t.unicodeScalars.first!] = Int32(i) }
        var pieces = TextChunks.split(text, ideographsApart: false).map { $0.unicodeScalars.map { ids[$0] ?? 0 } }
        var merges: [Tokenizer.Pair] = []
        var next = Int32(alphabet.count)
        while Int(next) < vocabulary {
            var counts: [Tokenizer.Pair: Int] = [:]
            for p in pieces where p.count >= 2 {
                for i in 1..<p.count where p[i - 1] != 0 && p[i] != 0 { counts[Tokenizer.Pair(p[i - 1], p[i]), default: 0] += 1 }
            }
            guard let best = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : b.key < a.key }), best.value >= 2 else { break }
            merges.append(best.key)
            pieces = pieces.map { p in
                var out: [Int32] = [], i = 0
                while i < p.count {
                    if i + 1 < p.count, p[i] == best.key.left, p[i + 1] == best.key.right { out.append(next); i += 2 } else { out.append(p[i]); i += 1 }
                }
                return out
            }
            next += 1
        }
        return merges
    }

    @Test("bpe's incremental pair counts learn the merges a naive recount learns", arguments: [
        "aaaaaaa aaaa aaa aa a", "abababab baba abab aab", "The cat sat on the mat. The dog sat on the log.\n",
        "床前明月光，疑是地上霜。举头望明月，低头思故乡。明月明月", "mississippi missus misses issues", "abab abab abab ba ba",
        "xabab xabab yab yab ab",
    ])
    func incrementalMatchesNaive(_ text: String) {
        let doubled = text + " " + text
        for vocabulary in [8, 20, 60] {
            #expect(Tokenizer.train(.bpe, on: doubled, vocabulary: vocabulary).merges == Self.naiveMerges(doubled, vocabulary: vocabulary),
                    "\(vocabulary)")
        }
    }

    @Test("bpe learns nothing from pairs seen once and never merges across words")
    func bytePairEdges() {
        let t = Tokenizer.train(.bpe, on: "ab cd", vocabulary: 100)
        #expect(t.merges.isEmpty)
        let u = Tokenizer.train(.bpe, on: "ab ab ab", vocabulary: 100)
        #expect(u.tokens.contains(" ab"))
        #expect(!u.tokens.contains("b "))
    }

    @Test("windows: context tokens in, the next context tokens out, by stride")
    func windows() {
        let tokens: [Int32] = Array(0..<10)
        let w = TokenWindows(name: "w", tokens: tokens, context: 3, stride: 3)
        #expect(w.count == 3)
        #expect(Array(w.input(at: 0)) == [0, 1, 2])
        #expect(Array(w.target(at: 0)) == [1, 2, 3])
        #expect(Array(w.input(at: 2)) == [6, 7, 8])
        #expect(Array(w.target(at: 2)) == [7, 8, 9])
        #expect(w.input(at: 3).isEmpty && w.target(at: -1).isEmpty)
        #expect(TokenWindows(name: "o", tokens: tokens, context: 3, stride: 1).count == 7)
        #expect(TokenWindows(name: "one", tokens: [5], context: 2, stride: 2).count == 0)
        #expect(TokenWindows(name: "just", tokens: [1, 2, 3], context: 2, stride: 2).count == 1)
    }

    @Test("a one-token and an empty text give tokenizers that still encode anything without trapping")
    func tinyTexts() {
        for kind in Tokenizer.Kind.allCases {
            let one = Tokenizer.train(kind, on: "a", vocabulary: 50)
            #expect(one.encode("a").count == 1)
            #expect(one.encode("zzz 诗").allSatisfy { $0 >= 0 && Int($0) < one.vocabularySize })
            let empty = Tokenizer.train(kind, on: "", vocabulary: 50)
            #expect(empty.vocabularySize == 1)
            #expect(empty.encode("abc").allSatisfy { $0 == Tokenizer.unknown })
        }
    }
}
