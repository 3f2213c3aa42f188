// Payloads of the picture commands: `show errors`, `export`.

/// `show errors N [from=SPLIT]`
public struct ShowErrorsSpec: Sendable, Equatable {
    /// Most examples drawn.
    public var count: Located<Int>
    public var from: Located<DataSplit>
}

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

/// `export WHAT FILE [scale=N] [width=N] [height=N]`
public struct ExportSpec: Sendable, Equatable {
    public var what: Located<ExportKind>
    public var file: Located<String>
    /// Pixels per image pixel or heat map cell; nil: chosen to about 400 pixels.
    public var scale: Located<Int>?
    /// Chart size in pixels.
    public var width: Located<Int>
    public var height: Located<Int>
}
