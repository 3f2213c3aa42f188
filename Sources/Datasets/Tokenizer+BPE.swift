/// Byte-pair encoding: learning merges on the training text, and applying them to a word piece.
///
/// Learning works on the distinct word pieces of `TextChunks` with their counts: the alphabet is the
/// most frequent characters (at most half the vocabulary when there are more, so merges keep room; the
/// rest become `<unk>`), then, until the vocabulary is full, the most frequent adjacent pair is merged
/// into a new token (ties: the pair of smaller ids; pairs with `<unk>` are never merged; a pair seen once
/// is not worth a token, so learning may stop early). Pair counts are kept up to date incrementally and
/// the best pair comes from a max-heap whose stale entries are skipped, so each merge costs the pieces
/// it touches, not the whole text.
struct BytePairLearner {
    /// The distinct pieces as token ids, with how often each occurs.
    var pieces: [[Int32]] = []
    var counts: [Int] = []
    var tokens: [String] = [Tokenizer.unknownName]
    let vocabulary: Int

    init(text: String, vocabulary: Int) {
        self.vocabulary = vocabulary
        var pieceCounts: [Substring: Int] = [:]
        for piece in TextChunks.split(text, ideographsApart: false) { pieceCounts[piece, default: 0] += 1 }
        let sorted = pieceCounts.sorted { $0.key < $1.key }
        let distinct = Tokenizer.mostFrequentCharacters(sorted.map(\.key), limit: Int.max) { pieceCounts[$0] ?? 0 }
        // All characters when they leave room for merges; otherwise the most frequent half of the vocabulary.
        let room = distinct.count < vocabulary - 1 ? distinct.count : (vocabulary - 1 + 1) / 2
        var ids: [Unicode.Scalar: Int32] = [:]
        for c in distinct.prefix(room) {
            ids[c] = Int32(tokens.count)
            tokens.append(String(c))
        }
        for (piece, n) in sorted {
            pieces.append(piece.unicodeScalars.map { ids[$0] ?? Tokenizer.unknown })
            counts.append(n)
        }
    }

    /// The pairs of a piece that may merge (no `<unk>`).
    static func pairs(_ piece: [Int32]) -> [Tokenizer.Pair] {
        guard piece.count >= 2 else { return [] }
        return (1..<piece.count).compactMap { i in
            piece[i - 1] == Tokenizer.unknown || piece[i] == Tokenizer.unknown ? nil : Tokenizer.Pair(piece[i - 1], piece[i])
        }
    }

    consuming func learn(lowercase: Bool) -> Tokenizer {
        let alphabet = tokens.count
        var pairCounts: [Tokenizer.Pair: Int] = [:]
        var holders: [Tokenizer.Pair: [Int]] = [:]
        for (w, piece) in pieces.enumerated() {
            for p in Self.pairs(piece) {
                pairCounts[p, default: 0] += counts[w]
                holders[p, default: []].append(w)
            }
        }
        var heap = PairHeap()
        for (p, n) in pairCounts { heap.push(n, p) }
        var merges: [Tokenizer.Pair] = []
        while tokens.count < vocabulary, let (n, best) = heap.popCurrent(pairCounts), n >= 2 {
            let made = Int32(tokens.count)
            tokens.append(tokens[Int(best.left)] + tokens[Int(best.right)])
            merges.append(best)
            var changed: Set<Tokenizer.Pair> = []
            for w in Set(holders.removeValue(forKey: best) ?? []) {
                let (new, removed, added) = Self.mergeSites(pieces[w], best, into: made)
                guard !removed.isEmpty else { continue }
                for p in removed {
                    pairCounts[p, default: 0] -= counts[w]
                    changed.insert(p)
                }
                for p in added {
                    pairCounts[p, default: 0] += counts[w]
                    changed.insert(p)
                    holders[p, default: []].append(w)
                }
                pieces[w] = new
            }
            for p in changed {
                let n = pairCounts[p] ?? 0
                if n <= 0 { pairCounts[p] = nil } else { heap.push(n, p) }
            }
        }
        return Tokenizer(kind: .bpe, lowercase: lowercase, tokens: tokens, merges: merges, alphabetCount: alphabet)
    }

