// Text in exported pictures: lines of the ``BitmapFont`` drawn pixel by pixel.
extension PixelCanvas {
    /// Where a line of text sits on its anchor's x.
    public enum TextAnchor: Sendable { case left, center, right }

    /// Draws `text` in one line with its top-left corner at (`x`, `y`), each font pixel a
    /// `scale` x `scale` square; pixels outside the canvas are dropped. Returns the x just past the text.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, scale: Int = 1, _ color: (r: UInt8, g: UInt8, b: UInt8)) -> Int {
        let s = max(1, scale)
        var originX = x
        for character in text {
            let rows = BitmapFont.glyph(character)
            for (row, bits) in rows.enumerated() where bits != 0 {
                for column in 0..<BitmapFont.glyphWidth where bits & UInt8(1 << (BitmapFont.glyphWidth - 1 - column)) != 0 {
                    fill(x: originX + column * s, y: y + row * s, width: s, height: s, color)
                }
            }
            originX += BitmapFont.advance * s
        }
        return originX
    }

    /// Draws `text` anchored at `x` (its left end, middle or right end), cut to the characters that
    /// fit in `maxWidth` pixels when given.
    public mutating func text(_ text: String, anchor: TextAnchor, x: Int, y: Int, scale: Int = 1, maxWidth: Int? = nil,
                              _ color: (r: UInt8, g: UInt8, b: UInt8)) {
        let shown = maxWidth.map { PixelCanvas.fitting(text, width: $0, scale: scale) } ?? text
        let width = BitmapFont.width(of: shown, scale: scale)
        let left = switch anchor {
        case .left: x
        case .center: x - width / 2
        case .right: x - width
        }
        self.text(shown, x: left, y: y, scale: scale, color)
    }

    /// The longest prefix of `text` whose glyphs fit in `width` pixels at `scale`.
    public static func fitting(_ text: String, width: Int, scale: Int = 1) -> String {
        let s = max(1, scale)
        let count = max(0, (width + s) / (BitmapFont.advance * s))
        return text.count <= count ? text : String(text.prefix(count))
    }

    /// Pixels down one line of text at `scale`.
    public static func textHeight(scale: Int = 1) -> Int { BitmapFont.glyphHeight * max(1, scale) }
}
