/// `replace LAYER LAYERLINE...`: a layer of the current model swapped for a new one
/// (`replace dense_1 dense 128 relu`).
public struct Replace: CommandEntry {
    public static let spec = CommandSpec(
        "replace", .model, "replace a layer of the current model with a new one",
        positionals: [
            Catalog.layerRef("the layer to replace"),
            ParameterSpec("with", .name, "a complete layer line", required: true, placeholder: "LAYERLINE..."),
        ],
        example: "replace dense_1 dense 128 relu",
        syntax: "replace LAYER LAYERLINE...", ownGrammar: true)
    public static let effect = CommandEffect.changesModel

    /// The layer replaced.
    public var layer: Located<LayerRef>
    /// The layer line that takes its place.
    public var with: LayerSpec

    public init(layer: Located<LayerRef>, with: LayerSpec) {
        self.layer = layer
        self.with = with
    }

    /// `replace` is parsed by `parse`: a layer reference, then a whole layer line.
    public init(_ a: Arguments) throws(Diagnostic) {
        throw Diagnostic(.unexpectedToken(a.spec.name), at: a.anchor)
    }

    public static func parse(_ parser: inout LineParser, spec: CommandSpec, verbRange: SourceRange) throws(Diagnostic) -> Replace {
        let target = try parser.layerArgument(spec, anchor: verbRange)
        return Replace(layer: target, with: try parser.layerLine(context: spec.name))
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.replaceLayer(layer, with: with)
    }
}
