/// How a chart line is dashed: an on/off mask repeated along the dots of the
/// line's path, so series stay apart without colour.
///
/// The data points themselves are always drawn; the mask applies to the dots
/// between them.
public struct LinePattern: Hashable, Sendable {
    /// On/off per dot along the path, repeated; never empty.
    public let mask: [Bool]

    /// Creates a pattern; an empty mask draws a solid line.
    public init(_ mask: [Bool]) {
        self.mask = mask.contains(true) ? mask : [true]
    }

    /// Every dot.
    public static let solid = LinePattern([true])
    /// Every other dot.
    public static let dotted = LinePattern([true, false])
    /// Two dots on, two off.
    public static let dashed = LinePattern([true, true, false, false])
    /// One dot in four.
    public static let sparse = LinePattern([true, false, false, false])
    /// Three on, one off, one on, one off.
    public static let dashDot = LinePattern([true, true, true, false, true, false])
    /// Patterns given to series by position when a chart is drawn without colour.
    public static let cycle: [LinePattern] = [.solid, .dotted, .dashed, .sparse, .dashDot]

    /// Whether the `step`-th dot along the path is drawn.
    public func isOn(_ step: Int) -> Bool {
        let index = step % mask.count
        return mask[index < 0 ? index + mask.count : index]
    }
}
