// "Did you mean ...?" suggestions.
//
// Candidates are ranked by Damerau-Levenshtein distance (optimal string
// alignment: insertions, deletions, substitutions and swaps of two adjacent
// characters each cost 1), compared case-insensitively. A candidate that
// contains the typed word (or is contained in it) is also accepted, ranked
// after close spellings, so that `crossentropy` still finds a loss; among
// those, a candidate that starts with the typed word comes first.

public enum Suggestions {
    /// Edit distance with adjacent transpositions (optimal string alignment).
    public static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a.lowercased())
        let t = Array(b.lowercased())
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var row = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            row[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    best = min(best, previous2[j - 2] + 1)
                }
                row[j] = best
            }
            previous2 = previous
            previous = row
        }
        return previous[t.count]
    }

    /// The most plausible candidate for `word`, or nil when none is close.
    ///
    /// - Parameter preferred: wins ties (used for a parameter's default value).
    public static func best(for word: String, among candidates: [String], preferred: String? = nil) -> String? {
        let typed = word.lowercased()
        guard !typed.isEmpty else { return nil }
        let threshold = max(1, typed.count / 3)
        var best: (score: Int, prefix: Int, distance: Int, preferred: Bool, index: Int, candidate: String)?
        for (index, candidate) in candidates.enumerated() {
            let lowered = candidate.lowercased()
            guard lowered != typed else { continue }
            let d = distance(typed, lowered)
            let score: Int
            if d <= threshold {
                score = d
            } else if (typed.count >= 3 && lowered.contains(typed)) || (lowered.count >= 3 && typed.contains(lowered)) {
                score = threshold + 1
            } else {
                continue
            }
            let isPreferred = preferred?.lowercased() == lowered
            // Among containment matches, one the word begins is nearer
            // (`categorical` -> categorical_crossentropy before sparse_...).
            let prefix = d <= threshold || lowered.hasPrefix(typed) || typed.hasPrefix(lowered) ? 0 : 1
            let key = (score: score, prefix: prefix, distance: d, preferred: isPreferred, index: index, candidate: candidate)
            if let current = best {
                if (key.score, key.prefix, key.preferred ? 0 : 1, key.distance, key.index)
                    < (current.score, current.prefix, current.preferred ? 0 : 1, current.distance, current.index) {
                    best = key
                }
            } else {
                best = key
            }
        }
        return best?.candidate
    }
}
