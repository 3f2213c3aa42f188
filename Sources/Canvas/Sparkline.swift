/// One row of bars (`▁▂▃▄▅▆▇█`, or `_.:-=+*#` in ASCII) showing a series of values.
///
/// When there are more values than columns the most recent ones are shown.
/// NaN and infinite values draw as blanks. A constant series (no range given)
/// draws at the middle level.
public struct Sparkline: Widget {
    /// The values, oldest first.
    public var values: [Double]
    /// The value range mapped to the lowest and highest bar; `nil` uses the visible values' min and max.
    public var range: ClosedRange<Double>?
    /// Style of the bars (colours dropped when ``RenderOptions/color`` is off).
    public var style: Style
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Creates a sparkline.
    public init(_ values: [Double], range: ClosedRange<Double>? = nil, style: Style = .plain,
                options: RenderOptions = .unicode) {
        self.values = values
        self.range = range
        self.style = style
        self.options = options
    }

    /// One column per value, one row.
    public var naturalSize: Size { Size(width: values.count, height: values.isEmpty ? 0 : 1) }

    /// The bar characters for the last `width` values (blanks for non-finite values).
    public func text(width: Int) -> String {
        guard width > 0 else { return "" }
        let visible = values.suffix(width)
        let finite = visible.filter(\.isFinite)
        let low = range?.lowerBound ?? finite.min() ?? 0
        let high = range?.upperBound ?? finite.max() ?? 0
        let bars = options.glyphs.bars
        let top = bars.count - 1
        var result = ""
        for value in visible {
            guard value.isFinite else { result.append(" "); continue }
            let level: Int
            if high > low {
                let t = min(1, max(0, (value - low) / (high - low)))
                level = Rounding.roundToInt(t * Double(top))
            } else {
                level = top / 2
            }
            result.append(bars[level])
        }
        return result
    }

    /// Draws the bars on the first row of `area`, left-aligned.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        grid.put(text(width: area.width), x: area.x, y: area.y, style: options.tint(style), clip: area)
    }
}
