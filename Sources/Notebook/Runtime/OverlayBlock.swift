/// Heat maps laid over the pictures they explain: saliency or Grad-CAM of a few examples.
public struct OverlayBlock: Sendable, Equatable {
    /// One picture with its heat map.
    public struct Item: Sendable, Equatable {
        /// The picture, its caption and whether the prediction is right.
        public var image: ImageGridBlock.Image
        /// Heat per pixel in [0, 1], row-major, `image.width * image.height` values.
        public var heat: [Float]
        public init(image: ImageGridBlock.Image, heat: [Float]) {
            self.image = image
            self.heat = heat
        }
    }
    public var title: String?
    /// Which map this is (`export saliency` and `export gradcam` find it by this).
    public var kind: AttributionKind
    public var items: [Item]
    public init(title: String?, kind: AttributionKind, items: [Item]) {
        self.title = title
        self.kind = kind
        self.items = items
    }
}
