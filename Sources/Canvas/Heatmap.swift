/// A matrix of values drawn as coloured cells.
///
/// With colour and Unicode glyphs, two matrix rows share one text row through
/// the upper half block `▀` (foreground = upper row, background = lower row),
/// unless row labels are given: then each matrix row gets its own text row of
/// coloured blanks so labels line up. Without colour or with ASCII glyphs each
/// element is one character of the ramp `" .:-=+*#%@"` (coloured if colour is on).
///
/// Values are normalised by ``range`` or by the finite minimum and maximum
/// (symmetric around zero when ``centeredAtZero``); a constant matrix maps to
/// the middle of the ramp. NaN elements are left blank. A matrix larger than
/// the area is box-averaged down to fit, and its labels are then omitted.
public struct Heatmap: Widget {
    /// Matrix rows.
    public let rows: Int
    /// Matrix columns.
    public let columns: Int
    /// Elements in row-major order.
    public let values: [Double]
    /// Value range mapped onto the ramp; `nil` for automatic.
    public var range: ClosedRange<Double>?
    /// Automatic ranges become `-m...m` with `m` the largest magnitude (for signed weights).
    public var centeredAtZero: Bool
    /// Colour ramp.
    public var ramp: ColorRamp
    /// Labels shown left of each row.
    public var rowLabels: [String]?
    /// Labels shown above each column, truncated to ``cellWidth``.
    public var columnLabels: [String]?
    /// Text columns per matrix column.
    public var cellWidth: Int
    /// Whether to draw a `min ▀▀▀ max` scale line under the matrix.
    public var showScale: Bool
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Creates a heatmap from row-major values; `values.count` must be `rows * columns`.
    public init(values: [Double], rows: Int, columns: Int, range: ClosedRange<Double>? = nil,
                centeredAtZero: Bool = false, ramp: ColorRamp = .viridis, rowLabels: [String]? = nil,
                columnLabels: [String]? = nil, cellWidth: Int = 1, showScale: Bool = false,
                options: RenderOptions = .unicode) {
        precondition(values.count == rows * columns, "expected \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
        self.range = range
        self.centeredAtZero = centeredAtZero
        self.ramp = ramp
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cellWidth = max(1, cellWidth)
        self.showScale = showScale
        self.options = options
    }

    /// Creates a heatmap from nested rows; short rows are padded with NaN.
    public init(_ matrix: [[Double]], range: ClosedRange<Double>? = nil, centeredAtZero: Bool = false,
                ramp: ColorRamp = .viridis, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                cellWidth: Int = 1, showScale: Bool = false, options: RenderOptions = .unicode) {
        let width = matrix.map(\.count).max() ?? 0
        let flat = matrix.flatMap { $0 + Array(repeating: Double.nan, count: width - $0.count) }
        self.init(values: flat, rows: matrix.count, columns: width, range: range, centeredAtZero: centeredAtZero,
                  ramp: ramp, rowLabels: rowLabels, columnLabels: columnLabels, cellWidth: cellWidth,
                  showScale: showScale, options: options)
    }

    /// A blue-white-red heatmap centred at zero, for signed weights.
    public static func signed(_ matrix: [[Double]], options: RenderOptions = .unicode) -> Heatmap {
        Heatmap(matrix, centeredAtZero: true, ramp: .diverging, options: options)
    }

    /// The value range used for normalisation.
    public var resolvedRange: ClosedRange<Double> {
        if let range { return range }
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...0 }
        if centeredAtZero {
            let m = max(abs(low), abs(high))
            return -m...m
        }
        return low...high
    }

    private var halfBlocks: Bool { options.color && options.glyphs == .unicode && rowLabels == nil }
    private var labelWidth: Int { rowLabels.map { ($0.map { TextWidth.of($0) }.max() ?? 0) + 1 } ?? 0 }

    /// Cells needed to draw every element with its labels and scale.
    public var naturalSize: Size {
        let matrixRows = halfBlocks ? (rows + 1) / 2 : rows
        let extra = (columnLabels != nil ? 1 : 0) + (showScale ? 1 : 0)
        return Size(width: labelWidth + columns * cellWidth, height: matrixRows + extra)
    }

