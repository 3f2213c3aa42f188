/// `show activations LAYER [sample=N]`: a layer's outputs for one test image (a training image when the
/// data has no test split).
public struct ShowActivations: CommandEntry {
    public static let spec = CommandSpec(
        "show activations", .inspection, "draw a layer's outputs for one example",
        positionals: [Catalog.layerRef("the layer")],
        options: [ParameterSpec("sample", .integer, "0-based index of the test example", default: "0", range: .between(0, Limits.count))],
        example: "show activations conv2d_1 sample=3")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true

    public var layer: Located<LayerRef>
    public var sample: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        layer = try a.required("layer")
        sample = try a.required("sample")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showActivations(self)
    }
}
