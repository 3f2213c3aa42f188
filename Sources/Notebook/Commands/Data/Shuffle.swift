/// `shuffle on|off`: shuffling of the training data before each epoch.
public struct Shuffle: CommandEntry {
    public static let spec = CommandSpec(
        "shuffle", .data, "turn shuffling of the training data before each epoch on or off",
        positionals: [ParameterSpec("enabled", .boolean, "on or off", required: true)],
        example: "shuffle off")
    public static let effect = CommandEffect.changesSession

    public var enabled: Located<Bool>

    public init(_ a: Arguments) throws(Diagnostic) {
        enabled = try a.required("enabled")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        context.session.shuffle = enabled.value
        context.session.modelEntry?.trainer?.shuffle = enabled.value
        return [.text("shuffle \(enabled.value ? "on" : "off")", style: .note)]
    }
}
