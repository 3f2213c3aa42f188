/// Draws a ``PixelImage``: one column per pixel and two pixel rows per cell.
///
/// With colour and Unicode glyphs each cell is an upper half block `▀` whose
/// foreground is the upper pixel and background the lower one. Otherwise each
/// cell is a character of the ramp `" .:-=+*#%@"` for the mean brightness of
/// its pixel pair (coloured by the pair's mean when colour is on).
public struct ImageView: Widget {
    /// How an image larger than the area is handled.
    public enum Scaling: Hashable, Sendable {
        /// Draw at 1:1 and clip at the area's edges.
        case clip
        /// Scale down (keeping the aspect ratio) to fit the area.
        case fit(ResampleMethod)
    }

    /// The image.
    public var image: PixelImage
    /// Clip or scale to fit; default `.fit(.box)`.
    public var scaling: Scaling
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Creates an image view.
    public init(_ image: PixelImage, scaling: Scaling = .fit(.box), options: RenderOptions = .unicode) {
        self.image = image
        self.scaling = scaling
        self.options = options
    }

    /// Cells needed at 1:1: `width` columns, `ceil(height / 2)` rows.
    public var naturalSize: Size { Size(width: image.width, height: (image.height + 1) / 2) }

    /// The image as it will be drawn into an area of `size` cells.
    public func displayedImage(for size: Size) -> PixelImage {
        switch scaling {
        case .clip: image
        case let .fit(method): image.fitted(maxWidth: size.width, maxHeight: size.height * 2, method: method)
        }
    }

    /// Draws the image at the top-left of `area`.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, image.width > 0, image.height > 0 else { return }
        let shown = displayedImage(for: area.size)
        if options.color && options.glyphs == .unicode {
            HalfBlockPainter.paint(into: &grid, at: (area.x, area.y), clip: area,
                                   width: shown.width, pixelHeight: shown.height) { x, y in
                shown.color(x: x, y: y)
            }
            return
        }
        for row in 0..<min(area.height, (shown.height + 1) / 2) {
            for column in 0..<min(area.width, shown.width) {
                let upper = 2 * row, lower = min(2 * row + 1, shown.height - 1)
                let brightness = (shown.luminance(x: column, y: upper) + shown.luminance(x: column, y: lower)) / 2
                var style = Style.plain
                if options.color {
                    let a = shown.rgb(x: column, y: upper), b = shown.rgb(x: column, y: lower)
                    func byte(_ u: Float, _ v: Float) -> UInt8 { Rounding.byte(Double(u + v) / 2) }
                    style.foreground = .rgb(byte(a.r, b.r), byte(a.g, b.g), byte(a.b, b.b))
                }
                grid[area.x + column, area.y + row] = Cell(HalfBlockPainter.rampCharacter(Double(brightness)), style: style)
            }
        }
    }
}
