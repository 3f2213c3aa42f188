// The words of `export`: which shown block it writes.

/// Which shown block `export` writes.
public enum ExportKind: String, LanguageWord, CustomStringConvertible {
    /// The latest chart, heat map or image grid.
    case last
    case chart
    case heatmap
    case images
    /// The latest attention heat map (`show attention`, `watch attention`).
    case attention
    /// The latest `show saliency` or `show gradcam`.
    case saliency
    case gradcam
}

