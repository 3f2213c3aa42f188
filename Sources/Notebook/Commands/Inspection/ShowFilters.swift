/// `show filters LAYER`: a convolution layer's filters as small images.
public struct ShowFilters: CommandEntry {
    public static let spec = CommandSpec(
        "show filters", .inspection, "draw a convolution layer's filters as small images",
        positionals: [Catalog.layerRef("a conv2d layer")], example: "show filters 1",
        details: "Each filter is enlarged to be readable (a 3x3 filter takes 6x3 cells); over RGB input the filters are drawn in colour.")
    public static let effect = CommandEffect.readsSession

    public var layer: Located<LayerRef>

    public init(_ a: Arguments) throws(Diagnostic) {
        layer = try a.required("layer")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showFilters(layer)
    }
}
