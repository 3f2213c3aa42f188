import Canvas
import NeuralNet

/// Attention weights of one example as heat maps: what `show attention` returns and `watch` prints.
public struct AttentionBlock: Sendable, Equatable {
    public var title: String?
    /// One matrix per head (or per layer and head in the model view).
    public var panels: [AttentionPanel]
    /// Thumbnails without labels (the model view).
    public var compact: Bool

    public init(title: String?, panels: [AttentionPanel], compact: Bool = false) {
        self.title = title
        self.panels = panels
        self.compact = compact
    }

    /// The block of a watched view.
    public init(_ view: AttentionView, compact: Bool = false) {
        let panels = zip(view.captions, view.weights).map { caption, weights in
            AttentionPanel(caption: caption, weights: weights, queryLabels: view.queryLabels, keyLabels: view.keyLabels)
        }
        self.init(title: view.title, panels: panels, compact: compact)
    }
}

extension BlockRenderer {
    /// The title, then the panels side by side (wrapping), then the colour scale.
    func attentionGrid(_ block: AttentionBlock, width: Int) -> Grid {
        var stack = GridStack(width: width)
        if let title = block.title { stack.appendWrapped(title, style: titleStyle) }
        let widget = AttentionGrid(panels: block.panels, compact: block.compact, options: options, colorDepth: colorDepth)
        var grid = Grid(width: width, height: max(1, widget.height(width: width)))
        grid.draw(widget)
        stack.append(grid)
        return stack.grid
    }
}
