// Sizing an image grid's tiles to the space it has.

extension ImageGrid {
    /// Text rows one image may take at 80 columns; the cap scales with the width
    /// (about 7 rows at 40 columns, 21 at 120), so a 150x150 photo never fills the screen.
    public static let imageRowsAt80Columns = 14
    /// Fewest text rows the cap goes down to on a narrow screen.
    public static let minimumImageRows = 3
    /// Widest a tile is widened to make room for its caption.
    public static let maximumCaptionWidening = 20

    /// The most text rows one image may take in an area `width` columns wide.
    public static func maximumImageRows(forWidth width: Int) -> Int {
        max(minimumImageRows, width * imageRowsAt80Columns / 80)
    }

    /// The tile (in cells) that shows every item scaled down, keeping its aspect ratio, to at most
    /// `width` columns and ``maximumImageRows(forWidth:)`` rows (two pixel rows per cell). Images are
    /// never enlarged. A tile is widened, up to ``maximumCaptionWidening`` columns and never past
    /// `width`, so that short captions are not cut.
    public func fittedTile(forWidth width: Int) -> Size {
        let width = max(1, width)
        let maxPixelHeight = 2 * Self.maximumImageRows(forWidth: width)
        var tile = Size(width: 0, height: 0)
        for item in items where item.image.width > 0 && item.image.height > 0 {
            let fit = Resampler.fit(width: item.image.width, height: item.image.height,
                                    maxWidth: width, maxHeight: maxPixelHeight)
            tile.width = max(tile.width, fit.width)
            tile.height = max(tile.height, (fit.height + 1) / 2)
        }
        let widestCaption = items.map { TextWidth.of($0.caption) }.max() ?? 0
        let captionWidth = min(widestCaption, Self.maximumCaptionWidening, width)
        tile.width = max(tile.width, captionWidth)
        return tile
    }

    /// The grid with ``tileSize`` set by ``fittedTile(forWidth:)``.
    public func fitted(toWidth width: Int) -> ImageGrid {
        var grid = self
        grid.tileSize = fittedTile(forWidth: width)
        return grid
    }
}
