/// Points in the plane drawn by their labels (tokens, class names) inside a frame, the value range of
/// each axis written on the frame: an embedding projected to 2-D, where near labels mean similar vectors.
///
/// Each point's label goes at the character cell nearest its position; where that would cover another
/// label it is tried one cell right, left, up and down, and otherwise the point is a dot (`·`, `.` in
/// ASCII) and counted in ``hidden``. Points are placed in order, so put the important ones first.
/// Groups colour the labels (``LineChart/defaultColors``) when colour is on.
public struct LabelledScatter: Widget {
    /// One labelled point.
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var label: String
        public var group: Int
        public init(x: Double, y: Double, label: String, group: Int = 0) {
            self.x = x
            self.y = y
            self.label = label
            self.group = group
        }
    }

    public var points: [Point]
    public var options: RenderOptions

    public init(points: [Point], options: RenderOptions = .unicode) {
        self.points = points
        self.options = options
    }

    /// Labels drawn as a dot in `area` because every place near their point was taken.
    public func hidden(in area: Rect) -> Int {
        var grid = Grid(width: max(area.width, 1), height: max(area.height, 1))
        return place(into: &grid, area: grid.area)
    }

    public func draw(into grid: inout Grid, area: Rect) {
        _ = place(into: &grid, area: area)
    }

    /// Draws the frame, the ranges and the points; returns how many labels became dots.
    private func place(into grid: inout Grid, area: Rect) -> Int {
        guard area.width >= 8, area.height >= 4 else { return points.count }
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        let xs = finite.map(\.x), ys = finite.map(\.y)
        let (x0, x1) = (xs.min() ?? 0, xs.max() ?? 1), (y0, y1) = (ys.min() ?? 0, ys.max() ?? 1)
        let frame = options.glyphs == .ascii ? ("+", "-", "|") : ("·", "─", "│")
        let dim = options.tint(Style(foreground: .brightBlack))
        // Frame: a rule on top and bottom, the y range on the left, the x range under it.
        let inner = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 3)
        for x in area.x..<(area.x + area.width) {
            grid.put(frame.1, x: x, y: area.y, style: dim)
            grid.put(frame.1, x: x, y: area.y + area.height - 2, style: dim)
        }
        for y in (area.y + 1)..<(area.y + area.height - 2) {
            grid.put(frame.2, x: area.x, y: y, style: dim)
            grid.put(frame.2, x: area.x + area.width - 1, y: y, style: dim)
        }
        let bottom = area.y + area.height - 1
        grid.put("x " + NumberFormat.compact(x0), x: area.x, y: bottom, style: dim)
        let right = NumberFormat.compact(x1)
        grid.put(right, x: area.x + area.width - TextWidth.of(right), y: bottom, style: dim)
        grid.put(" y " + NumberFormat.compact(y1) + " ", x: area.x + 1, y: area.y, style: dim)
        grid.put(" y " + NumberFormat.compact(y0) + " ", x: area.x + 1, y: area.y + area.height - 2, style: dim)
        var taken = Set<Int>()
        var hidden = 0
        let dot = options.glyphs == .ascii ? "." : "·"
        for p in finite {
            let fx = x1 > x0 ? (p.x - x0) / (x1 - x0) : 0.5
            let fy = y1 > y0 ? (y1 - p.y) / (y1 - y0) : 0.5
            let cx = inner.x + Int((fx * Double(inner.width - 1)).rounded())
            let cy = inner.y + Int((fy * Double(inner.height - 1)).rounded())
            let label = Self.visible(p.label, ascii: options.glyphs == .ascii)
            let width = max(1, TextWidth.of(label))
            let color = LineChart.defaultColors[p.group % LineChart.defaultColors.count]
            let style = options.tint(Style(foreground: color))
            var placed = false
            for (dx, dy) in [(0, 0), (1, 0), (-width, 0), (0, -1), (0, 1)] {
                let x = cx + dx, y = cy + dy
                guard y >= inner.y, y < inner.maxY, x >= inner.x, x + width <= inner.maxX else { continue }
                let cells = (x..<(x + width)).map { y * grid.width + $0 }
                guard cells.allSatisfy({ !taken.contains($0) }) else { continue }
                grid.put(label, x: x, y: y, style: style)
                cells.forEach { taken.insert($0) }
                placed = true
                break
            }
            if !placed {
                hidden += 1
                if !taken.contains(cy * grid.width + cx) {
                    grid.put(dot, x: cx, y: cy, style: style)
                    taken.insert(cy * grid.width + cx)
                }
            }
        }
        return hidden + (points.count - finite.count)
    }

    /// A label as it can be drawn on one line: control characters and spaces as visible marks.
    static func visible(_ label: String, ascii: Bool) -> String {
        guard !label.isEmpty else { return ascii ? "''" : "∅" }
        return String(label.map { c -> Character in
            switch c {
            case "\n": return ascii ? "/" : "↵"
            case "\t": return ascii ? ">" : "⇥"
            case " ": return "_"
            default:
                if ascii && !c.isASCII { return "?" }
                return c.isWhitespace || (c.asciiValue.map { $0 < 32 } ?? false) ? "?" : c
            }
        })
    }
}