    /// `piece` with every occurrence of `pair`, left to right, replaced by `token`, and the pairs that
    /// disappear and appear (each once per position, none with `<unk>`): the merged pair at each site, the
    /// pairs with its old neighbours, and the new token's pairs with its new neighbours. Only merge sites
    /// change, so this costs one pass over the piece, not a recount of all its pairs.
    static func mergeSites(_ piece: [Int32], _ pair: Tokenizer.Pair, into token: Int32)
        -> (merged: [Int32], removed: [Tokenizer.Pair], added: [Tokenizer.Pair]) {
        var out: [Int32] = []
        out.reserveCapacity(piece.count)
        var removed: [Tokenizer.Pair] = [], sites: [Int] = []
        var i = 0, lastSiteEnd = -2
        func note(_ list: inout [Tokenizer.Pair], _ l: Int32, _ r: Int32) {
            if l != Tokenizer.unknown && r != Tokenizer.unknown { list.append(Tokenizer.Pair(l, r)) }
        }
        while i < piece.count {
            if i + 1 < piece.count, piece[i] == pair.left, piece[i + 1] == pair.right {
                removed.append(pair)
                // The pair on the left was already removed as the right neighbour of a site just before.
                if i > 0 && lastSiteEnd != i - 1 { note(&removed, piece[i - 1], pair.left) }
                if i + 2 < piece.count { note(&removed, pair.right, piece[i + 2]) }
                sites.append(out.count)
                out.append(token)
                lastSiteEnd = i + 1
                i += 2
            } else {
                out.append(piece[i])
                i += 1
            }
        }
        var added: [Tokenizer.Pair] = []
        for j in sites {
            if j > 0 { note(&added, out[j - 1], token) }
            // A new token on the right is a site too: that pair is its left pair.
            if j + 1 < out.count, out[j + 1] != token { note(&added, token, out[j + 1]) }
        }
        return (out, removed, added)
    }

    /// `piece` with every occurrence of `pair`, left to right, replaced by `token`.
    static func merged(_ piece: [Int32], _ pair: Tokenizer.Pair, into token: Int32) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(piece.count)
        var i = 0
        while i < piece.count {
            if i + 1 < piece.count, piece[i] == pair.left, piece[i + 1] == pair.right {
                out.append(token)
                i += 2
            } else {
                out.append(piece[i])
                i += 1
            }
        }
        return out
    }
}

/// A max-heap of (count, pair), larger count first, then the smaller pair; entries whose count is stale
/// are dropped when they reach the top.
struct PairHeap {
    private var items: [(count: Int, pair: Tokenizer.Pair)] = []

    private static func before(_ a: (count: Int, pair: Tokenizer.Pair), _ b: (count: Int, pair: Tokenizer.Pair)) -> Bool {
        a.count != b.count ? a.count > b.count : a.pair < b.pair
    }

    mutating func push(_ count: Int, _ pair: Tokenizer.Pair) {
        items.append((count, pair))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.before(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    /// The best entry whose count is still `current[pair]`, removed; nil when none is left.
    mutating func popCurrent(_ current: [Tokenizer.Pair: Int]) -> (Int, Tokenizer.Pair)? {
        while let top = items.first {
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var best = i
                    if l < items.count, Self.before(items[l], items[best]) { best = l }
                    if r < items.count, Self.before(items[r], items[best]) { best = r }
                    if best == i { break }
                    items.swapAt(i, best)
                    i = best
                }
            }
            if current[top.pair] == top.count { return (top.count, top.pair) }
        }
        return nil
    }
}

extension Tokenizer {
    /// One word piece through the merges: its characters (unknown ones as `<unk>`), then, while any adjacent
    /// pair has a merge, every occurrence of the earliest-learned such pair joined.
    func encodePiece(_ piece: Substring) -> [Int32] {
        var ids = piece.unicodeScalars.map { characterIDs[$0] ?? Self.unknown }
        while ids.count >= 2 {
            var best: (rank: Int32, pair: Pair)?
            for i in 1..<ids.count {
                let p = Pair(ids[i - 1], ids[i])
                if let r = ranks[p], r < best?.rank ?? Int32.max { best = (r, p) }
            }
            guard let (rank, pair) = best else { break }
            ids = BytePairLearner.merged(ids, pair, into: Int32(alphabetCount) + rank)
        }
        return ids
    }
}
