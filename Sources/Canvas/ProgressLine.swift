/// A Keras-style progress line:
/// `epoch 2/10  143/1875 [==>.......] ETA 0:12  loss 0.4123  acc 0.8512  1,234 img/s`
/// (a smooth `│██▌   │` bar with Unicode glyphs).
///
/// It fits the width it is given: the bar shrinks from ``maximumBarWidth`` down to
/// ``minimumBarWidth``, then fields are dropped from the right (the rate first,
/// then the metrics from the last, then the ETA), then the bar goes, then the
/// counter; the label is cut last.
public struct ProgressLine: Widget {
    /// A named value after the bar, e.g. `loss 0.4123`.
    public struct Field: Hashable, Sendable {
        /// Short name (`loss`, `acc`).
        public var name: String
        /// The value as text.
        public var value: String
        /// Creates a field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Text before the counter, e.g. `epoch 2/10`.
    public var label: String
    /// Steps done (batches).
    public var done: Int
    /// Steps in all; `nil` or 0 when unknown (no bar or counter total).
    public var total: Int?
    /// Seconds left, or `nil` to leave the ETA out.
    public var eta: Double?
    /// Values after the bar, in order of importance.
    public var fields: [Field]
    /// Items per second, or `nil` to leave it out.
    public var rate: Double?
    /// Unit of ``rate`` (`img/s`).
    public var rateUnit: String
    /// Widest bar interior.
    public var maximumBarWidth: Int
    /// Narrowest bar interior before fields are dropped.
    public var minimumBarWidth: Int
    /// Style of the filled part of the bar (colour dropped without colour).
    public var style: Style
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Creates a progress line.
    public init(label: String = "", done: Int, total: Int?, eta: Double? = nil, fields: [Field] = [],
                rate: Double? = nil, rateUnit: String = "img/s", maximumBarWidth: Int = 30, minimumBarWidth: Int = 8,
                style: Style = Style(foreground: .green), options: RenderOptions = .unicode) {
        self.label = label
        self.done = done
        self.total = total
        self.eta = eta
        self.fields = fields
        self.rate = rate
        self.rateUnit = rateUnit
        self.maximumBarWidth = maximumBarWidth
        self.minimumBarWidth = minimumBarWidth
        self.style = style
        self.options = options
    }

    /// The completed fraction in [0, 1] (0 without a total).
    public var fraction: Double {
        guard let total, total > 0 else { return 0 }
        return min(1, max(0, Double(done) / Double(total)))
    }

    /// `143/1875`, the done count right-aligned to the total's width (`  7/1875`), or just the count.
    public var counterText: String {
        guard let total, total > 0 else { return String(done) }
        let width = String(total).count
        return TextWidth.pad(String(done), to: width, alignment: .right) + "/" + String(total)
    }

    /// The texts after the bar, most important first: `ETA 0:12`, the fields, the rate.
    public var tailParts: [String] {
        var parts: [String] = []
        if let eta, eta.isFinite, eta >= 0 { parts.append("ETA " + NumberFormat.duration(eta)) }
        for field in fields { parts.append(field.name.isEmpty ? field.value : field.name + " " + field.value) }
        if let rate, rate.isFinite, rate >= 0 {
            // Right-aligned in 6 columns so the bar does not jump as the rate gains a digit.
            let number = NumberFormat.grouped(Rounding.roundToInt(rate))
            parts.append(String(repeating: " ", count: max(0, 6 - number.count)) + number + " " + rateUnit)
        }
        return parts
    }

    /// The line as it fits `width` columns: the bar as a placeholder of `barWidth` cells.
    func layout(width: Int) -> (head: String, barWidth: Int, tail: String) {
        let hasBar = (total ?? 0) > 0
        let labelPart = label.isEmpty ? "" : label + "  "
        var counter = counterText
        var parts = tailParts
        func tailText() -> String {
            parts.enumerated().map { $0.offset == 0 ? " " + $0.element : "  " + $0.element }.joined()
        }
        func used(_ bar: Int) -> Int { TextWidth.of(labelPart + counter) + (bar > 0 ? bar + 3 : 0) + TextWidth.of(tailText()) }
        if hasBar {
            while !parts.isEmpty, used(minimumBarWidth) > width { parts.removeLast() }
            let free = width - used(0) - 3
            if free >= minimumBarWidth {
                return (labelPart + counter, min(maximumBarWidth, free), tailText())
            }
        }
        parts = []
        if TextWidth.of(labelPart + counter) > width, !label.isEmpty { counter = "" }
        return (counter.isEmpty ? label : labelPart + counter, 0, "")
    }

    /// Draws the line on the first row of `area`.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let (head, barWidth, tail) = layout(width: area.width)
        let ellipsis = options.glyphs.ellipsis
        var x = area.x
        let y = area.y
        if barWidth == 0 {
            grid.put(head, in: Rect(x: x, y: y, width: area.width, height: 1), ellipsis: ellipsis)
            return
        }
        x = grid.put(head + " ", x: x, y: y, clip: area)
        let (open, close) = options.glyphs == .unicode ? ("│", "│") : ("[", "]")
        let (filled, empty) = ProgressBar.bar(fraction: fraction, width: barWidth, glyphs: options.glyphs)
        x = grid.put(open, x: x, y: y, clip: area)
        x = grid.put(filled, x: x, y: y, style: options.tint(style), clip: area)
        x = grid.put(empty + close, x: x, y: y, clip: area)
        grid.put(tail, x: x, y: y, clip: area)
    }
}
