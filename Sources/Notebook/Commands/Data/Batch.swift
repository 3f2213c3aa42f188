/// `batch N`: the mini-batch size, of the session and of the current model's trainer.
public struct Batch: CommandEntry {
    public static let spec = CommandSpec(
        "batch", .data, "set the mini-batch size",
        positionals: [ParameterSpec("size", .integer, "examples per batch", required: true, range: .between(1, Limits.batch), placeholder: "N")],
        example: "batch 64")
    public static let effect = CommandEffect.changesSession

    public var size: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        size = try a.required("size")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        context.session.batchSize = size.value
        context.session.modelEntry?.trainer?.batchSize = size.value
        return [.text("batch size \(size.value)", style: .note)]
    }
}
