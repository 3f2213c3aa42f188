/// Lays out several images in tiles, left to right and wrapping to new rows,
/// with a caption (e.g. the label) centred under each, on two rows when wider than the tile.
public struct ImageGrid: Widget {
    /// An image with its caption.
    public struct Item: Hashable, Sendable {
        /// The picture.
        public var image: PixelImage
        /// Text under the picture, e.g. the label or "7 (pred 1)".
        public var caption: String
        /// Caption style, e.g. red for a wrong prediction.
        public var captionStyle: Style

        /// Creates a tile.
        public init(image: PixelImage, caption: String = "", captionStyle: Style = .plain) {
            self.image = image
            self.caption = caption
            self.captionStyle = captionStyle
        }
    }

    /// The tiles in order.
    public var items: [Item]
    /// Size in cells of each tile's image part; `nil` uses the largest image's natural size.
    /// Images are scaled down (box filter) to fit it.
    public var tileSize: Size?
    /// Blank columns between tiles.
    public var spacing: Int
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Creates an image grid.
    public init(items: [Item], tileSize: Size? = nil, spacing: Int = 1, options: RenderOptions = .unicode) {
        self.items = items
        self.tileSize = tileSize
        self.spacing = max(0, spacing)
        self.options = options
    }

    /// The image part of one tile, in cells.
    public var tile: Size {
        if let tileSize { return tileSize }
        let sizes = items.map { ImageView($0.image).naturalSize }
        return Size(width: sizes.map(\.width).max() ?? 0, height: sizes.map(\.height).max() ?? 0)
    }

    /// Rows under each tile for its caption: two when a caption is wider than the tile (``CaptionLines``).
    public var captionRows: Int { CaptionLines.rows(items.map(\.caption), width: tile.width) }

    /// Tiles per row in an area `width` columns wide (at least 1).
    public func columns(forWidth width: Int) -> Int {
        let step = tile.width + spacing
        guard step > 0 else { return 1 }
        return max(1, min(items.count, (width + spacing) / step))
    }

    /// Cells needed to show every item in an area `width` columns wide.
    public func size(fittingWidth width: Int) -> Size {
        guard !items.isEmpty else { return Size(width: 0, height: 0) }
        let perRow = columns(forWidth: width)
        let rows = (items.count + perRow - 1) / perRow
        return Size(width: perRow * tile.width + (perRow - 1) * spacing, height: rows * (tile.height + captionRows))
    }

    /// Draws as many tiles as fit, row by row, into `area`.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, !items.isEmpty else { return }
        let tile = self.tile
        let perRow = columns(forWidth: area.width)
        let ellipsis = options.glyphs.ellipsis
        let captionRows = self.captionRows
        for (index, item) in items.enumerated() {
            let x = area.x + (index % perRow) * (tile.width + spacing)
            let y = area.y + (index / perRow) * (tile.height + captionRows)
            if y >= area.maxY { break }
            let imageRect = Rect(x: x, y: y, width: tile.width, height: tile.height).intersection(area)
            let fitted = item.image.fitted(maxWidth: tile.width, maxHeight: tile.height * 2)
            let view = ImageView(fitted, scaling: .clip, options: options)
            let size = view.naturalSize
            let offsetX = max(0, (tile.width - size.width) / 2)
            let placed = Rect(x: x + offsetX, y: y, width: size.width, height: size.height).intersection(imageRect)
            view.draw(into: &grid, area: placed)
            let captionRect = Rect(x: x, y: y + tile.height, width: tile.width, height: captionRows).intersection(area)
            CaptionLines.draw(item.caption, into: &grid, area: captionRect, style: options.tint(item.captionStyle), ellipsis: ellipsis)
        }
    }
}
