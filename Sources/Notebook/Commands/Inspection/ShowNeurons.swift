/// `show neurons LAYER [units=N]`: each unit of a dense layer over the plane of a 2-D point set.
public struct ShowNeurons: CommandEntry {
    public static let spec = CommandSpec(
        "show neurons", .inspection, "draw each unit of a dense layer over the plane, one small picture per unit (2-D points)",
        positionals: [Catalog.layerRef("a dense layer (name or number)")],
        options: [ParameterSpec("units", .integer, "how many units to draw", default: "16", range: .between(1, 64))],
        example: "show neurons dense_1",
        details: "As TensorFlow Playground's neuron thumbnails: the model up to the layer runs on a 28x28 grid over the plane of the "
            + "current `load points` set, and each unit's output is a picture, blue where negative, white at 0, red where positive "
            + "(a character ramp without colour), on one scale for the whole layer. The model must take inputs of shape [2].")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true
    public func examplesAtOnce(_ session: Session) -> Int { Interpreter.neuronResolution * Interpreter.neuronResolution }

    public var layer: Located<LayerRef>
    public var units: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        layer = try a.required("layer")
        units = try a.required("units")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showNeurons(self, at: statement.verbRange)
    }
}
