import Canvas

// The layout of each block kind. Every function returns a grid exactly `width` columns wide.
extension BlockRenderer {
    var ellipsis: String { options.glyphs.ellipsis }

    // MARK: - Text

    func textGrid(_ text: String, style: OutputBlock.TextStyle, width: Int) -> Grid {
        var body = text
        if body.last?.isNewline == true { body.removeLast() }
        if options.glyphs == .ascii { body = Expect.asciiMarks(body) }
        var stack = GridStack(width: width)
        stack.appendWrapped(body, style: self.style(for: style))
        return stack.grid
    }

    // MARK: - Table

    func tableGrid(_ block: TableBlock, width: Int) -> Grid {
        var stack = GridStack(width: width)
        if let title = block.title { stack.appendWrapped(title, style: titleStyle) }
        var alignments = block.alignments.map { $0.map(Self.alignment) }
        var headers = block.headers, rows = block.rows
        if !block.bars.isEmpty {
            // The bar column comes last, left-aligned, without a header.
            alignments += Array(repeating: nil, count: max(0, headers.count - alignments.count)) + [.left]
            headers.append("")
            rows = rows.enumerated().map { index, row in
                row + [index < block.bars.count ? bar(block.bars[index]) : ""]
            }
        }
        let table = Table(headers: headers, rows: rows, alignments: alignments, options: options)
        if table.columnCount > 0 { stack.append(table, height: table.naturalSize.height) }
        for line in block.footer { stack.appendWrapped(line) }
        return stack.grid
    }

    /// Columns of a table's bar.
    static let barWidth = 20

    /// A fraction as a bar ``barWidth`` columns wide: block glyphs with eighths (`██████████`
    /// for 0.5), or `##########..........` in ASCII. NaN draws empty.
    func bar(_ fraction: Double) -> String {
        guard options.glyphs == .unicode else {
            let filled = fraction.isFinite ? Int((min(1, max(0, fraction)) * Double(Self.barWidth)).rounded()) : 0
            return String(repeating: "#", count: filled) + String(repeating: ".", count: Self.barWidth - filled)
        }
        return ProgressBar.bar(fraction: fraction, width: Self.barWidth, glyphs: .unicode).filled
    }

    static func alignment(_ alignment: TableBlock.Alignment) -> TextAlignment {
        switch alignment {
        case .left: .left
        case .right: .right
        case .center: .center
        }
    }

    // MARK: - Images

    func imagesGrid(_ block: ImageGridBlock, width: Int) -> Grid {
        var stack = GridStack(width: width)
        if let title = block.title { stack.appendWrapped(title, style: titleStyle) }
        let items = block.images.map { image in
            ImageGrid.Item(image: Self.pixelImage(image), caption: caption(image), captionStyle: captionStyle(image.verdict))
        }
        guard !items.isEmpty else { return stack.grid }
        // Each image is scaled down (area resampling) to the width and a height cap that grows with the
        // width; tiles wrap to the width with the caption under each picture.
        let imageGrid = ImageGrid(items: items, options: options).fitted(toWidth: width)
        stack.append(imageGrid, height: imageGrid.size(fittingWidth: width).height)
        return stack.grid
    }

    /// Marks a wrong prediction's caption without colour: `✗` (Unicode) or `x` (ASCII) before it.
    func caption(_ image: ImageGridBlock.Image) -> String {
        guard image.verdict == .wrong, !options.color else { return image.caption }
        return (options.glyphs == .unicode ? "✗ " : "x ") + image.caption
    }

    /// What the caption marks mean, for a title: the colours, or without colour the wrong mark
    /// (nil when no caption is marked).
    func verdictKey(_ verdicts: [ImageGridBlock.Verdict]) -> String? {
        guard verdicts.contains(where: { $0 != .none }) else { return nil }
        if options.color { return "green right, red wrong" }
        return (options.glyphs == .unicode ? "✗" : "x") + " marks a wrong one"
    }

    /// Green for a right prediction, red for a wrong one (dropped when ``options`` has no colour).
    func captionStyle(_ verdict: ImageGridBlock.Verdict) -> Style {
        switch verdict {
        case .none: .plain
        case .right: options.tint(Style(foreground: .green))
        case .wrong: options.tint(Style(foreground: .red))
        }
    }

    /// Largest side of a malformed image drawn as a blank placeholder.
    static let maximumPlaceholderSide = 256

