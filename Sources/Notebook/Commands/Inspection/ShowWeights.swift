/// `show weights LAYER [units=N]`: a layer's weights, a picture per unit over an image input, else a heat map.
public struct ShowWeights: CommandEntry {
    public static let spec = CommandSpec(
        "show weights", .inspection, "draw a layer's weights: a picture per unit over an image input, else a heat map",
        positionals: [Catalog.layerRef("the layer")],
        options: [ParameterSpec("units", .integer, "how many units' pictures to draw", default: "16", range: .between(1, 256))],
        example: "show weights dense_1 units=8",
        details: "A dense layer right after the image (through flatten) draws each unit's weights in the image's shape, e.g. 784 weights as 28x28; red/light is positive, blue/dark negative.")
    public static let effect = CommandEffect.readsSession

    public var layer: Located<LayerRef>
    public var units: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        layer = try a.required("layer")
        units = try a.required("units")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showWeights(layer, units: units.value)
    }
}
