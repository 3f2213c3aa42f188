/// `show gradcam LAYER N [count=K] [class=C] [from=SPLIT]`: which parts of a conv layer's feature map speak
/// for a class, over the picture.
public struct ShowGradCAM: CommandEntry {
    public static let spec = CommandSpec(
        "show gradcam", .inspection, "draw which parts of a conv layer's feature map speak for a class (Grad-CAM), over the picture",
        positionals: [Catalog.layerRef("a layer with a feature map output (conv2d, pooling)"), AttributionSpec.index],
        options: AttributionSpec.options,
        example: "show gradcam conv2d_2 0 count=4",
        details: "Each channel of the layer's output is weighted by the mean gradient of the class's logit over it; the weighted sum, negatives cut, is enlarged to the picture and scaled so the hottest pixel is 1. The last conv layer usually gives the clearest map.")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true

    /// The layer, examples, class and split explained.
    public var attribution: AttributionSpec

    public init(_ a: Arguments) throws(Diagnostic) {
        attribution = try AttributionSpec(a, kind: .gradcam)
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showAttribution(attribution, at: statement.verbRange)
    }
}
