/// `remove LAYER`: a layer taken out of the current model (`remove 3`, `remove dropout_1`).
public struct Remove: CommandEntry {
    public static let spec = CommandSpec(
        "remove", .model, "remove a layer from the current model",
        positionals: [Catalog.layerRef("the layer to remove")], example: "remove 3")
    public static let effect = CommandEffect.changesModel

    public var layer: Located<LayerRef>

    public init(_ a: Arguments) throws(Diagnostic) {
        layer = try a.required("layer")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.removeLayer(layer)
    }
}
