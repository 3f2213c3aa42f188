/// Labelled points in the plane (token embeddings projected to 2-D), with a title and notes under it.
public struct ScatterBlock: Sendable, Equatable {
    /// One point: where, its label, and its group (the colour).
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var label: String
        public var group: Int
        public init(x: Double, y: Double, label: String, group: Int = 0) {
            self.x = x; self.y = y; self.label = label; self.group = group
        }
    }

    public var title: String
    /// Drawn in order: the first points get their labels when space is short.
    public var points: [Point]
    public var footer: [String]

    public init(title: String, points: [Point], footer: [String] = []) {
        self.title = title
        self.points = points
        self.footer = footer
    }
}
