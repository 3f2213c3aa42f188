import Canvas

/// Pictures of the plane of a 2-D data set: its points alone (`load points`), the model's prediction over
/// it with the points on top (`show boundary`, `watch boundary`), or one small picture per unit of a
/// layer (`show neurons`).
public struct PlaneBlock: Sendable, Equatable {
    /// One picture: what fills the plane and the points drawn over it.
    public struct Panel: Sendable, Equatable {
        public var caption: String
        public var field: RegionPlot.Field
        public var points: [RegionPlot.Point]
        public init(caption: String = "", field: RegionPlot.Field, points: [RegionPlot.Point] = []) {
            self.caption = caption
            self.field = field
            self.points = points
        }
    }

    public var title: String
    public var panels: [Panel]
    /// The pictures show x and y in -extent...extent.
    public var extent: Double
    /// The legend of the point marks (class names); empty for points coloured by value.
    public var classNames: [String]
    /// Lines under the pictures.
    public var footer: [String]
    /// Small pictures side by side with their captions (`show neurons`) instead of one large one.
    public var thumbnails: Bool

    public init(title: String, panels: [Panel], extent: Double, classNames: [String], footer: [String] = [], thumbnails: Bool = false) {
        self.title = title
        self.panels = panels
        self.extent = extent
        self.classNames = classNames
        self.footer = footer
        self.thumbnails = thumbnails
    }

    /// Columns of the one large picture at `width` (its rows are half as many: a square).
    public static func side(width: Int) -> Int { max(2, min(width, 48)) }
    /// Columns and rows of a thumbnail.
    public static let thumbnailSize = Size(width: 14, height: 7)

    /// The widget that draws `panel`.
    public func plot(_ panel: Panel, options: RenderOptions) -> RegionPlot {
        let range = -extent...extent
        return RegionPlot(field: panel.field, points: panel.points, xRange: range, yRange: range, options: options)
    }

    /// `● 0  ● 1`, each mark in its class's colour (a mark per class without colour).
    public func legend(options: RenderOptions) -> [(text: String, style: Style)] {
        classNames.enumerated().map { i, name in
            let mark = options.color && options.glyphs == .unicode ? "●" : RegionPlot.mark(i)
            return ("\(mark) \(name)", options.tint(Style(foreground: RegionPlot.pointColor(i))))
        }
    }
}