    /// The block's image as a Canvas image. A malformed one (channel count other than
    /// 1, 3 or 4, or a pixel count not matching its size) becomes a black placeholder of
    /// its declared size (empty when that size is absurd) rather than trapping.
    static func pixelImage(_ image: ImageGridBlock.Image) -> PixelImage {
        let sane = (0...maximumPlaceholderSide).contains(image.width) && (0...maximumPlaceholderSide).contains(image.height)
        if sane, [1, 3, 4].contains(image.channels), image.width * image.height * image.channels == image.pixels.count {
            return PixelImage(width: image.width, height: image.height, channels: image.channels, pixels: image.pixels)
        }
        if !sane, image.width > 0, image.height > 0, [1, 3, 4].contains(image.channels) {
            // Large but possibly valid: check the count without overflowing.
            let (area, overflow1) = image.width.multipliedReportingOverflow(by: image.height)
            let (count, overflow2) = area.multipliedReportingOverflow(by: image.channels)
            if !overflow1, !overflow2, count == image.pixels.count {
                return PixelImage(width: image.width, height: image.height, channels: image.channels,
                                  pixels: image.pixels)
            }
        }
        guard sane else { return PixelImage(width: 0, height: 0, pixels: []) }
        return PixelImage(width: image.width, height: image.height,
                          pixels: Array(repeating: 0, count: image.width * image.height))
    }

    // MARK: - Heatmap

    func heatmapGrid(_ block: HeatmapBlock, width: Int) -> Grid {
        var stack = GridStack(width: width)
        if let title = block.title { stack.appendWrapped(title, style: titleStyle) }
        let columns = block.values.map(\.count).max() ?? 0
        guard !block.values.isEmpty, columns > 0 else {
            stack.appendLine("(empty)", style: .dim, ellipsis: ellipsis)
            return stack.grid
        }
        if block.showValues {
            let table = HeatmapValueTable(block: block, options: options)
            if table.cutsColumnLabels(width: width) {
                // Class names too long for their columns (`T-shirt…`): number the columns and name them below.
                var numbered = block
                numbered.columnLabels = block.columnLabels.indices.map(String.init)
                stack.append(HeatmapValueTable(block: numbered, options: options).grid(width: width))
                stack.appendWrapped("columns: " + block.columnLabels.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", "),
                                    style: .dim)
            } else {
                stack.append(table.grid(width: width))
            }
        } else {
            stack.append(colourHeatmap(block, columns: columns, width: width))
        }
        return stack.grid
    }

    private func colourHeatmap(_ block: HeatmapBlock, columns: Int, width: Int) -> Grid {
        let rowLabels = block.rowLabels.isEmpty ? nil : block.rowLabels
        let columnLabels = block.columnLabels.isEmpty ? nil : block.columnLabels
        let labelWidth = rowLabels.map { ($0.map { TextWidth.of($0) }.max() ?? 0) + 1 } ?? 0
        var cellWidth = 1
        if let columnLabels {
            cellWidth = max(2, (columnLabels.map { TextWidth.of($0) }.max() ?? 0) + 1)
        } else if rowLabels != nil {
            cellWidth = 2  // one text row per matrix row: two columns keep the cells roughly square
        }
        while cellWidth > 1, labelWidth + columns * cellWidth > width { cellWidth -= 1 }
        let heatmap = Heatmap(block.values, centeredAtZero: block.centeredAtZero,
                              ramp: block.centeredAtZero ? .diverging : .viridis,
                              rowLabels: rowLabels, columnLabels: columnLabels, cellWidth: cellWidth,
                              showScale: true, options: options)
        let natural = heatmap.naturalSize
        var grid = Grid(width: width, height: min(natural.height, Self.maximumHeatmapRows + 1))
        grid.draw(heatmap)
        return grid
    }
}

/// A heatmap printed as numbers: a label column, a header of column labels and
/// one right-aligned number per element. With colour each number sits on its
/// ramp colour (black or white text, whichever reads better); without colour
/// it is a plain aligned table, so a text transcript keeps the information.
struct HeatmapValueTable {
    let block: HeatmapBlock
    let options: RenderOptions

    /// The number shown for an element: integers as such (confusion counts), others compact; NaN blank.
    static func format(_ value: Double, integral: Bool) -> String {
        guard value.isFinite else { return value.isNaN ? "" : NumberFormat.compact(value) }
        if integral { return String(Int(value)) }
        return NumberFormat.compact(value)
    }

