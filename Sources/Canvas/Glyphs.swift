/// Which character repertoire widgets may use.
public enum Glyphs: Hashable, Sendable {
    /// Braille, block elements, box drawing, ellipsis.
    case unicode
    /// Printable ASCII only.
    case ascii

    /// Horizontal rule: `─` or `-`.
    public var horizontal: String { self == .unicode ? "─" : "-" }
    /// Vertical rule: `│` or `|`.
    public var vertical: String { self == .unicode ? "│" : "|" }
    /// Truncation marker: `…` or `~`.
    public var ellipsis: String { self == .unicode ? "…" : "~" }
    /// A dark-to-bright character ramp for images and heatmaps without colour.
    public static let asciiRamp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
}

/// Rendering choices shared by all widgets: the glyph repertoire and whether to colour cells.
///
/// The caller decides (it knows about `isatty`, `NO_COLOR`, `TERM`); Canvas never
/// reads the environment.
public struct RenderOptions: Hashable, Sendable {
    /// Unicode or ASCII glyphs.
    public var glyphs: Glyphs
    /// Whether widgets set colours on cells.
    public var color: Bool

    /// Creates options.
    public init(glyphs: Glyphs = .unicode, color: Bool = true) {
        self.glyphs = glyphs
        self.color = color
    }

    /// Unicode glyphs with colour.
    public static let unicode = RenderOptions(glyphs: .unicode, color: true)
    /// Unicode glyphs without colour.
    public static let unicodeMonochrome = RenderOptions(glyphs: .unicode, color: false)
    /// ASCII glyphs without colour: safe for logs and dumb terminals.
    public static let ascii = RenderOptions(glyphs: .ascii, color: false)

    /// `color` if colour is enabled, otherwise `nil`.
    public func tint(_ color: CanvasColor?) -> CanvasColor? { self.color ? color : nil }
    /// `style` if colour is enabled, otherwise the same attributes without colours.
    public func tint(_ style: Style) -> Style {
        color ? style : Style(attributes: style.attributes)
    }
}

/// Something that draws itself into a rectangle of a ``Grid``.
public protocol Widget: Sendable {
    /// Draws into `area` of `grid`; nothing is written outside `area`.
    func draw(into grid: inout Grid, area: Rect)
}
