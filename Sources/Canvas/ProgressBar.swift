/// A one-line progress bar: `label [====>.....]  50% suffix` in ASCII mode,
/// `label │█████▌    │  55% suffix` with smooth eighth blocks in Unicode mode.
///
/// The bar takes the width left over by the label, percentage and suffix (or
/// ``barWidth`` if set). When space is short the suffix is cut first, then the
/// percentage is dropped.
public struct ProgressBar: Widget {
    /// Completed fraction, clamped to [0, 1]; NaN counts as 0.
    public var fraction: Double
    /// Text before the bar, e.g. `epoch 3/10`.
    public var label: String
    /// Text after the bar, e.g. `loss 0.4123 - 2451 img/s`.
    public var suffix: String
    /// Whether to show the percentage after the bar.
    public var showPercent: Bool
    /// Fixed interior width of the bar, or `nil` to take the free space.
    public var barWidth: Int?
    /// Style of the filled part (colour dropped without colour).
    public var style: Style
    /// Glyphs and colour.
    public var options: RenderOptions

    /// Creates a progress bar.
    public init(fraction: Double, label: String = "", suffix: String = "", showPercent: Bool = true,
                barWidth: Int? = nil, style: Style = Style(foreground: .green), options: RenderOptions = .unicode) {
        self.fraction = fraction
        self.label = label
        self.suffix = suffix
        self.showPercent = showPercent
        self.barWidth = barWidth
        self.style = style
        self.options = options
    }

    /// Creates a bar for `done` of `total` steps.
    public init(done: Int, total: Int, label: String = "", suffix: String = "", options: RenderOptions = .unicode) {
        self.init(fraction: total > 0 ? Double(done) / Double(total) : 0, label: label, suffix: suffix,
                  options: options)
    }

    /// `fraction` clamped to [0, 1] with NaN as 0.
    public var clampedFraction: Double { fraction.isNaN ? 0 : min(1, max(0, fraction)) }

    /// The bar interior (without the frame), exactly `width` columns.
    public static func bar(fraction: Double, width: Int, glyphs: Glyphs) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let f = fraction.isNaN ? 0 : min(1, max(0, fraction))
        switch glyphs {
        case .ascii:
            let done = Int(f * Double(width))
            guard done > 0 else { return ("", String(repeating: ".", count: width)) }
            let head = f < 1 ? ">" : "="
            return (String(repeating: "=", count: done - 1) + head, String(repeating: ".", count: width - done))
        case .unicode:
            let eighths = Int(f * Double(width * 8))
            let full = eighths / 8, part = eighths % 8
            let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            let filled = String(repeating: "█", count: full) + partials[part]
            return (filled, String(repeating: " ", count: width - full - (part > 0 ? 1 : 0)))
        }
    }

    /// The percentage text, right-aligned in 4 columns (`  0%` … `100%`).
    public var percentText: String { TextWidth.pad(NumberFormat.percent(clampedFraction), to: 4, alignment: .right) }

    /// Draws the bar on the first row of `area`.
    public func draw(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let y = area.y
        let labelPart = label.isEmpty ? "" : label + " "
        var percentPart = showPercent ? " " + percentText : ""
        let minimumBar = 4
        var fixed = TextWidth.of(labelPart) + 2 + TextWidth.of(percentPart)
        var suffixBudget = suffix.isEmpty ? 0 : area.width - fixed - minimumBar - 1
        if suffixBudget < 2 {
            suffixBudget = 0
            if area.width - fixed < minimumBar + 1 { percentPart = "" }
        }
        fixed = TextWidth.of(labelPart) + 2 + TextWidth.of(percentPart)
        let suffixPart = suffixBudget > 0
            ? " " + TextWidth.truncate(suffix, to: suffixBudget, ellipsis: options.glyphs.ellipsis) : ""
        let free = area.width - fixed - TextWidth.of(suffixPart)
        let interior = max(0, barWidth.map { min($0, free) } ?? free)
        let (open, close) = options.glyphs == .unicode ? ("│", "│") : ("[", "]")
        let (filled, empty) = Self.bar(fraction: clampedFraction, width: interior, glyphs: options.glyphs)
        var x = grid.put(labelPart + open, x: area.x, y: y, clip: area)
        x = grid.put(filled, x: x, y: y, style: options.tint(style), clip: area)
        x = grid.put(empty + close + percentPart + suffixPart, x: x, y: y, clip: area)
    }
}
