/// A table of strings with a header row, drawn with box-drawing characters
/// (or `|`, `-`, `+` in ASCII mode).
///
/// Columns whose non-empty cells all look numeric are right-aligned unless
/// ``alignments`` says otherwise. When the area is narrower than the natural
/// width the widest columns are shrunk first and cut text ends in `…` (`~` in
/// ASCII). Rows that do not fit vertically are clipped.
public struct Table: Widget {
    /// Column titles.
    public var headers: [String]
    /// Body rows; short rows are padded with empty cells.
    public var rows: [[String]]
    /// Per-column alignment; `nil` entries (or a short array) fall back to automatic.
    public var alignments: [TextAlignment?]
    /// A title centred above the table.
    public var title: String?
    /// Outer box (`true`) or only inner separators and a header rule (`false`).
    public var borders: Bool
    /// Style of the header cells (and the title).
    public var headerStyle: Style
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Creates a table.
    public init(headers: [String], rows: [[String]], alignments: [TextAlignment?] = [], title: String? = nil,
                borders: Bool = true, headerStyle: Style = .bold, options: RenderOptions = .unicode) {
        self.headers = headers
        self.rows = rows
        self.alignments = alignments
        self.title = title
        self.borders = borders
        self.headerStyle = headerStyle
        self.options = options
    }

    /// Number of columns (the longest of the header and the rows).
    public var columnCount: Int { max(headers.count, rows.map(\.count).max() ?? 0) }

    /// The alignment of every column after applying the numeric default.
    public var resolvedAlignments: [TextAlignment] {
        (0..<columnCount).map { c in
            if c < alignments.count, let alignment = alignments[c] { return alignment }
            let cells = rows.compactMap { c < $0.count ? $0[c] : nil }.filter { !$0.isEmpty }
            return !cells.isEmpty && cells.allSatisfy(Self.looksNumeric) ? .right : .left
        }
    }

    /// True for strings like `42`, `-0.35`, `1e-4`, `93.5%`, `1.2k`, `1,234,567`.
    public static func looksNumeric(_ text: String) -> Bool {
        var s = Substring(text.trimmingSpaces)
        if s.last == "%" || s.last == "k" || s.last == "M" || s.last == "G" { s.removeLast() }
        return !s.isEmpty && Double(withoutDigitGrouping(s)) != nil
    }

    /// `1,234.5` as `1234.5`: commas are dropped when they separate groups of three digits.
    private static func withoutDigitGrouping(_ s: Substring) -> Substring {
        guard s.contains(",") else { return s }
        let integerPart = s.prefix { $0 != "." && $0 != "e" && $0 != "E" }
        let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
        let first = groups.first.map { $0.first == "-" || $0.first == "+" ? $0.dropFirst() : $0 } ?? ""
        guard (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return s }
        return Substring(groups.joined()) + s.dropFirst(integerPart.count)
    }

    /// Content widths of the columns, shrunk (widest first, down to 1) to fit `maxWidth` columns of text overall.
    public func columnWidths(maxWidth: Int? = nil) -> [Int] {
        let n = columnCount
        var widths = (0..<n).map { c in
            ([c < headers.count ? headers[c] : ""] + rows.map { c < $0.count ? $0[c] : "" })
                .map { TextWidth.of($0) }.max() ?? 0
        }
        widths = widths.map { max(1, $0) }
        guard let maxWidth else { return widths }
        let budget = maxWidth - overhead(columns: n)
        while widths.reduce(0, +) > budget, let widest = widths.indices.max(by: { widths[$0] <= widths[$1] }),
              widths[widest] > 1 {
            widths[widest] -= 1
        }
        return widths
    }

    /// Cells needed without truncation.
    public var naturalSize: Size {
        let widths = columnWidths()
        let bodyRows = (headers.isEmpty ? 0 : 2) + rows.count + (borders ? 2 : 0)
        return Size(width: widths.reduce(0, +) + overhead(columns: widths.count),
                    height: bodyRows + (title == nil ? 0 : 1))
    }

    private func overhead(columns n: Int) -> Int {
        guard n > 0 else { return 0 }
        return borders ? 3 * n + 1 : 3 * (n - 1)
    }

    /// Draws the table from the top-left of `area`.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty, columnCount > 0 else { return }
        let widths = columnWidths(maxWidth: area.width)
        let tableWidth = min(area.width, widths.reduce(0, +) + overhead(columns: widths.count))
        let aligns = resolvedAlignments
        let unicode = options.glyphs == .unicode
        let ellipsis = options.glyphs.ellipsis
        let lineStyle = options.tint(Style(foreground: .brightBlack))
        var y = area.y
        func rule(_ left: String, _ middle: String, _ right: String) {
            guard y < area.maxY else { return }
            let h = options.glyphs.horizontal
            var text = borders ? left : ""
            for (c, w) in widths.enumerated() {
                let pad = borders || (c > 0 && c < widths.count - 1) ? 2 : 1
                text += String(repeating: h, count: w + (widths.count == 1 && !borders ? 0 : pad))
                if c < widths.count - 1 { text += middle }
            }
            if borders { text += right }
            grid.put(text, x: area.x, y: y, style: lineStyle, clip: area)
            y += 1
        }
        func row(_ cells: [String], style: Style) {
            guard y < area.maxY else { return }
            var x = area.x
            let bar = options.glyphs.vertical
            if borders { x = grid.put(bar, x: x, y: y, style: lineStyle, clip: area) }
            for (c, w) in widths.enumerated() {
                if borders || c > 0 { x += 1 }
                let text = TextWidth.pad(c < cells.count ? cells[c] : "", to: w, alignment: aligns[c], ellipsis: ellipsis)
                x = grid.put(text, x: x, y: y, style: options.tint(style), clip: area)
                if borders || c < widths.count - 1 {
                    x += 1
                    x = grid.put(bar, x: x, y: y, style: lineStyle, clip: area)
                }
            }
            y += 1
        }
        if let title {
            grid.put(title, in: Rect(x: area.x, y: y, width: tableWidth, height: 1), alignment: .center,
                     style: options.tint(headerStyle), ellipsis: ellipsis)
            y += 1
        }
        if borders { unicode ? rule("┌", "┬", "┐") : rule("+", "+", "+") }
        if !headers.isEmpty {
            row(headers, style: headerStyle)
            unicode ? rule("├", "┼", "┤") : rule("+", "+", "+")
        }
        for cells in rows { row(cells, style: .plain) }
        if borders { unicode ? rule("└", "┴", "┘") : rule("+", "+", "+") }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
