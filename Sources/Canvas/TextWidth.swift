/// Horizontal alignment of text inside a fixed width.
public enum TextAlignment: Hashable, Sendable {
    case left, center, right
}

/// Terminal display width of text, without the C library's `wcwidth`.
///
/// The rule is deliberately small: control characters and lone combining or
/// format characters are 0 columns wide; East Asian wide/fullwidth characters
/// and emoji-presentation graphemes are 2; everything else is 1. Swift's
/// `Character` already groups combining marks with their base.
public enum TextWidth {
    /// Columns taken by one grapheme.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let v = first.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        if isWide(v) { return 2 }
        let zeroWidth = scalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: true
            default: false
            }
        }
        return zeroWidth ? 0 : 1
    }

    /// Columns taken by a string.
    public static func of(_ string: some StringProtocol) -> Int {
        var total = 0
        for character in string { total += of(character) }
        return total
    }

    /// `string` cut to at most `width` columns, ending in `ellipsis` when anything was cut.
    /// If even the ellipsis does not fit, the text is cut without it.
    public static func truncate(_ string: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(string) <= width { return string }
        let ellipsisWidth = of(ellipsis)
        let budget = ellipsisWidth <= width ? width - ellipsisWidth : width
        var result = ""
        var used = 0
        for character in string {
            let w = of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        return ellipsisWidth <= width ? result + ellipsis : result
    }

    /// `string` truncated to `width` and padded with spaces to exactly `width` columns.
    public static func pad(_ string: String, to width: Int, alignment: TextAlignment = .left,
                           ellipsis: String = "…") -> String {
        let text = truncate(string, to: width, ellipsis: ellipsis)
        let gap = max(0, width - of(text))
        switch alignment {
        case .left: return text + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + text
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
        }
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
