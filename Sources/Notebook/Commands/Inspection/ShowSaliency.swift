/// `show saliency N [count=K] [class=C] [from=SPLIT]`: which pixels move a class score most, over the picture.
public struct ShowSaliency: CommandEntry {
    public static let spec = CommandSpec(
        "show saliency", .inspection, "draw which pixels move a class score most (saliency), over the picture",
        positionals: [AttributionSpec.index],
        options: AttributionSpec.options,
        example: "show saliency 3 count=4",
        details: "The map is |d score / d pixel|, the largest over the channels, scaled so the hottest pixel is 1; the score is the class's logit (before softmax or sigmoid). Captions read the class explained and its probability, green when the prediction is right and red when wrong; without colour a wrong one is marked ✗ (x in ASCII).")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true

    /// The examples, class and split explained.
    public var attribution: AttributionSpec

    public init(_ a: Arguments) throws(Diagnostic) {
        attribution = try AttributionSpec(a, kind: .saliency)
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showAttribution(attribution, at: statement.verbRange)
    }
}
