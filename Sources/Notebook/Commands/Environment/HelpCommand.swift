/// `help`, `help conv2d`, `help load weights`, `help relu`: the overview, a command's entry, a verb's
/// forms or a word of the language.
public struct HelpCommand: CommandEntry {
    public static let spec = CommandSpec(
        "help", .environment, "list the commands, or explain one",
        positionals: [ParameterSpec("topic", .name, "a command, layer, verb such as load, or any word of the language", placeholder: "COMMAND")],
        example: "help conv2d",
        details: "For verbs with several forms, help lists the forms: help load, help show. Ask for one form with help load weights. Words of the language have help too: help relu, help adam, help lr, help padding. "
            + "So do the ideas behind the numbers: help params (every layer kind's parameter count as a formula), help formulas, help flops, help receptive.",
        syntax: "help [COMMAND]", ownGrammar: true)
    public static let effect = CommandEffect.pure

    /// The canonical command or verb name (aliases resolved), or a word of the language; nil: the overview.
    public var topic: Located<String>?

    public init(topic: Located<String>?) { self.topic = topic }

    public init(_ a: Arguments) throws(Diagnostic) {
        topic = a.optional("topic")
    }

    public static func parse(_ parser: inout LineParser, spec: CommandSpec, verbRange: SourceRange) throws(Diagnostic) -> HelpCommand {
        HelpCommand(topic: try parser.helpTopic(spec))
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        [.text(Help.lines(for: topic?.value).joined(separator: "\n"))]
    }
}
