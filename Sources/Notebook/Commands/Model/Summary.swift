/// `summary [formulas=on]`: the current model's layers, output shapes and parameter counts (and how each
/// count is made up).
public struct Summary: CommandEntry {
    public static let spec = CommandSpec(
        "summary", .model, "print the current model's layers, output shapes and parameter counts",
        options: [ParameterSpec("formulas", .boolean, "on: add each layer's parameter count as a formula, e.g. 3*3*1*8 + 8",
                                default: "off")],
        example: "summary formulas=on")
    public static let effect = CommandEffect.readsSession

    /// On: the Formula column.
    public var formulas: Located<Bool>

    public init(_ a: Arguments) throws(Diagnostic) {
        formulas = try a.required("formulas")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        let m = try context.requireModel(at: statement.verbRange)
        return [formulas.value ? try context.summaryFormulaBlock(of: m, at: statement.verbRange) : try context.summaryBlock(of: m)]
    }
}
