/// `freeze LAYER`: the layer's weights stop training (they keep their values).
public struct Freeze: CommandEntry {
    public static let spec = CommandSpec(
        "freeze", .model, "stop training a layer's weights",
        positionals: [Catalog.layerRef("the layer to freeze")], example: "freeze conv2d_1")
    public static let effect = CommandEffect.changesModel

    public var layer: Located<LayerRef>

    public init(_ a: Arguments) throws(Diagnostic) {
        layer = try a.required("layer")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.setFrozen(layer, true)
    }
}
