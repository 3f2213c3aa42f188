/// What `show latent` draws: the codes of pictures as a map, or the decoder's pictures of a grid of codes.
public enum LatentView: String, LanguageWord, CustomStringConvertible {
    case map, grid
}

/// `show latent [map|grid] [count=N] [from=SPLIT] [layer=LAYER] [size=N] [range=F]`: an autoencoder's code space.
public struct ShowLatent: CommandEntry {
    public static let spec = CommandSpec(
        "show latent", .inspection, "draw an autoencoder's codes of pictures coloured by class, or decode a grid of codes",
        positionals: [ParameterSpec("view", .choice(noun: "view", words: LatentView.words),
                                    "map: each picture's code as a point; grid: the decoder's pictures of a grid of 2-value codes",
                                    default: LatentView.map.rawValue, placeholder: "map|grid")],
        options: [
            ParameterSpec("count", .integer, "map: how many pictures", default: "1000", range: .between(2, Limits.latentPoints)),
            Catalog.splitChoice("from", "map: which split to encode", default: "train"),
            ParameterSpec("layer", .layer, "the layer whose output is the code", note: "the sampling layer's means, else the narrowest layer",
                          range: .between(1, Limits.count)),
            ParameterSpec("size", .integer, "grid: codes per side", default: "10", range: .between(1, Limits.latentGrid)),
            ParameterSpec("range", .number, "grid: codes run from -range to range in each value", default: "2", range: .openClosed(0, 100)),
        ],
        example: "show latent grid size=12 range=2.5",
        details: "The code is what the encoder gives: for a VAE the means before `sampling`, otherwise the output of layer= or of the "
            + "narrowest layer (fewest values). map draws a 2-value code as it is, a longer one by its first two principal components, "
            + "each picture drawn as its class number in its class's colour. grid needs a 2-value code and runs the layers after it.")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true
    public func examplesAtOnce(_ session: Session) -> Int {
        view.value == .grid ? size.value * size.value : min(count.value, Interpreter.latentBatch)
    }

    public var view: Located<LatentView>
    public var count: Located<Int>
    public var from: Located<DataSplit>
    public var layer: Located<LayerRef>?
    public var size: Located<Int>
    /// range=: codes run from -spread to spread.
    public var spread: Located<Double>

    public init(_ a: Arguments) throws(Diagnostic) {
        view = try a.required("view")
        count = try a.required("count")
        from = try a.required("from")
        layer = a.optional("layer")
        size = try a.required("size")
        spread = try a.required("range")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        view.value == .grid ? try context.showLatentGrid(self, at: statement.verbRange)
                            : try context.showLatentMap(self, at: statement.verbRange)
    }
}
