/// A named series of points for a ``LineChart``.
public struct ChartSeries: Hashable, Sendable {
    /// A data point.
    public struct Point: Hashable, Sendable {
        /// Horizontal coordinate (e.g. step or epoch).
        public var x: Double
        /// Vertical coordinate (e.g. loss).
        public var y: Double
        /// Creates a point.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// Legend label; an empty name leaves the series out of the legend.
    public var name: String
    /// Points in drawing order. Points with a NaN or infinite coordinate are skipped and break the line.
    public var points: [Point]
    /// Colour of the series; `nil` picks from ``LineChart/defaultColors`` by position.
    public var color: CanvasColor?
    /// Whether consecutive points are joined by line segments (otherwise a scatter plot).
    public var connected: Bool
    /// Dash pattern of the line; `nil` lets the chart choose (solid with colour, by position without).
    public var pattern: LinePattern?

    /// A series from explicit (x, y) pairs.
    public init(name: String, points: [(x: Double, y: Double)], color: CanvasColor? = nil, connected: Bool = true,
                pattern: LinePattern? = nil) {
        self.name = name
        self.points = points.map { Point(x: $0.x, y: $0.y) }
        self.color = color
        self.connected = connected
        self.pattern = pattern
    }

    /// A series from y values only; x is the index 0, 1, 2, ….
    public init(name: String, values: [Double], color: CanvasColor? = nil, connected: Bool = true,
                pattern: LinePattern? = nil) {
        self.name = name
        self.points = values.enumerated().map { Point(x: Double($0.offset), y: $0.element) }
        self.color = color
        self.connected = connected
        self.pattern = pattern
    }

    /// This series with its y values smoothed by ``smoothed(_:weight:)``.
    public func smoothed(weight: Double) -> ChartSeries {
        var copy = self
        let ys = Self.smoothed(points.map(\.y), weight: weight)
        for i in copy.points.indices { copy.points[i].y = ys[i] }
        return copy
    }

    /// Exponential moving average with bias correction (as TensorBoard's smoothing slider).
    ///
    /// `weight` in [0, 1): 0 returns the input, values near 1 smooth heavily.
    /// Non-finite inputs are passed through unchanged and do not update the average.
    public static func smoothed(_ values: [Double], weight: Double) -> [Double] {
        let w = min(max(weight.isFinite ? weight : 0, 0), 0.999_999)
        guard w > 0 else { return values }
        var average = 0.0
        var decay = 1.0
        return values.map { value in
            guard value.isFinite else { return value }
            average = average * w + (1 - w) * value
            decay *= w
            return average / (1 - decay)
        }
    }
}
