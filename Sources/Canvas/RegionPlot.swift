/// A square of the plane coloured by what a model predicts there, with labelled points on top: the
/// picture TensorFlow Playground draws of a decision boundary (or of a fitted surface, or of one unit).
///
/// With colour and Unicode glyphs every cell holds two pixels, one above the other, through the upper half
/// block `▀` (foreground = upper pixel, background = lower pixel): each pixel takes the field's value at its
/// centre, a class as a dark shade of the class colour (``regionColor(_:)``) or a value on ``ramp``.
/// A point is drawn in its cell as `●` in the full class colour (``pointColor(_:)``) on the region colour of
/// the half it falls in, or, with ``Point/value``, in the ramp colour of its value.
///
/// Without colour (or with ASCII glyphs) each cell is one character at its centre: a class by its fill
/// character (``fills``: blank, `.`, `:`, ...), a value by the ramp `" .:-=+*#%@"`; points by a mark per
/// class (``marks``: `o`, `x`, `+`, ...), so classes stay apart by shape alone.
///
/// The area shows x in ``xRange`` left to right and y in ``yRange`` bottom to top; points outside are
/// not drawn. The field covers the same square.
public struct RegionPlot: Widget {
    /// What fills the plane: samples on a regular grid over the plotted square, row 0 at the top (largest y).
    public enum Field: Sendable, Equatable {
        /// Nothing: the points alone.
        case none
        /// A class index per sample (`columns * rows`, row-major).
        case classes(columns: Int, rows: Int, [Int])
        /// A value per sample, placed on the ramp by `range`.
        case values(columns: Int, rows: Int, [Double], range: ClosedRange<Double>)
    }

