/// Image grids and heat maps drawn into pixels for a file, each source pixel or matrix cell
/// enlarged to a `scale` x `scale` square.
public enum ImageRaster {
    /// Blank pixels between images and around the edge.
    public static let spacing = 4

    /// `images` in rows of `columns` tiles (the largest image's size) on white, each pixel a
    /// `scale`-pixel square.
    public static func grid(_ images: [PixelImage], columns: Int, scale: Int) -> PixelCanvas {
        grid(images, captions: [], columns: columns, scale: scale)
    }

    /// A matrix (`values[row][column]`, ragged rows padded with NaN, drawn white) coloured by
    /// `ramp` over its finite range (symmetric about zero when `centeredAtZero`).
    public static func heatmap(_ values: [[Double]], ramp: ColorRamp, centeredAtZero: Bool, scale: Int) -> PixelCanvas {
        let scale = max(1, scale)
        let columns = values.map(\.count).max() ?? 0
        var canvas = PixelCanvas(width: max(1, columns * scale), height: max(1, values.count * scale))
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 0
        if centeredAtZero {
            let m = max(abs(low), abs(high))
            low = -m
            high = m
        }
        for (r, row) in values.enumerated() {
            for (c, value) in row.enumerated() where value.isFinite {
                let (red, green, blue) = ramp.color(for: value, in: low...high).rgbComponents
                canvas.fill(x: c * scale, y: r * scale, width: scale, height: scale, (red, green, blue))
            }
        }
        return canvas
    }

    static func byte(_ v: Float) -> UInt8 { Rounding.byte(Double(v)) }
}
