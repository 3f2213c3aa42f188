import Canvas

extension BlockRenderer {
    /// The title, the picture(s), the legend of the point marks and the range of the axes, then the notes.
    func planeGrid(_ block: PlaneBlock, width: Int) -> Grid {
        var stack = GridStack(width: width)
        stack.appendWrapped(block.title, style: titleStyle)
        if block.thumbnails {
            stack.append(thumbnails(block, width: width))
        } else if let panel = block.panels.first {
            let side = PlaneBlock.side(width: width)
            var picture = Grid(width: width, height: max(1, side / 2))
            picture.draw(block.plot(panel, options: options), in: Rect(x: 0, y: 0, width: side, height: max(1, side / 2)))
            stack.append(picture)
        }
        var legend = Grid(width: width, height: 1)
        var x = 0
        for (text, style) in block.legend(options: options) {
            x = legend.put(text, x: x, y: 0, style: style) + 2
        }
        let axes = "x, y in " + NumberFormat.compact(-block.extent) + "..." + NumberFormat.compact(block.extent)
        legend.put(axes, x: x, y: 0, style: .dim)
        stack.append(legend)
        for line in block.footer { stack.appendWrapped(line, style: style(for: .note)) }
        return stack.grid
    }

    /// Small pictures with their captions under them, as many to a row as fit.
    private func thumbnails(_ block: PlaneBlock, width: Int) -> Grid {
        let size = PlaneBlock.thumbnailSize, gap = 2
        let perRow = max(1, (width + gap) / (size.width + gap))
        let rows = (block.panels.count + perRow - 1) / perRow
        var grid = Grid(width: width, height: rows * (size.height + 2))
        for (i, panel) in block.panels.enumerated() {
            let x = (i % perRow) * (size.width + gap), y = (i / perRow) * (size.height + 2)
            grid.draw(block.plot(panel, options: options), in: Rect(x: x, y: y, width: min(size.width, width - x), height: size.height))
            grid.put(panel.caption, in: Rect(x: x, y: y + size.height, width: min(size.width, width - x), height: 1),
                     style: .dim, ellipsis: options.glyphs.ellipsis)
        }
        return grid
    }
}
