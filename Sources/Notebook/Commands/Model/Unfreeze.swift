/// `unfreeze LAYER`: a frozen layer's weights train again.
public struct Unfreeze: CommandEntry {
    public static let spec = CommandSpec(
        "unfreeze", .model, "resume training a frozen layer's weights",
        positionals: [Catalog.layerRef("the layer to unfreeze")], example: "unfreeze 1")
    public static let effect = CommandEffect.changesModel

    public var layer: Located<LayerRef>

    public init(_ a: Arguments) throws(Diagnostic) {
        layer = try a.required("layer")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.setFrozen(layer, false)
    }
}
