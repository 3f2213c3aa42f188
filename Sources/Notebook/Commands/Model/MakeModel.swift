/// `model [input=SHAPE] [name=NAME]`: a new, empty sequential model, made current (`clf = model` names it).
public struct MakeModel: CommandEntry {
    public static let spec = CommandSpec(
        "model", .model, "start a new, empty sequential model and make it current",
        options: [
            ParameterSpec("input", .shape, "input shape without the batch dimension", note: "from the current data set"),
            ParameterSpec("name", .name, "a display name for the model", note: "the bound name"),
        ],
        example: "clf = model input=28x28x1")
    public static let effect = CommandEffect.changesModel
    public static let canBind = true

    /// nil: inferred from the current data set.
    public var input: Located<Shape>?
    public var name: Located<String>?

    public init(_ a: Arguments) throws(Diagnostic) {
        input = a.optional("input")
        name = a.optional("name")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.makeModel(self, binding: statement.binding, at: statement.verbRange)
    }
}
