import Canvas
import Datasets

/// Output blocks drawn into pixels for files: what `export FILE.png` writes and the pictures of the HTML
/// and notebook handouts (`save transcript FILE.html|FILE.ipynb`). Charts get their title, axis numbers,
/// x label and legend; image grids their title and a caption under each picture (green right, red wrong);
/// heat maps their title, class labels beside the rows and above the columns, and their numbers in the
/// cells when the text shows them (a confusion matrix); attention maps their title, heads side by side.
struct BlockPicture {
    /// Chart size in pixels.
    var chartWidth = 640
    var chartHeight = 400
    /// Pixels per image pixel or heat map cell; nil: the factor that brings the picture to about ``targetSide``.
    var scale: Int?

    /// The side an image grid or heat map is enlarged to, about, when no scale is given.
    static let targetSide = 400
    /// Most pixels a picture may have before its labels (4096 x 4096).
    static let maximumPixels = 4096 * 4096

    /// Whether `block` has a picture.
    static func hasPicture(_ block: OutputBlock) -> Bool {
        switch block {
        case .chart, .heatmap, .images, .overlay, .attention: true
        default: false
        }
    }

    /// The size of the picture's pixels at scale 1 (charts: nil, they are drawn at their size).
    static func natural(_ block: OutputBlock) -> (width: Int, height: Int)? {
        switch block {
        case .heatmap(let heatmap):
            return (max(1, heatmap.values.map(\.count).max() ?? 0), max(1, heatmap.values.count))
        case .images, .overlay:
            let images = pictures(block)
            let columns = self.columns(images.count)
            let side = images.map { max($0.width, $0.height) }.max() ?? 1
            return (columns * (side + ImageRaster.spacing), ((images.count + columns - 1) / columns) * (side + ImageRaster.spacing))
        case .attention(let attention):
            let values = attentionValues(attention)
            return (max(1, values.map(\.count).max() ?? 0), max(1, values.count))
        default:
            return nil
        }
    }

    /// `scale`, or the factor that brings `natural` to about ``targetSide``.
    func resolvedScale(natural: (width: Int, height: Int)) -> Int {
        scale ?? max(1, Self.targetSide / max(1, natural.width, natural.height))
    }

    /// Whether the picture at `scale` stays within ``maximumPixels`` (and 8192 pixels a side).
    static func fits(natural: (width: Int, height: Int), scale: Int) -> (fits: Bool, width: Int, height: Int) {
        let (wide, o1) = natural.width.multipliedReportingOverflow(by: scale)
        let (tall, o2) = natural.height.multipliedReportingOverflow(by: scale)
        let (area, o3) = wide.multipliedReportingOverflow(by: tall)
        return (!o1 && !o2 && !o3 && area <= maximumPixels && wide <= 8192 && tall <= 8192, wide, tall)
    }

    /// The picture of `block`; nil for blocks without one or too large to draw.
    func canvas(_ block: OutputBlock) -> PixelCanvas? {
        if case .chart(let chart) = block {
            return ChartRaster.render(BlockRenderer().lineChart(chart), width: chartWidth, height: chartHeight,
                                      title: chart.title, xLabel: chart.xLabel)
        }
        guard let natural = Self.natural(block) else { return nil }
        let scale = resolvedScale(natural: natural)
        guard Self.fits(natural: natural, scale: scale).fits else { return nil }
        switch block {
        case .heatmap(let heatmap):
            let finite = heatmap.values.flatMap { $0 }.filter(\.isFinite)
            let integral = finite.allSatisfy { abs($0) < 1e15 && Double(Int($0)) == $0 }
            let cells = heatmap.showValues ? heatmap.values.map { $0.map { HeatmapValueTable.format($0, integral: integral) } } : []
            let labels = ImageRaster.MatrixLabels(rows: heatmap.rowLabels, columns: heatmap.columnLabels, cells: cells)
            return ImageRaster.heatmap(heatmap.values, ramp: heatmap.centeredAtZero ? .diverging : .viridis,
                                       centeredAtZero: heatmap.centeredAtZero, scale: scale, labels: labels)
                .titled(heatmap.title ?? "")
        case .images, .overlay:
            let images = Self.pictures(block)
            let canvas = ImageRaster.grid(images, captions: Self.captions(block), columns: Self.columns(images.count), scale: scale)
            return canvas.titled(Self.title(block))
        case .attention(let attention):
            return ImageRaster.heatmap(Self.attentionValues(attention), ramp: .viridis, centeredAtZero: false, scale: scale)
                .titled(attention.title ?? "")
        default:
            return nil
        }
    }

    /// The canvas as PNG bytes (RGB, 8 bits).
    static func png(_ canvas: PixelCanvas) throws(DatasetError) -> [UInt8] {
        try ImageEncoder.png(try DecodedImage(width: canvas.width, height: canvas.height, channels: 3, pixels: canvas.pixels))
    }

    /// Tiles per row of an image grid: about square.
    static func columns(_ count: Int) -> Int {
        var columns = 1
        while columns * columns < count { columns += 1 }
        return columns
    }

    /// The pictures of an image grid or of heat overlays (the heat blended in).
    static func pictures(_ block: OutputBlock) -> [PixelImage] {
        switch block {
        case .images(let grid):
            return grid.images.map(BlockRenderer.pixelImage)
        case .overlay(let overlay):
            let widget = BlockRenderer().heatmapOverlay(overlay)
            return widget.items.map(widget.blendedPicture)
        default:
            return []
        }
    }

    /// The caption under each picture, green for a right prediction and red for a wrong one.
    static func captions(_ block: OutputBlock) -> [ImageRaster.Caption] {
        let images: [ImageGridBlock.Image] = switch block {
        case .images(let grid): grid.images
        case .overlay(let overlay): overlay.items.map(\.image)
        default: []
        }
        return images.map { image in
            switch image.verdict {
            case .none: ImageRaster.Caption(image.caption)
            case .right: ImageRaster.Caption(image.caption, color: (30, 130, 50))
            case .wrong: ImageRaster.Caption("x " + image.caption, color: (192, 40, 40))
            }
        }
    }

    private static func title(_ block: OutputBlock) -> String {
        switch block {
        case .images(let grid): grid.title ?? ""
        case .overlay(let overlay): overlay.title ?? ""
        default: ""
        }
    }

    /// The heads side by side, one blank (NaN) column between them.
    static func attentionValues(_ attention: AttentionBlock) -> [[Double]] {
        let matrices = attention.panels.map(\.weights)
        let rows = matrices.map(\.count).max() ?? 0
        return (0..<rows).map { r in
            matrices.enumerated().flatMap { i, m in (i == 0 ? [] : [Double.nan]) + (r < m.count ? m[r] : []) }
        }
    }
}
