/// Heat maps laid over the pictures they explain (saliency, Grad-CAM, attention), in tiles with a
/// caption under each and a colour scale under all.
///
/// With colour and Unicode glyphs each tile is the picture in half blocks with the heat blended over it:
/// a pixel's colour is `(1 - a) * picture + a * ramp(heat)`, with `a` growing with the heat (see
/// ``opacity(for:)``), so cold parts show the picture and hot parts the ramp's colour. The default ramp,
/// ``ColorRamp/overlayHeat``, runs blue, cyan, green, yellow, red: colours the 256- and 16-colour palettes
/// have, so the heat survives their approximation. Without colour, or with ASCII glyphs, a tile is the
/// picture and the heat side by side, each as the character ramp `" .:-=+*#%@"` (the heat's characters
/// coloured by the ramp when colour is on).
public struct HeatmapOverlay: Widget {
    /// A picture with its heat map and caption.
    public struct Item: Hashable, Sendable {
        /// The picture.
        public var image: PixelImage
        /// Heat per pixel in [0, 1], row-major, `image.width * image.height` values (others are ignored).
        public var heat: [Float]
        /// Text under the tile, e.g. "circle 97%".
        public var caption: String
        /// Caption style, e.g. green for a right prediction, red for a wrong one.
        public var captionStyle: Style

        /// Creates a tile.
        public init(image: PixelImage, heat: [Float], caption: String = "", captionStyle: Style = .plain) {
            self.image = image
            self.heat = heat
            self.caption = caption
            self.captionStyle = captionStyle
        }

        /// The heat as a one-channel image of the picture's size (zeros when the count does not match).
        var heatImage: PixelImage {
            let count = image.width * image.height
            let values = heat.count == count ? heat.map { $0.isFinite ? min(1, max(0, $0)) : 0 } : [Float](repeating: 0, count: count)
            return PixelImage(grayscale: values, width: image.width, height: image.height)
        }
    }

    /// The tiles in order.
    public var items: [Item]
    /// Colours of the heat, cold (0) to hot (1).
    public var ramp: ColorRamp
    /// Whether to draw a `low ... high` colour scale under the tiles.
    public var showScale: Bool
    /// Size in cells of each picture; `nil` fits the pictures to the width (see ``fittedTile(forWidth:)``).
    public var tileSize: Size?
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Blank columns between tiles, and between picture and heat when they sit side by side.
    public static let spacing = 1

    /// Creates an overlay.
    public init(items: [Item], ramp: ColorRamp = .overlayHeat, showScale: Bool = true, tileSize: Size? = nil,
                options: RenderOptions = .unicode) {
        self.items = items
        self.ramp = ramp
        self.showScale = showScale
        self.tileSize = tileSize
        self.options = options
    }

    /// True when the heat is blended into the picture; false when they are drawn side by side.
    public var blends: Bool { options.color && options.glyphs == .unicode }

    /// The picture part of a tile, in cells: the pictures scaled down to fit (never enlarged), at most
    /// ``ImageGrid/maximumImageRows(forWidth:)`` rows for the whole width; side by side, each of the two
    /// takes at most half the width.
    public func fittedTile(forWidth width: Int) -> Size {
        if let tileSize { return tileSize }
        let pictureWidth = blends ? width : max(1, (width - Self.spacing) / 2)
        let maxPixelHeight = 2 * ImageGrid.maximumImageRows(forWidth: max(1, width))
        var tile = Size(width: 0, height: 0)
        for item in items where item.image.width > 0 && item.image.height > 0 {
            let fit = Resampler.fit(width: item.image.width, height: item.image.height, maxWidth: pictureWidth, maxHeight: maxPixelHeight)
            tile.width = max(tile.width, fit.width)
            tile.height = max(tile.height, (fit.height + 1) / 2)
        }
        return tile
    }

    /// Columns of one tile: the picture, or picture and heat side by side; at least the caption's width.
    func tileWidth(_ tile: Size) -> Int {
        let pictures = blends ? tile.width : 2 * tile.width + Self.spacing
        let caption = min(items.map { TextWidth.of($0.caption) }.max() ?? 0, ImageGrid.maximumCaptionWidening)
        return max(pictures, caption)
    }

