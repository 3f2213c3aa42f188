/// What a tensor operation rejects. The text comes from `ReportableError` (`message`, then the hint).
public enum TensorError: ReportableError, Equatable {
    /// Two operands whose shapes do not fit together.
    case shapeMismatch(op: String, lhs: [Int], rhs: [Int])
    /// One operand whose shape is wrong for the op; `expected` says what would fit.
    case badShape(op: String, shape: [Int], expected: String)
    /// An argument outside what the op accepts.
    case badArgument(op: String, message: String)

    public var message: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs):
            return "\(op): shapes \(Shape.describe(lhs)) and \(Shape.describe(rhs)) do not fit"
        case let .badShape(op, shape, expected):
            return "\(op): got shape \(Shape.describe(shape)), expected \(expected)"
        case let .badArgument(op, message):
            return "\(op): \(message)"
        }
    }

    /// Tensor errors name the op and the shapes; what to change depends on the caller, which adds its own hint.
    public var hint: String? { nil }
}

/// Helpers for shapes, which are plain `[Int]` arrays (outermost dimension first).
public enum Shape {
    /// `(32, 28, 28, 1)`; the empty shape (a scalar) is `()`.
    public static func describe(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Product of the dimensions; 1 for a scalar. Never traps: a product beyond `Int.max` saturates to
    /// `Int.max`. Use `checkedCount` where the result sizes an allocation.
    public static func count(_ shape: [Int]) -> Int {
        (try? checkedCount(shape, op: "shape")) ?? Int.max
    }

    /// Product of the dimensions; 1 for a scalar, 0 when any dimension is 0.
    /// Throws `TensorError.badShape` naming `op` when the product does not fit in an `Int`.
    public static func checkedCount(_ shape: [Int], op: String) throws -> Int {
        if shape.contains(0) { return 0 }
        var product = 1
        for d in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: d)
            guard !overflow else {
                throw TensorError.badShape(op: op, shape: shape, expected: "at most \(Int.max) values in all")
            }
            product = next
        }
        return product
    }

    /// `a * b`, or `Int.max` when the product overflows (for byte counts that are only reported).
    public static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : p
    }

    /// `a + b`, or `Int.max` when the sum overflows.
    public static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (s, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : s
    }
}
