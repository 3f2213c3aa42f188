/// `show augment [N] [index=I]`: a training picture and N augmented variants of it.
public struct ShowAugment: CommandEntry {
    public static let spec = CommandSpec(
        "show augment", .data, "draw a training picture and augmented variants of it",
        positionals: [ParameterSpec("count", .integer, "how many variants", default: "7", range: .between(1, 63), placeholder: "N")],
        options: [ParameterSpec("index", .integer, "0-based training picture", default: "0", range: .between(0, Limits.count))],
        example: "show augment 5 index=3")
    public static let effect = CommandEffect.readsSession

    public var count: Located<Int>
    public var index: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
        index = try a.required("index")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showAugment(self, at: statement.verbRange)
    }
}
