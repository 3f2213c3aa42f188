/// A colour ramp: a few RGB stops, linearly interpolated, that maps a value in
/// [0, 1] to a colour. Used by heatmaps and images.
public struct ColorRamp: Hashable, Sendable {
    /// One stop of the ramp: a position in [0, 1] and its colour.
    public struct Stop: Hashable, Sendable {
        /// Where on the ramp, in [0, 1].
        public var position: Double
        /// Red component.
        public var red: UInt8
        /// Green component.
        public var green: UInt8
        /// Blue component.
        public var blue: UInt8

        /// Creates a stop at `position` with the given RGB components.
        public init(_ position: Double, _ red: UInt8, _ green: UInt8, _ blue: UInt8) {
            self.position = position
            self.red = red
            self.green = green
            self.blue = blue
        }
    }

    /// The stops in increasing `position` order.
    public let stops: [Stop]

    /// Creates a ramp. Stops are sorted by position; at least one is required.
    public init(stops: [Stop]) {
        precondition(!stops.isEmpty, "a colour ramp needs at least one stop")
        self.stops = stops.sorted { $0.position < $1.position }
    }

    /// A perceptual dark-purple → blue → green → yellow ramp in the manner of viridis.
    public static let viridis = ColorRamp(stops: [
        Stop(0.000, 68, 1, 84), Stop(0.125, 71, 44, 122), Stop(0.250, 59, 81, 139),
        Stop(0.375, 44, 113, 142), Stop(0.500, 33, 144, 141), Stop(0.625, 39, 173, 129),
        Stop(0.750, 92, 200, 99), Stop(0.875, 170, 220, 50), Stop(1.000, 253, 231, 37),
    ])

    /// A diverging blue → white → red ramp; 0.5 is white. Use for signed values.
    public static let diverging = ColorRamp(stops: [
        Stop(0.00, 33, 102, 172), Stop(0.25, 103, 169, 207), Stop(0.50, 247, 247, 247),
        Stop(0.75, 239, 138, 98), Stop(1.00, 178, 24, 43),
    ])

    /// Black → white.
    public static let grayscale = ColorRamp(stops: [Stop(0, 0, 0, 0), Stop(1, 255, 255, 255)])

    /// The RGB colour at `t`, clamped to [0, 1]; NaN maps to 0.
    public func color(at t: Double) -> CanvasColor {
        let (r, g, b) = components(at: t)
        return .rgb(r, g, b)
    }

    /// The colour for `value` placed on the ramp by `range` (lower bound → 0, upper → 1).
    /// A degenerate range maps everything to the middle of the ramp.
    public func color(for value: Double, in range: ClosedRange<Double>) -> CanvasColor {
        color(at: Self.normalize(value, in: range))
    }

    /// The diverging position of a signed value: 0 → 0.5, `-limit` → 0, `+limit` → 1.
    public static func signedPosition(_ value: Double, limit: Double) -> Double {
        guard limit > 0, limit.isFinite else { return 0.5 }
        return 0.5 + 0.5 * (value / limit)
    }

    /// `value` mapped to [0, 1] by `range`, clamped. A zero-width range gives 0.5; NaN gives NaN.
    public static func normalize(_ value: Double, in range: ClosedRange<Double>) -> Double {
        if value.isNaN { return .nan }
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return 0.5 }
        return min(1, max(0, (value - range.lowerBound) / span))
    }

    /// The interpolated RGB components at `t`.
    public func components(at t: Double) -> (r: UInt8, g: UInt8, b: UInt8) {
        let t = t.isNaN ? 0 : min(1, max(0, t))
        guard let first = stops.first, let last = stops.last else { return (0, 0, 0) }
        if t <= first.position { return (first.red, first.green, first.blue) }
        if t >= last.position { return (last.red, last.green, last.blue) }
        for i in 1..<stops.count where t <= stops[i].position {
            let a = stops[i - 1], b = stops[i]
            let span = b.position - a.position
            let f = span > 0 ? (t - a.position) / span : 0
            func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
                UInt8(Rounding.roundToInt(Double(x) + (Double(y) - Double(x)) * f))
            }
            return (mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue))
        }
        return (last.red, last.green, last.blue)
    }
}
