/// What a tensor operation rejects. Rendered once, in `description`.
public enum TensorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two operands whose shapes do not fit together.
    case shapeMismatch(op: String, lhs: [Int], rhs: [Int])
    /// One operand whose shape is wrong for the op; `expected` says what would fit.
    case badShape(op: String, shape: [Int], expected: String)
    /// An argument outside what the op accepts.
    case badArgument(op: String, message: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs):
            return "\(op): shapes \(Shape.describe(lhs)) and \(Shape.describe(rhs)) do not fit"
        case let .badShape(op, shape, expected):
            return "\(op): got shape \(Shape.describe(shape)), expected \(expected)"
        case let .badArgument(op, message):
            return "\(op): \(message)"
        }
    }
}

/// Helpers for shapes, which are plain `[Int]` arrays (outermost dimension first).
public enum Shape {
    /// `(32, 28, 28, 1)`; the empty shape (a scalar) is `()`.
    public static func describe(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
    /// Product of the dimensions; 1 for a scalar.
    public static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }
}