    /// Tiles per row in an area `width` columns wide (at least 1).
    func columns(forWidth width: Int, tile: Size) -> Int {
        let step = tileWidth(tile) + Self.spacing
        return max(1, min(items.count, (width + Self.spacing) / max(1, step)))
    }

    /// Cells needed to show every tile (and the scale) in an area `width` columns wide.
    public func size(fittingWidth width: Int) -> Size {
        guard !items.isEmpty else { return Size(width: 0, height: 0) }
        let tile = fittedTile(forWidth: width)
        let perRow = columns(forWidth: width, tile: tile)
        let rows = (items.count + perRow - 1) / perRow
        let tilesWidth = perRow * tileWidth(tile) + (perRow - 1) * Self.spacing
        let captionRows = CaptionLines.rows(items.map(\.caption), width: tileWidth(tile))
        return Size(width: min(width, tilesWidth), height: rows * (tile.height + captionRows) + (showScale ? 1 : 0))
    }

    /// Draws as many tiles as fit, row by row, then the scale.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, !items.isEmpty else { return }
        let tile = fittedTile(forWidth: area.width)
        let width = tileWidth(tile)
        let perRow = columns(forWidth: area.width, tile: tile)
        var bottom = area.y
        let captionRows = CaptionLines.rows(items.map(\.caption), width: width)
        for (index, item) in items.enumerated() {
            let x = area.x + (index % perRow) * (width + Self.spacing)
            let y = area.y + (index / perRow) * (tile.height + captionRows)
            if y >= area.maxY { break }
            let picture = item.image.fitted(maxWidth: tile.width, maxHeight: tile.height * 2)
            let heat = item.heatImage.resized(width: picture.width, height: picture.height)
            let used = blends ? picture.width : 2 * picture.width + Self.spacing
            let left = x + max(0, (width - used) / 2)
            let tileArea = Rect(x: x, y: y, width: width, height: tile.height).intersection(area)
            if blends {
                paintBlended(picture, heat: heat, into: &grid, at: (left, y), clip: tileArea)
            } else {
                paintRamp(picture, into: &grid, at: (left, y), clip: tileArea) { x, y in (Double(picture.luminance(x: x, y: y)), nil) }
                paintRamp(heat, into: &grid, at: (left + picture.width + Self.spacing, y), clip: tileArea) { x, y in
                    let t = Double(heat.pixels[y * heat.width + x])
                    return (t, ramp.color(at: t))
                }
            }
            let captionRect = Rect(x: x, y: y + tile.height, width: width, height: captionRows).intersection(area)
            CaptionLines.draw(item.caption, into: &grid, area: captionRect, style: options.tint(item.captionStyle),
                              ellipsis: options.glyphs.ellipsis)
            bottom = max(bottom, y + tile.height + captionRows)
        }
        if showScale, bottom < area.maxY {
            drawScale(into: &grid, row: Rect(x: area.x, y: bottom, width: area.width, height: 1))
        }
    }

    /// The picture with the heat blended in, two pixel rows per cell.
    private func paintBlended(_ picture: PixelImage, heat: PixelImage, into grid: inout Grid, at origin: (x: Int, y: Int), clip: Rect) {
        HalfBlockPainter.paint(into: &grid, at: origin, clip: clip, width: picture.width, pixelHeight: picture.height) { x, y in
            blended(picture.rgb(x: x, y: y), heat: Double(heat.pixels[y * heat.width + x]))
        }
    }

    /// One character of the ramp per cell for the mean of its two pixel rows' values, coloured when asked.
    private func paintRamp(_ image: PixelImage, into grid: inout Grid, at origin: (x: Int, y: Int), clip: Rect,
                           value: (Int, Int) -> (Double, CanvasColor?)) {
        for row in 0..<(image.height + 1) / 2 {
            for column in 0..<image.width {
                let cellX = origin.x + column
                let cellY = origin.y + row
                guard clip.contains(x: cellX, y: cellY) else { continue }
                let upper = value(column, 2 * row)
                let lower = value(column, min(2 * row + 1, image.height - 1))
                let mean = (upper.0 + lower.0) / 2
                let color = upper.1 == nil ? nil : ramp.color(at: mean)
                grid[cellX, cellY] = Cell(HalfBlockPainter.rampCharacter(mean), style: Style(foreground: options.tint(color)))
            }
        }
    }
}
