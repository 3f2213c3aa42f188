// A command of the language is one type conforming to `CommandEntry`: it declares its spec (usage,
// arguments, bounds, defaults: what help, completion and docs/language.md show), its effect, whether a
// name can be bound to it, a typed parse, a pure check against the session and its run.
//
// Adding a command: one file under Sources/Notebook/Commands/ and one line in `CommandRegistry.entries`.

/// What running a command may change. The notebook's rules derive from it: which commands may wait
/// behind a training run, and which lines `save session` writes so a replay rebuilds the session.
public enum CommandEffect: String, Sendable, CaseIterable {
    /// Needs nothing of the session (`help`, `quit`).
    case pure
    /// Reads the session and its models and changes nothing (`summary`, `show ...`, `evaluate`).
    case readsSession
    /// Writes the files it names and changes nothing in the session (`save weights`, `export`).
    case writesFiles
    /// Changes only what the notebook shows (`watch`).
    case changesDisplay
    /// Runs training steps on the current model and puts every weight back (`profile`).
    case borrowsModel
    /// Changes settings, data or files the session later reads (`seed`, `load`, `split`, `make-dataset`).
    case changesSession
    /// Changes a model: its layers, its training setup or its weights (`dense`, `compile`, `train`).
    case changesModel
    /// Runs the lines of a file; each of them is logged on its own (`run`).
    case runsLines

    /// `save session` keeps the line: replaying it is needed to rebuild the session.
    public var isReplayed: Bool { self == .changesSession || self == .changesModel }

    /// The line may wait in the queue while training runs (it cannot change what is training).
    public var mayWaitForTraining: Bool { self == .pure || self == .readsSession || self == .writesFiles }
}

/// One command of the language: its declaration, typed parse, check and run.
public protocol CommandEntry: Sendable, Equatable {
    /// Usage, arguments and options: one spec per command (layers: `specs`, one per layer word).
    static var spec: CommandSpec { get }
    /// Every spec the type parses; `[spec]` unless one type serves several words.
    static var specs: [CommandSpec] { get }
    static var effect: CommandEffect { get }
    /// A name can be bound to what the command makes (`fm = load fashion-mnist`, `clf = model`).
    static var canBind: Bool { get }
    /// The command runs the current model on the current data: before it runs, the model must still take
    /// the data's examples and give the outputs its loss needs (`ModelFit`).
    static var runsModel: Bool { get }
    /// How many examples a command that runs the model passes through it at once (1 by default: one
    /// picture, one prediction); the memory check before it runs is for that many.
    func examplesAtOnce(_ session: Session) -> Int

    /// The typed value of the arguments the parser bound to `arguments.spec` (defaults applied).
    init(_ arguments: Arguments) throws(Diagnostic)
    /// Parses the rest of a line whose command words the parser has read. By default the arguments are
    /// bound to the spec's positionals and options, then `init(_:)` runs; commands with a grammar of their
    /// own (`help`, `step`, `insert`, `replace`) override it.
    static func parse(_ parser: inout LineParser, spec: CommandSpec, verbRange: SourceRange) throws(Diagnostic) -> Self
    /// Refuses, with a located error, what cannot run against the session as it is. Pure: changes nothing.
    func check(_ session: Session, at range: SourceRange) throws
    /// Runs the command; output comes back as blocks (long commands also stream through `context.emit`).
    func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock]
}

extension CommandEntry {
    public static var specs: [CommandSpec] { [spec] }
    public static var canBind: Bool { false }
    public static var runsModel: Bool { false }
    public func examplesAtOnce(_ session: Session) -> Int { 1 }

    public static func parse(_ parser: inout LineParser, spec: CommandSpec, verbRange: SourceRange) throws(Diagnostic) -> Self {
        try Self(parser.boundArguments(spec, anchor: verbRange))
    }

    public func check(_ session: Session, at range: SourceRange) throws {}

    /// Equality across entries of any type (statements compare their commands with it).
    func isEqual(to other: any CommandEntry) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
