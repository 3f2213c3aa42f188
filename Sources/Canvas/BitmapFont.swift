/// A small bitmap font for writing labels into exported pictures: printable ASCII (space to `~`), each
/// glyph 5 pixels wide and 7 tall, drawn one column apart. Other characters are drawn as their nearest
/// ASCII stand-in (`×` as `x`, `−` as `-`, `…` as `.`) or as `?`.
///
/// Each glyph is 7 rows of 5 bits, the top row first and the leftmost pixel in bit 4, written as 14 hex
/// digits (two per row): `A` is `0E11111F111111`, a rounded top, two sides and a bar in the middle.
public enum BitmapFont {
    /// Pixels across one glyph.
    public static let glyphWidth = 5
    /// Pixels down one glyph.
    public static let glyphHeight = 7
    /// Pixels from one glyph's left edge to the next one's.
    public static let advance = 6

    /// The glyphs of ASCII 32...126, in order.
    static let table: [String] = [
        "00000000000000", "04040404040004", "0A0A0A00000000", "0A0A1F0A1F0A0A", "040F140E051E04", "18190204081303", "0C12140815120D", "04040400000000",
        "02040808080402", "08040202020408", "0004150E150400", "0004041F040400", "000000000C0408", "0000001F000000", "00000000000C0C", "01010204081010",
        "0E11131519110E", "040C040404040E", "0E11010204081F", "1F02040201110E", "02060A121F0202", "1F101E0101110E", "0608101E11110E", "1F010204080808",
        "0E11110E11110E", "0E11110F01020C", "000C0C000C0C00", "000C0C000C0408", "02040810080402", "00001F001F0000", "08040201020408", "0E110102040004",
        "0E11010D15150E", "0E11111F111111", "1E11111E11111E", "0E11101010110E", "1C12111111121C", "1F10101E10101F", "1F10101E101010", "0E11101711110F",
        "1111111F111111", "0E04040404040E", "0702020202120C", "11121418141211", "1010101010101F", "111B1515111111", "11111915131111", "0E11111111110E",
        "1E11111E101010", "0E11111115120D", "1E11111E141211", "0F10100E01011E", "1F040404040404", "1111111111110E", "11111111110A04", "1111111515150A",
        "11110A040A1111", "11110A04040404", "1F01020408101F", "0E08080808080E", "10100804020101", "0E02020202020E", "040A1100000000", "0000000000001F",
        "08040200000000", "00000E010F110F", "1010161911111E", "00000E1010110E", "01010D1311110F", "00000E111F100E", "0609081C080808", "000F11110F010E",
        "10101619111111", "04000C0404040E", "0200060202120C", "10101214181412", "0C04040404040E", "00001A15151111", "00001619111111", "00000E1111110E",
        "00001E111E1010", "00000D130F0101", "00001619101010", "00000E100E011E", "08081C08080906", "0000111111130D", "00001111110A04", "0000111115150A",
        "0000110A040A11", "000011110F010E", "00001F0204081F", "02040408040402", "04040404040404", "08040402040408", "00000815020000",
    ]

    /// Rows of the glyphs, decoded once: `rows[c - 32][y]`, bit 4 the leftmost pixel.
    static let rows: [[UInt8]] = table.map { hex in
        let digits = Array(hex.utf8)
        return (0..<glyphHeight).map { y in UInt8(hexValue(digits[2 * y]) << 4 | hexValue(digits[2 * y + 1])) }
    }

    private static func hexValue(_ digit: UInt8) -> Int {
        digit >= 65 ? Int(digit) - 55 : Int(digit) - 48
    }

    /// The 7 rows of the glyph drawn for `character`.
    public static func glyph(_ character: Character) -> [UInt8] {
        rows[index(of: character)]
    }

    /// Whether pixel (`x`, `y`) of the glyph for `character` is set (outside the glyph: false).
    public static func isSet(_ character: Character, x: Int, y: Int) -> Bool {
        guard x >= 0, x < glyphWidth, y >= 0, y < glyphHeight else { return false }
        return glyph(character)[y] & UInt8(1 << (glyphWidth - 1 - x)) != 0
    }

    /// Pixels across `text` at `scale` (no trailing column).
    public static func width(of text: String, scale: Int = 1) -> Int {
        let count = text.count
        return count == 0 ? 0 : (count * advance - 1) * max(1, scale)
    }

    /// The table index of the glyph for `character`.
    static func index(of character: Character) -> Int {
        if let ascii = character.asciiValue, ascii >= 32, ascii <= 126 { return Int(ascii) - 32 }
        let standIn: Character = switch character {
        case "×": "x"
        case "−", "–", "—", "─": "-"
        case "…", "·", "•": "."
        case "‘", "’": "'"
        case "“", "”": "\""
        case "≤": "<"
        case "≥": ">"
        default: "?"
        }
        return Int(standIn.asciiValue ?? 63) - 32
    }
}