    /// Whether the column labels would have to be cut to fit `width` (each at least its numbers' width).
    func cutsColumnLabels(width: Int) -> Bool {
        let columns = block.values.map(\.count).max() ?? 0
        guard !block.columnLabels.isEmpty, columns > 0 else { return false }
        let finite = block.values.flatMap { $0 }.filter(\.isFinite)
        let integral = finite.allSatisfy { abs($0) < 1e15 && Double(Int($0)) == $0 }
        let labelWidth = block.rowLabels.map { TextWidth.of($0) }.max() ?? 0
        let needed = (labelWidth > 0 ? labelWidth + 1 : 0) + (0..<columns).reduce(0) { sum, c in
            let number = block.values.map { c < $0.count ? TextWidth.of(Self.format($0[c], integral: integral)) : 0 }.max() ?? 0
            return sum + max(number, 1, c < block.columnLabels.count ? TextWidth.of(block.columnLabels[c]) : 0) + 1
        }
        return needed > width
    }

    func grid(width: Int) -> Grid {
        let values = block.values
        let columns = values.map(\.count).max() ?? 0
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let integral = finite.allSatisfy { abs($0) < 1e15 && Double(Int($0)) == $0 }
        let texts = values.map { row in
            (0..<columns).map { c in c < row.count ? Self.format(row[c], integral: integral) : "" }
        }
        let rowLabels = block.rowLabels, columnLabels = block.columnLabels
        let hasHeader = !columnLabels.isEmpty
        var labelWidth = rowLabels.isEmpty ? 0 : (rowLabels.map { TextWidth.of($0) }.max() ?? 0)
        let numberWidths = (0..<columns).map { c in max(texts.map { TextWidth.of($0[c]) }.max() ?? 0, 1) }
        var contentWidths = (0..<columns).map { c in
            max(numberWidths[c], c < columnLabels.count ? TextWidth.of(columnLabels[c]) : 0)
        }
        // Each number is padded by a blank on both sides when there is room, else on its left only.
        var labelPart = labelWidth > 0 ? labelWidth + 1 : 0
        let padded = labelPart + contentWidths.reduce(0) { $0 + $1 + 2 } <= width
        let padLeft = 1, padRight = padded ? 1 : 0
        // Labels are whole when they fit; otherwise the widest column labels are cut first (never
        // below their numbers), then the row labels (down to 4 columns).
        while labelPart + contentWidths.reduce(0, { $0 + $1 + padLeft + padRight }) > width {
            if let widest = contentWidths.indices.max(by: { contentWidths[$0] < contentWidths[$1] }),
               contentWidths[widest] > numberWidths[widest], contentWidths[widest] >= labelWidth {
                contentWidths[widest] -= 1
            } else if labelWidth > 4 {
                labelWidth -= 1
                labelPart = labelWidth + 1
            } else {
                break
            }
        }
        let range = valueRange(finite)
        let ramp: ColorRamp = block.centeredAtZero ? .diverging : .viridis
        let ellipsis = options.glyphs.ellipsis

        var grid = Grid(width: width, height: (hasHeader ? 1 : 0) + values.count)
        var y = 0
        func cellX(_ c: Int) -> Int { labelPart + contentWidths[..<c].reduce(0) { $0 + $1 + padLeft + padRight } }
        if hasHeader {
            for c in 0..<min(columns, columnLabels.count) {
                let rect = Rect(x: cellX(c) + padLeft, y: 0, width: contentWidths[c], height: 1)
                grid.put(columnLabels[c], in: rect, alignment: .right, style: .bold, ellipsis: ellipsis)
            }
            y = 1
        }
        for (r, row) in texts.enumerated() {
            if r < rowLabels.count {
                grid.put(rowLabels[r], in: Rect(x: 0, y: y, width: labelWidth, height: 1), alignment: .right,
                         style: .bold, ellipsis: ellipsis)
            }
            for c in 0..<columns {
                let value = c < values[r].count ? values[r][c] : .nan
                let text = " " + TextWidth.pad(row[c], to: contentWidths[c], alignment: .right, ellipsis: ellipsis)
                    + (padRight > 0 ? " " : "")
                grid.put(text, x: cellX(c), y: y, style: style(for: value, range: range, ramp: ramp))
            }
            y += 1
        }
        return grid
    }

    private func valueRange(_ finite: [Double]) -> ClosedRange<Double> {
        guard let low = finite.min(), let high = finite.max() else { return 0...0 }
        if block.centeredAtZero {
            let m = max(abs(low), abs(high))
            return -m...m
        }
        return low...high
    }

    private func style(for value: Double, range: ClosedRange<Double>, ramp: ColorRamp) -> Style {
        guard options.color, !value.isNaN else { return .plain }
        let background = ramp.color(for: value, in: range)
        let (r, g, b) = background.rgbComponents
        let luminance = 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)
        return Style(foreground: luminance > 140 ? .rgb(0, 0, 0) : .rgb(255, 255, 255), background: background)
    }
}
