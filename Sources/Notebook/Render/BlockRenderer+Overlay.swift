import Canvas

extension BlockRenderer {
    /// Heat over pictures: the title wrapped, then the tiles fitted to the width with captions and a scale.
    func overlayGrid(_ block: OverlayBlock, width: Int) -> Grid {
        var stack = GridStack(width: width)
        if let title = block.title {
            let key = verdictKey(block.items.map(\.image.verdict))
            stack.appendWrapped(title + (key.map { " (\($0))" } ?? ""), style: titleStyle)
        }
        let overlay = heatmapOverlay(block)
        guard !overlay.items.isEmpty else { return stack.grid }
        stack.append(overlay, height: overlay.size(fittingWidth: width).height)
        return stack.grid
    }

    /// The Canvas widget for a block, with captions marked as in image grids.
    func heatmapOverlay(_ block: OverlayBlock) -> HeatmapOverlay {
        let items = block.items.map { item in
            let picture = Self.pixelImage(item.image)
            let heat = item.heat.count == picture.width * picture.height ? item.heat : []
            return HeatmapOverlay.Item(image: picture, heat: heat, caption: caption(item.image),
                                       captionStyle: captionStyle(item.image.verdict))
        }
        return HeatmapOverlay(items: items, options: options)
    }
}