    /// Draws the matrix (and labels and scale) into `area`.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, rows > 0, columns > 0 else { return }
        let norm = resolvedRange
        var body = area
        var scaleRow: Rect?
        if showScale, body.height >= 2 {
            let split = body.splitBottom(1)
            body = split.rest
            scaleRow = split.bottom
        }
        // Decide whether the full matrix fits; otherwise box-average it and drop labels.
        let pixelsPerRow = halfBlocks ? 2 : 1
        let headerRows = columnLabels != nil ? 1 : 0
        let fits = labelWidth + columns * cellWidth <= body.width
            && rows <= (body.height - headerRows) * pixelsPerRow
        if fits {
            let matrixArea = drawLabels(into: &grid, body: body)
            paint(values, rows: rows, columns: columns, into: &grid, area: matrixArea, range: norm)
        } else {
            let shownColumns = max(1, min(columns, body.width / cellWidth))
            let shownRows = max(1, min(rows, body.height * pixelsPerRow))
            let shown = Resampler.resample(values, width: columns, height: rows, channels: 1,
                                           toWidth: shownColumns, toHeight: shownRows, method: .box)
            paint(shown, rows: shownRows, columns: shownColumns, into: &grid, area: body, range: norm)
        }
        if let scaleRow { drawScale(into: &grid, row: scaleRow, range: norm) }
    }

    /// Draws row and column labels; returns the area left for the matrix cells.
    private func drawLabels(into grid: inout Grid, body: Rect) -> Rect {
        var matrixArea = body
        if let columnLabels {
            let header = body.splitTop(1)
            matrixArea = header.rest
            for (c, label) in columnLabels.prefix(columns).enumerated() {
                let x = body.x + labelWidth + c * cellWidth
                let rect = Rect(x: x, y: header.top.y, width: cellWidth, height: 1).intersection(body)
                grid.put(label, in: rect, alignment: cellWidth > 1 ? .center : .left, ellipsis: "")
            }
        }
        if let rowLabels {
            for (r, label) in rowLabels.prefix(rows).enumerated() {
                let rect = Rect(x: matrixArea.x, y: matrixArea.y + r, width: labelWidth - 1, height: 1)
                grid.put(label, in: rect.intersection(matrixArea), alignment: .right,
                         ellipsis: options.glyphs.ellipsis)
            }
            matrixArea = matrixArea.inset(left: labelWidth)
        }
        return matrixArea
    }

    /// Paints a (possibly resampled) matrix into `area`, `cellWidth` columns per element.
    private func paint(_ matrix: [Double], rows: Int, columns: Int, into grid: inout Grid, area: Rect,
                       range: ClosedRange<Double>) {
        func t(_ r: Int, _ c: Int) -> Double { ColorRamp.normalize(matrix[r * columns + c], in: range) }
        if halfBlocks {
            HalfBlockPainter.paint(into: &grid, at: (area.x, area.y), clip: area,
                                   width: columns * cellWidth, pixelHeight: rows) { x, r in
                let v = t(r, x / cellWidth)
                return v.isNaN ? nil : ramp.color(at: v)
            }
            return
        }
        let blocks = options.color && options.glyphs == .unicode
        for r in 0..<rows {
            for c in 0..<columns {
                let v = t(r, c)
                guard !v.isNaN else { continue }
                let cell = blocks
                    ? Cell(" ", style: Style(background: ramp.color(at: v)))
                    : Cell(HalfBlockPainter.rampCharacter(v), style: Style(foreground: options.tint(ramp.color(at: v))))
                for k in 0..<cellWidth {
                    let x = area.x + c * cellWidth + k, y = area.y + r
                    if area.contains(x: x, y: y) { grid[x, y] = cell }
                }
            }
        }
    }

    private func drawScale(into grid: inout Grid, row: Rect, range: ClosedRange<Double>) {
        let low = NumberFormat.compact(range.lowerBound), high = NumberFormat.compact(range.upperBound)
        var x = grid.put(low + " ", x: row.x, y: row.y, clip: row)
        let steps = max(1, min(10, row.width - TextWidth.of(low) - TextWidth.of(high) - 2))
        for i in 0..<steps {
            let t = steps == 1 ? 0.5 : Double(i) / Double(steps - 1)
            if options.color && options.glyphs == .unicode {
                x = grid.put("█", x: x, y: row.y, style: Style(foreground: ramp.color(at: t)), clip: row)
            } else {
                x = grid.put(String(HalfBlockPainter.rampCharacter(t)), x: x, y: row.y,
                             style: Style(foreground: options.tint(ramp.color(at: t))), clip: row)
            }
        }
        grid.put(" " + high, x: x, y: row.y, clip: row)
    }
}
