/// `watch samples [N]`: after each epoch of `train gan`, the generator's pictures of N fixed codes.
public struct WatchSamples: CommandEntry {
    public static let spec = CommandSpec(
        "watch samples", .inspection, "redraw the generator's pictures of the same codes after every epoch of `train gan`",
        positionals: [ParameterSpec("count", .integer, "how many pictures", default: "16", range: .between(1, Limits.pictures), placeholder: "N")],
        example: "watch samples 16",
        details: "The codes are drawn once from a fixed seed, so the pictures of successive epochs can be compared. `watch off` stops it.")
    public static let effect = CommandEffect.changesDisplay

    public var count: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        context.watchSamples(self)
    }
}
