/// `insert AT LAYERLINE...`: a new layer before layer AT of the current model (`insert 2 dropout 0.25`).
public struct Insert: CommandEntry {
    public static let spec = CommandSpec(
        "insert", .model, "insert a layer before the given layer of the current model",
        positionals: [
            ParameterSpec("at", .layer, "the layer the new one goes before", required: true, range: .between(1, Limits.count), placeholder: "AT"),
            ParameterSpec("layer", .name, "a complete layer line", required: true, placeholder: "LAYERLINE..."),
        ],
        example: "insert 2 dropout 0.25",
        details: "AT is a 1-based index or a layer name; everything after it is an ordinary layer line.",
        syntax: "insert AT LAYERLINE...", ownGrammar: true)
    public static let effect = CommandEffect.changesModel

    /// The layer the new one goes before (one past the last appends).
    public var at: Located<LayerRef>
    public var layer: LayerSpec

    public init(at: Located<LayerRef>, layer: LayerSpec) {
        self.at = at
        self.layer = layer
    }

    /// `insert` is parsed by `parse`: a layer reference, then a whole layer line.
    public init(_ a: Arguments) throws(Diagnostic) {
        throw Diagnostic(.unexpectedToken(a.spec.name), at: a.anchor)
    }

    public static func parse(_ parser: inout LineParser, spec: CommandSpec, verbRange: SourceRange) throws(Diagnostic) -> Insert {
        let at = try parser.layerArgument(spec, anchor: verbRange)
        return Insert(at: at, layer: try parser.layerLine(context: spec.name))
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.insertLayer(layer, at: at)
    }
}
