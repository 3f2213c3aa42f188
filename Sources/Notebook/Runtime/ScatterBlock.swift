import Canvas

/// Labelled points in the plane (token embeddings projected to 2-D), with a title and notes under it.
public struct ScatterBlock: Sendable, Equatable {
    public typealias Point = LabelledScatter.Point

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
