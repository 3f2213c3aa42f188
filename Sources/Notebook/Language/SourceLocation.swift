// Source positions for the Gradbook command language.
//
// Lines and columns are 1-based. Columns count Swift `Character`s (grapheme
// clusters), which is what a terminal user sees as one cell in most cases.

/// A single position in the source: the line and column of a character.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open span of source text: `start` is the first character, `end` is
/// the position just after the last one.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// An empty range at one position (used for "something is missing here").
    public init(at location: SourceLocation) {
        self.start = location
        self.end = location
    }

    /// The smallest range covering both ranges.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    public var description: String { "\(start)-\(end)" }
}

/// Type-erased view of a `Located` value, used by the AST describer.
public protocol LocatedValue: Sendable {
    var anyValue: any Sendable { get }
    var text: String { get }
    var range: SourceRange { get }
    var isDefault: Bool { get }
}

/// A value together with where it came from.
///
/// `text` is the source text exactly as the user typed it (for a quoted string
/// it includes the quotes). When the user did not write the value and the
/// command's default was used instead, `isDefault` is true, `text` is the
/// default written as source text, and `range` points at the command word so
/// that errors about it still land somewhere sensible.
public struct Located<Value: Sendable>: Sendable, LocatedValue {
    public var value: Value
    public var range: SourceRange
    public var text: String
    public var isDefault: Bool

    public init(_ value: Value, range: SourceRange, text: String, isDefault: Bool = false) {
        self.value = value
        self.range = range
        self.text = text
        self.isDefault = isDefault
    }

    public var location: SourceLocation { range.start }
    public var anyValue: any Sendable { value }

    /// The same location with a different value (used when converting types).
    public func map<T: Sendable>(_ transform: (Value) -> T) -> Located<T> {
        Located<T>(transform(value), range: range, text: text, isDefault: isDefault)
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
