/// An RGB picture of 8-bit samples to draw into (for exporting charts and images as files).
public struct PixelCanvas: Hashable, Sendable {
    /// Pixels across.
    public let width: Int
    /// Pixels down.
    public let height: Int
    /// `(y * width + x) * 3 + channel`, red, green, blue.
    public private(set) var pixels: [UInt8]

    /// A canvas of `width` x `height` pixels (each at least 1) filled with `background`.
    public init(width: Int, height: Int, background: (r: UInt8, g: UInt8, b: UInt8) = (255, 255, 255)) {
        self.width = max(1, width)
        self.height = max(1, height)
        var pixels = [UInt8](repeating: 0, count: self.width * self.height * 3)
        for i in 0..<(self.width * self.height) {
            pixels[i * 3] = background.r
            pixels[i * 3 + 1] = background.g
            pixels[i * 3 + 2] = background.b
        }
        self.pixels = pixels
    }

    /// The colour at (`x`, `y`), or nil outside the canvas.
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8)? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// Sets one pixel; points outside the canvas are ignored.
    public mutating func set(x: Int, y: Int, _ color: (r: UInt8, g: UInt8, b: UInt8)) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * 3
        pixels[i] = color.r
        pixels[i + 1] = color.g
        pixels[i + 2] = color.b
    }

    /// Fills the rectangle at (`x`, `y`) of `w` x `h` pixels, clipped to the canvas.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ color: (r: UInt8, g: UInt8, b: UInt8)) {
        let x0 = max(0, x)
        let y0 = max(0, y)
        let x1 = min(width, x + max(0, w))
        let y1 = min(height, y + max(0, h))
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            for px in x0..<x1 { set(x: px, y: py, color) }
        }
    }

    /// A straight line from (`x0`, `y0`) to (`x1`, `y1`) (Bresenham), `thickness` pixels wide, clipped.
    public mutating func line(from p0: (x: Int, y: Int), to p1: (x: Int, y: Int), thickness: Int = 1,
                              _ color: (r: UInt8, g: UInt8, b: UInt8)) {
        let limit = 1 << 15
        var x = min(max(p0.x, -limit), limit)
        var y = min(max(p0.y, -limit), limit)
        let xEnd = min(max(p1.x, -limit), limit)
        let yEnd = min(max(p1.y, -limit), limit)
        let dx = abs(xEnd - x)
        let dy = -abs(yEnd - y)
        let sx = x < xEnd ? 1 : -1
        let sy = y < yEnd ? 1 : -1
        var error = dx + dy
        let half = max(1, thickness) / 2
        while true {
            fill(x: x - half, y: y - half, width: max(1, thickness), height: max(1, thickness), color)
            if x == xEnd && y == yEnd { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += sx
            }
            if doubled <= dx {
                error += dx
                y += sy
            }
        }
    }
}

extension PixelCanvas {
    /// Copies `other` with its top-left corner at (`x`, `y`), clipped to this canvas.
    public mutating func draw(_ other: PixelCanvas, x: Int, y: Int) {
        for oy in 0..<other.height where y + oy >= 0 && y + oy < height {
            for ox in 0..<other.width where x + ox >= 0 && x + ox < width {
                let i = (oy * other.width + ox) * 3
                set(x: x + ox, y: y + oy, (other.pixels[i], other.pixels[i + 1], other.pixels[i + 2]))
            }
        }
    }

    /// This canvas under a band holding `title` (centred; twice the font's size when that fits the
    /// canvas's width), widened to the title's width when that is wider; itself when `title` is empty.
    public func titled(_ title: String, margin: Int = 4) -> PixelCanvas {
        guard !title.isEmpty else { return self }
        // A title past 120 characters (a long file name) is cut, so it cannot make the picture huge.
        let title = title.count > 120 ? String(title.prefix(119)) + "." : title
        let scale = BitmapFont.width(of: title, scale: 2) + 2 * margin <= width ? 2 : 1
        let titleWidth = BitmapFont.width(of: title, scale: scale)
        let band = PixelCanvas.textHeight(scale: scale) + 2 * margin
        var result = PixelCanvas(width: max(width, titleWidth + 2 * margin), height: height + band)
        result.text(title, anchor: .center, x: result.width / 2, y: margin, scale: scale, (20, 20, 20))
        result.draw(self, x: (result.width - width) / 2, y: band)
        return result
    }

    /// Black or white, whichever reads better on `background`.
    public static func ink(on background: (r: UInt8, g: UInt8, b: UInt8)) -> (r: UInt8, g: UInt8, b: UInt8) {
        let luminance = 299 * Int(background.r) + 587 * Int(background.g) + 114 * Int(background.b)
        return luminance < 128_000 ? (255, 255, 255) : (0, 0, 0)
    }
}
