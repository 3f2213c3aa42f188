/// A layer line (`conv2d 32 3 relu`, `dense 10 softmax`): the layer is appended to the current model.
/// One spec per word of the layer registry; adding a layer kind is one `LayerRegistry` entry.
public struct LayerLine: CommandEntry {
    public static var spec: CommandSpec { specs[0] }
    public static let specs = LayerRegistry.entries.map(CommandSpec.init(layer:))
    public static let effect = CommandEffect.changesModel

    public var layer: LayerSpec

    public init(layer: LayerSpec) { self.layer = layer }

    /// Layer lines are parsed by `parse`, which keeps the word as typed.
    public init(_ a: Arguments) throws(Diagnostic) {
        throw Diagnostic(.unexpectedToken(a.spec.name), at: a.anchor)
    }

    public static func parse(_ parser: inout LineParser, spec: CommandSpec, verbRange: SourceRange) throws(Diagnostic) -> LayerLine {
        let word = parser.text(of: verbRange)
        return LayerLine(layer: try parser.layerArguments(spec, spec.layer ?? LayerRegistry.entries[0],
                                                         word: Located(word, range: verbRange, text: word)))
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.addLayer(layer, at: statement.verbRange)
    }
}
