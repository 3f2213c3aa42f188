// The payload `show saliency` and `show gradcam` share.

/// Which map a heat overlay shows: `show saliency`, `show gradcam`, or a patch model's attention.
public enum AttributionKind: String, Sendable, Equatable {
    case saliency
    case gradcam
    case attention
}

/// `show saliency N [count=K] [class=C] [from=SPLIT]`, `show gradcam LAYER N [count=K] [class=C] [from=SPLIT]`
public struct AttributionSpec: Sendable, Equatable {
    public var kind: AttributionKind
    /// The layer Grad-CAM looks at (nil for saliency).
    public var layer: Located<LayerRef>?
    /// The first example, 0-based.
    public var index: Located<Int>
    /// How many examples from `index` on.
    public var count: Located<Int>
    /// The class explained; nil: each example's predicted class.
    public var classIndex: Located<Int>?
    public var from: Located<DataSplit>
}