    /// One point: its position, its class and, for a regression set, its value.
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var group: Int
        /// Colours the point by the ramp instead of its class.
        public var value: Double?
        public init(x: Double, y: Double, group: Int, value: Double? = nil) {
            self.x = x
            self.y = y
            self.group = group
            self.value = value
        }
    }

    public var field: Field
    public var points: [Point]
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    /// Colours of a value field and of points with values.
    public var ramp: ColorRamp
    public var options: RenderOptions

    public init(field: Field, points: [Point] = [], xRange: ClosedRange<Double> = -1...1, yRange: ClosedRange<Double> = -1...1,
                ramp: ColorRamp = .diverging, options: RenderOptions = .unicode) {
        self.field = field
        self.points = points
        self.xRange = xRange
        self.yRange = yRange
        self.ramp = ramp
        self.options = options
    }

    /// The full colours of classes 0, 1, ...: Playground's orange and blue first.
    public static let classColors: [CanvasColor] = [
        .rgb(245, 147, 34), .rgb(8, 119, 189), .rgb(60, 180, 75), .rgb(200, 70, 200),
        .rgb(230, 200, 40), .rgb(40, 190, 200), .rgb(220, 50, 50), .rgb(170, 170, 170),
    ]
    /// Characters of class regions without colour.
    public static let fills: [String] = [" ", ".", ":", "-", "~", "=", "'", ","]
    /// Characters of points without colour, by class.
    public static let marks: [String] = ["o", "x", "+", "*", "#", "@", "%", "&"]
    /// The value ramp without colour, lowest first.
    public static let characterRamp: [String] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The colour of a point of class `group`.
    public static func pointColor(_ group: Int) -> CanvasColor { classColors[Self.index(group, classColors.count)] }

    /// The colour of the region of class `group`: its point colour at 40 % brightness.
    public static func regionColor(_ group: Int) -> CanvasColor {
        let (r, g, b) = pointColor(group).rgbComponents
        return .rgb(UInt8(Int(r) * 2 / 5), UInt8(Int(g) * 2 / 5), UInt8(Int(b) * 2 / 5))
    }

    /// The mark of a point of class `group` without colour.
    public static func mark(_ group: Int) -> String { marks[Self.index(group, marks.count)] }

    static func index(_ group: Int, _ count: Int) -> Int { ((group % count) + count) % count }

    /// Whether cells hold two pixels (colour and Unicode).
    var halfBlocks: Bool { options.color && options.glyphs == .unicode }

    public func draw(into grid: inout Grid, area: Rect) {
        guard area.width > 0, area.height > 0 else { return }
        let pixelRows = halfBlocks ? 2 * area.height : area.height
        for row in 0..<area.height {
            for column in 0..<area.width {
                let x = area.x + column, y = area.y + row
                if halfBlocks {
                    let upper = color(at: column, 2 * row, width: area.width, pixelRows: pixelRows)
                    let lower = color(at: column, 2 * row + 1, width: area.width, pixelRows: pixelRows)
                    if upper != nil || lower != nil {
                        grid.put("▀", x: x, y: y, style: Style(foreground: upper, background: lower))
                    }
                } else if let fill = character(at: column, row, width: area.width, rows: area.height) {
                    grid.put(fill, x: x, y: y, style: options.tint(Style(foreground: .brightBlack)))
                }
            }
        }
        for p in points {
            guard let (column, pixel) = place(p, width: area.width, pixelRows: pixelRows) else { continue }
            let x = area.x + column, y = area.y + (halfBlocks ? pixel / 2 : pixel)
            let pointColor = p.value.map { ramp.color(for: $0, in: valueRange) } ?? Self.pointColor(p.group)
            if halfBlocks {
                let under = color(at: column, pixel, width: area.width, pixelRows: pixelRows)
                grid.put("●", x: x, y: y, style: Style(foreground: pointColor, background: under))
            } else {
                let mark = p.value != nil ? "o" : Self.mark(p.group)
                grid.put(mark, x: x, y: y, style: options.tint(Style(foreground: pointColor, attributes: .bold)))
            }
        }
    }

    /// The cell column and pixel row of a point, nil outside the square (or not finite).
    public func place(_ p: Point, width: Int, pixelRows: Int) -> (column: Int, pixel: Int)? {
        let fx = (p.x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
        let fy = (yRange.upperBound - p.y) / (yRange.upperBound - yRange.lowerBound)
        guard fx.isFinite, fy.isFinite, fx >= 0, fx <= 1, fy >= 0, fy <= 1 else { return nil }
        return (min(width - 1, Int(fx * Double(width))), min(pixelRows - 1, Int(fy * Double(pixelRows))))
    }

    /// The range points with values are coloured by: the field's, or -1...1 without a value field.
    var valueRange: ClosedRange<Double> {
        if case let .values(_, _, _, range) = field { return range }
        return -1...1
    }

    /// The field's sample nearest the centre of pixel (`column`, `pixel`) of a `width` x `pixelRows` raster.
    private func sample(_ column: Int, _ pixel: Int, width: Int, pixelRows: Int) -> (index: Int, columns: Int, rows: Int)? {
        let (columns, rows): (Int, Int)
        switch field {
        case .none: return nil
        case let .classes(c, r, _): (columns, rows) = (c, r)
        case let .values(c, r, _, _): (columns, rows) = (c, r)
        }
        guard columns > 0, rows > 0 else { return nil }
        let c = min(columns - 1, (2 * column + 1) * columns / (2 * width))
        let r = min(rows - 1, (2 * pixel + 1) * rows / (2 * pixelRows))
        return (r * columns + c, columns, rows)
    }

    /// The colour of a pixel, nil where the field says nothing.
    public func color(at column: Int, _ pixel: Int, width: Int, pixelRows: Int) -> CanvasColor? {
        guard let s = sample(column, pixel, width: width, pixelRows: pixelRows) else { return nil }
        switch field {
        case .none: return nil
        case let .classes(_, _, labels):
            guard s.index < labels.count else { return nil }
            return Self.regionColor(labels[s.index])
        case let .values(_, _, values, range):
            guard s.index < values.count, values[s.index].isFinite else { return nil }
            return ramp.color(for: values[s.index], in: range)
        }
    }

    /// The character of a cell without colour, nil where the field says nothing.
    private func character(at column: Int, _ row: Int, width: Int, rows: Int) -> String? {
        guard let s = sample(column, row, width: width, pixelRows: rows) else { return nil }
        switch field {
        case .none: return nil
        case let .classes(_, _, labels):
            guard s.index < labels.count else { return nil }
            return Self.fills[Self.index(labels[s.index], Self.fills.count)]
        case let .values(_, _, values, range):
            guard s.index < values.count, values[s.index].isFinite else { return nil }
            let t = ColorRamp.normalize(values[s.index], in: range)
            return Self.characterRamp[min(Self.characterRamp.count - 1, Int(t * Double(Self.characterRamp.count)))]
        }
    }
}
