// Image grids and heat maps with their words: captions under the pictures, class labels beside the
// rows and above the columns of a matrix, and its numbers in the cells.
extension ImageRaster {
    public typealias RGB = (r: UInt8, g: UInt8, b: UInt8)

    /// Text under one picture of a grid, in its colour (green for a right prediction, red for a wrong one).
    public struct Caption: Sendable {
        public var text: String
        public var color: RGB
        public init(_ text: String, color: RGB = (20, 20, 20)) {
            self.text = text
            self.color = color
        }
    }

    /// `images` as ``grid(_:columns:scale:)`` lays them out, each with its caption under it (cut to the
    /// tile's width; left out when no caption has text or a tile is narrower than three characters).
    public static func grid(_ images: [PixelImage], captions: [Caption], columns: Int, scale: Int) -> PixelCanvas {
        let scale = max(1, scale)
        let columns = max(1, min(columns, images.count))
        let tileWidth = (images.map(\.width).max() ?? 0) * scale
        let tileHeight = (images.map(\.height).max() ?? 0) * scale
        let labelled = captions.contains { !$0.text.isEmpty } && tileWidth >= BitmapFont.width(of: "abc")
        let band = labelled ? PixelCanvas.textHeight() + spacing : 0
        let rows = (images.count + columns - 1) / columns
        var canvas = PixelCanvas(width: spacing + columns * (tileWidth + spacing),
                                 height: spacing + rows * (tileHeight + band + spacing))
        for (index, image) in images.enumerated() {
            let originX = spacing + (index % columns) * (tileWidth + spacing)
            let originY = spacing + (index / columns) * (tileHeight + band + spacing)
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let (r, g, b) = image.rgb(x: x, y: y)
                    canvas.fill(x: originX + x * scale, y: originY + y * scale, width: scale, height: scale,
                                (byte(r), byte(g), byte(b)))
                }
            }
            if labelled, index < captions.count {
                canvas.text(captions[index].text, anchor: .center, x: originX + tileWidth / 2, y: originY + tileHeight + spacing / 2,
                            maxWidth: tileWidth, captions[index].color)
            }
        }
        return canvas
    }

    /// The words around a heat map: labels of its rows (left) and columns (above), and the text of each
    /// cell (`cells[row][column]`, drawn in black or white when it fits the cell).
    public struct MatrixLabels: Sendable {
        public var rows: [String]
        public var columns: [String]
        public var cells: [[String]]
        public init(rows: [String] = [], columns: [String] = [], cells: [[String]] = []) {
            self.rows = rows
            self.columns = columns
            self.cells = cells
        }
    }

    /// ``heatmap(_:ramp:centeredAtZero:scale:)`` with `labels` around and in it. Column labels are cut to
    /// the cell's width (left out when not even one character fits); row labels to 24 characters (left out
    /// when a row is not taller than a line of text).
    public static func heatmap(_ values: [[Double]], ramp: ColorRamp, centeredAtZero: Bool, scale: Int,
                               labels: MatrixLabels) -> PixelCanvas {
        let matrix = heatmap(values, ramp: ramp, centeredAtZero: centeredAtZero, scale: scale)
        let scale = max(1, scale)
        // Row labels are cut to 24 characters, so a long class name cannot widen the picture without end.
        // Rows too thin for a line of text go without labels.
        let rowLabels = scale > PixelCanvas.textHeight() ? labels.rows.map { $0.count > 24 ? String($0.prefix(23)) + "." : $0 } : []
        let textHeight = PixelCanvas.textHeight()
        let left = rowLabels.isEmpty ? 0 : (rowLabels.map { BitmapFont.width(of: $0) }.max() ?? 0) + 2 * spacing
        let showsColumns = !labels.columns.isEmpty && scale >= BitmapFont.glyphWidth
        let top = showsColumns ? textHeight + 2 * spacing : 0
        var canvas = PixelCanvas(width: left + matrix.width + (left > 0 || top > 0 ? spacing : 0), height: top + matrix.height + (top > 0 ? spacing : 0))
        canvas.draw(matrix, x: left, y: top)
        let ink: RGB = (20, 20, 20)
        let rowOffset = (scale - textHeight) / 2
        for (r, label) in rowLabels.enumerated() where r < values.count {
            canvas.text(label, anchor: .right, x: left - spacing, y: top + r * scale + rowOffset, ink)
        }
        if showsColumns {
            for (c, label) in labels.columns.enumerated() {
                canvas.text(label, anchor: .center, x: left + c * scale + scale / 2, y: spacing, maxWidth: scale, ink)
            }
        }
        guard scale >= textHeight + 2 else { return canvas }
        for (r, row) in labels.cells.enumerated() where r < values.count {
            for (c, text) in row.enumerated() where BitmapFont.width(of: text) + 2 <= scale {
                guard let background = matrix.pixel(x: c * scale + scale / 2, y: r * scale + scale / 2) else { continue }
                canvas.text(text, anchor: .center, x: left + c * scale + scale / 2, y: top + r * scale + rowOffset,
                            PixelCanvas.ink(on: background))
            }
        }
        return canvas
    }
}
