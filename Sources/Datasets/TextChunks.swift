/// Cuts text into the pieces the word tokenizer counts and byte-pair merges stay inside.
///
/// A piece is a word (a run of letters, digits and combining marks), one ideograph (for the word tokenizer a
/// Chinese character is a word of its own, as Chinese puts no spaces between words; byte-pair merges, which
/// can find the words, see a run of ideographs as one piece), or one other character (punctuation, a
/// symbol, a newline, a space that no piece takes). A single space before a word or a punctuation mark
/// belongs to that piece (` the`, ` ,`), as in GPT-2's tokenizer, so joining the pieces gives the text
/// back exactly: `"The cat sat."` is `The`, ` cat`, ` sat`, `.`. A word longer than `maximumWordLength`
/// characters is cut into pieces of that length, so no piece (and no byte-pair merge's work on it) grows
/// with the file: a text without spaces or punctuation is not one huge piece.
public enum TextChunks {
    /// The most characters of a word in one piece.
    public static let maximumWordLength = 32

    /// The pieces of `text`, in order; their concatenation is `text`. O(characters).
    /// - Parameter ideographsApart: each ideograph is a piece of its own (else runs of them are words).
    public static func split(_ text: String, ideographsApart: Bool = true) -> [Substring] {
        let scalars = text.unicodeScalars
        var pieces: [Substring] = []
        var i = scalars.startIndex
        let end = scalars.endIndex
        while i < end {
            let start = i
            var c = scalars[i]
            if c == " " {
                let next = scalars.index(after: i)
                if next < end, !scalars[next].properties.isWhitespace {
                    i = next
                    c = scalars[i]
                }
            }
            if isWordCharacter(c) && !(ideographsApart && isIdeograph(c)) {
                var length = 0
                while i < end, length < maximumWordLength, isWordCharacter(scalars[i]), !(ideographsApart && isIdeograph(scalars[i])) {
                    i = scalars.index(after: i)
                    length += 1
                }
            } else {
                i = scalars.index(after: i)
            }
            pieces.append(Substring(scalars[start..<i]))
        }
        return pieces
    }

    /// A letter, digit or combining mark: part of a word.
    static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
        }
        let p = c.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// A CJK ideograph, a word of its own.
    static func isIdeograph(_ c: Unicode.Scalar) -> Bool { !c.isASCII && c.properties.isIdeographic }
}
