/// Text attributes of a cell.
public struct CellAttributes: OptionSet, Hashable, Sendable {
    /// The attribute bits.
    public let rawValue: UInt8
    /// Creates attributes from bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold / increased intensity (SGR 1).
    public static let bold = CellAttributes(rawValue: 1 << 0)
    /// Faint / decreased intensity (SGR 2).
    public static let dim = CellAttributes(rawValue: 1 << 1)
    /// Swapped foreground and background (SGR 7).
    public static let reverse = CellAttributes(rawValue: 1 << 2)
    /// Underlined (SGR 4).
    public static let underline = CellAttributes(rawValue: 1 << 3)
}

/// Colours and attributes applied to text; the non-character half of a ``Cell``.
public struct Style: Hashable, Sendable {
    /// Foreground colour, or `nil` for the terminal default.
    public var foreground: CanvasColor?
    /// Background colour, or `nil` for the terminal default.
    public var background: CanvasColor?
    /// Bold, dim, reverse, underline.
    public var attributes: CellAttributes

    /// Creates a style. All parts default to "terminal default".
    public init(foreground: CanvasColor? = nil, background: CanvasColor? = nil, attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default style.
    public static let plain = Style()
    /// Default colours, bold.
    public static let bold = Style(attributes: .bold)
    /// Default colours, dim.
    public static let dim = Style(attributes: .dim)

    /// A copy with the given foreground colour.
    public func foreground(_ color: CanvasColor?) -> Style {
        var copy = self
        copy.foreground = color
        return copy
    }

    /// A copy with the given background colour.
    public func background(_ color: CanvasColor?) -> Style {
        var copy = self
        copy.background = color
        return copy
    }

    /// A copy with extra attributes.
    public func adding(_ attributes: CellAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }
}

/// One character position of a ``Grid``.
///
/// `symbol` holds a single grapheme (one `Character`). A wide character
/// (CJK, emoji) occupies two cells: the first holds the grapheme and the
/// second is a *continuation* cell whose symbol is the empty string.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn in this cell; `""` marks the right half of a wide character.
    public var symbol: String
    /// Foreground colour, or `nil` for the terminal default.
    public var foreground: CanvasColor?
    /// Background colour, or `nil` for the terminal default.
    public var background: CanvasColor?
    /// Bold, dim, reverse, underline.
    public var attributes: CellAttributes

    /// Creates a cell from a string grapheme (only the first `Character` is kept).
    public init(_ symbol: String = " ", foreground: CanvasColor? = nil, background: CanvasColor? = nil,
                attributes: CellAttributes = []) {
        self.symbol = symbol.first.map { String($0) } ?? ""
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Creates a cell from a character and a style.
    public init(_ character: Character, style: Style = .plain) {
        self.symbol = String(character)
        self.foreground = style.foreground
        self.background = style.background
        self.attributes = style.attributes
    }

    /// A space in the default style.
    public static let blank = Cell(" ")

    /// The colours and attributes of this cell.
    public var style: Style {
        get { Style(foreground: foreground, background: background, attributes: attributes) }
        set {
            foreground = newValue.foreground
            background = newValue.background
            attributes = newValue.attributes
        }
    }

    /// The grapheme as a `Character`, or `nil` for a continuation cell.
    public var character: Character? { symbol.first }

    /// True for the right half of a wide character.
    public var isContinuation: Bool { symbol.isEmpty }
}
