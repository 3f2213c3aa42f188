import Canvas

/// Lays out ``OutputBlock``s as Canvas ``Grid``s and turns them into text.
///
/// The headless `gradbook run` transcript prints ``render(_:width:)``; the TUI
/// draws ``grid(for:width:)`` into its panes. Layout depends only on the block,
/// the width and ``options`` (glyph repertoire and colour), never on the environment.
public struct BlockRenderer: Sendable {
    /// Glyphs (Unicode or ASCII) and whether cells are coloured.
    public var options: RenderOptions
    /// Width used by ``grid(for:)`` and ``render(_:)``.
    public var width: Int
    /// Colours deeper than this are approximated when rendering with ANSI escapes.
    public var colorDepth: ColorDepth

    /// Text rows of a chart's plot, axes, range labels and legend (title and x label come on top).
    public static let chartHeight = 12
    /// Most text rows a heatmap drawn as colours may take; larger matrices are averaged down.
    public static let maximumHeatmapRows = 24
    /// Most columns of a progress bar's interior; the rest of the line goes to its label and suffix.
    public static let maximumProgressBarWidth = 30

    /// Creates a renderer.
    public init(options: RenderOptions = .unicode, width: Int = 80, colorDepth: ColorDepth = .truecolor) {
        self.options = options
        self.width = width
        self.colorDepth = colorDepth
    }

    /// The block laid out at ``width``.
    public func grid(for block: OutputBlock) -> Grid { grid(for: block, width: width) }

    /// The block laid out in a grid exactly `width` columns wide (at least 1) and as tall as it needs.
    public func grid(for block: OutputBlock, width: Int) -> Grid {
        let width = max(1, width)
        switch block {
        case let .text(text, style):
            return textGrid(text, style: style, width: width)
        case let .table(table):
            return tableGrid(table, width: width)
        case let .chart(chart):
            return chartGrid(chart, width: width)
        case let .images(images):
            return imagesGrid(images, width: width)
        case let .heatmap(heatmap):
            return heatmapGrid(heatmap, width: width)
        case let .overlay(overlay):
            return overlayGrid(overlay, width: width)
        case let .progress(progress):
            return progressGrid(progress, width: width)
        case let .attention(attention):
            return attentionGrid(attention, width: width)
        case let .stream(stream):
            return streamGrid(stream, width: width)
        case let .scatter(scatter):
            return scatterGrid(scatter, width: width)
        case let .plane(plane):
            return planeGrid(plane, width: width)
        }
    }

    /// The block rendered at ``width``.
    public func render(_ block: OutputBlock) -> String { render(block, width: width) }

    /// The block as text: plain, or with ANSI SGR escapes when ``options`` has colour.
    /// Trailing blanks of each line and trailing empty lines are dropped; there is no final newline.
    public func render(_ block: OutputBlock, width: Int) -> String {
        render(grid(for: block, width: width))
    }

    /// A grid as text, with the same rules as ``render(_:width:)``.
    public func render(_ grid: Grid) -> String {
        var lines = textRenderer.renderLines(grid)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// The Canvas renderer matching ``options``.
    public var textRenderer: TextRenderer {
        TextRenderer(mode: options.color ? .ansi : .plain, colorDepth: colorDepth, trimTrailing: true)
    }

    /// The style of a text block's lines (colours are dropped when ``options`` has none).
    public func style(for textStyle: OutputBlock.TextStyle) -> Style {
        switch textStyle {
        case .normal: .plain
        case .note: .dim
        case .success: options.tint(Style(foreground: .green))
        case .warning: options.tint(Style(foreground: .yellow))
        case .error: options.tint(Style(foreground: .red))
        }
    }

    /// The style of titles above tables, charts, images and heatmaps.
    var titleStyle: Style { .bold }
}

/// Rows of sub-grids stacked top to bottom into one grid of a fixed width.
struct GridStack {
    let width: Int
    private(set) var parts: [Grid] = []

    init(width: Int) { self.width = width }

    var height: Int { parts.reduce(0) { $0 + $1.height } }

    mutating func append(_ grid: Grid) { parts.append(grid) }

    /// One line of text, truncated to the width with `ellipsis`.
    mutating func appendLine(_ text: String, style: Style = .plain, ellipsis: String) {
        var line = Grid(width: width, height: 1)
        line.put(text, in: line.area, style: style, ellipsis: ellipsis)
        parts.append(line)
    }

    /// Lines of text wrapped at the width.
    mutating func appendWrapped(_ text: String, style: Style = .plain) {
        let lines = TextWrap.lines(of: text, width: width)
        var grid = Grid(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { grid.put(line, x: 0, y: y, style: style) }
        parts.append(grid)
    }

    /// A widget drawn into `height` full-width rows.
    mutating func append(_ widget: some Widget, height: Int) {
        var grid = Grid(width: width, height: height)
        grid.draw(widget)
        parts.append(grid)
    }

    var grid: Grid {
        var result = Grid(width: width, height: height)
        var y = 0
        for part in parts {
            result.blit(part, x: 0, y: y)
            y += part.height
        }
        return result
    }
}
