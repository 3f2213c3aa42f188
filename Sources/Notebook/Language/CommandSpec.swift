// The description of a command: its words, usage, arguments and options with their types, bounds and
// defaults. The parser binds arguments by it; `help`, the completion and docs/language.md read it.

import NeuralNet
import Datasets

/// A numeric interval used to check argument values.
public struct NumericRange: Sendable, Equatable {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double?, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// `>= value`
    public static func atLeast(_ value: Double) -> NumericRange { NumericRange(lower: value) }
    /// `> value`
    public static func greaterThan(_ value: Double) -> NumericRange { NumericRange(lower: value, lowerInclusive: false) }
    /// `[lower, upper)`
    public static func halfOpen(_ lower: Double, _ upper: Double) -> NumericRange {
        NumericRange(lower: lower, upper: upper, upperInclusive: false)
    }
    /// `(lower, upper)`
    public static func open(_ lower: Double, _ upper: Double) -> NumericRange {
        NumericRange(lower: lower, lowerInclusive: false, upper: upper, upperInclusive: false)
    }
    /// `(lower, upper]`
    public static func openClosed(_ lower: Double, _ upper: Double) -> NumericRange {
        NumericRange(lower: lower, lowerInclusive: false, upper: upper, upperInclusive: true)
    }

    public func contains(_ value: Double) -> Bool {
        if let lower {
            if lowerInclusive ? value < lower : value <= lower { return false }
        }
        if let upper {
            if upperInclusive ? value > upper : value >= upper { return false }
        }
        return true
    }

    /// Reads after "must be": "at least 1", "greater than 0", "in [0, 1)".
    public var requirement: String {
        switch (lower, upper) {
        case (let lo?, nil):
            return lowerInclusive ? "at least \(NumericRange.format(lo))" : "greater than \(NumericRange.format(lo))"
        case (nil, let hi?):
            return upperInclusive ? "at most \(NumericRange.format(hi))" : "less than \(NumericRange.format(hi))"
        case (let lo?, let hi?):
            return "in \(lowerInclusive ? "[" : "(")\(NumericRange.format(lo)), \(NumericRange.format(hi))\(upperInclusive ? "]" : ")")"
        case (nil, nil):
            return "a number"
        }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

/// What kind of value an argument takes.
public enum ValueType: Sendable, Equatable {
    case integer
    case number
    case shape
    case boolean
    case path
    /// A bound name or layer name: a bare word.
    case name
    /// A layer of the current model: 1-based index or layer name.
    case layer
    /// A word from a fixed set; `noun` is used in messages ("unknown loss ...").
    case choice(noun: String, words: [String])
    /// A whole number (an example index, range-checked) or else a path (`predict 7`, `predict cat.png`).
    case indexOrPath
    /// A percentage: a number with or without a `%` sign (`80%`, `80`, `12.5%`), range-checked as a number.
    case percent

    /// The placeholder used in syntax lines (`N`, `F`, `valid|same`, `LOSS`).
    public var placeholder: String {
        switch self {
        case .integer: return "N"
        case .number: return "F"
        case .shape: return "SHAPE"
        case .boolean: return "on|off"
        case .path: return "PATH"
        case .name: return "NAME"
        case .layer: return "LAYER"
        case .indexOrPath: return "INDEX|FILE"
        case .percent: return "P%"
        case .choice(let noun, let words):
            return words.count <= 3 ? words.joined(separator: "|") : noun.uppercased().replacing(" ", with: "_")
        }
    }

    /// Reads after "expected": "an integer", "a shape like 28x28x1".
    public var expectation: String {
        switch self {
        case .integer: return "an integer"
        case .number: return "a number"
        case .shape: return "a shape like 28x28x1"
        case .boolean: return "on/off, true/false or yes/no"
        case .path: return "a path"
        case .name: return "a name"
        case .layer: return "a layer index or name"
        case .indexOrPath: return "an index or a file path"
        case .percent: return "a percentage like 80%"
        case .choice(let noun, _): return "a\(noun.first.map { "aeiou".contains($0) } == true ? "n" : "") \(noun)"
        }
    }

    /// A short type name for help and docs.
    public var typeName: String {
        switch self {
        case .integer: return "integer"
        case .number: return "number"
        case .shape: return "shape"
        case .boolean: return "boolean"
        case .path: return "path"
        case .name: return "name"
        case .layer: return "layer"
        case .indexOrPath: return "index or path"
        case .percent: return "percentage"
        case .choice(_, let words): return "one of " + words.joined(separator: ", ")
        }
    }
}

/// One positional parameter or option of a command.
public struct ParameterSpec: Sendable, Equatable {
    /// The option key, also usable as `name=value` for positionals.
    public var name: String
    public var type: ValueType
    public var summary: String
    public var isRequired: Bool
    /// The default as source text, applied by the parser when omitted.
    public var defaultValue: String?
    /// A default described in words when it is decided later (for example
    /// "the pool size"); the parser leaves such values nil.
    public var defaultNote: String?
    public var range: NumericRange?
    /// Accepts a comma-separated list (`metrics=accuracy,top5`).
    public var allowsList: Bool
    /// When omitted, takes the value of this other parameter (a pool's
    /// stride defaults to its size); `defaultNote` says so in help.
    public var defaultFrom: String?
    private var customPlaceholder: String?

    public init(_ name: String, _ type: ValueType, _ summary: String, required: Bool = false,
                default defaultValue: String? = nil, note: String? = nil, range: NumericRange? = nil,
                list: Bool = false, placeholder: String? = nil, defaultFrom: String? = nil) {
        self.name = name
        self.type = type
        self.summary = summary
        self.isRequired = required
        self.defaultValue = defaultValue
        self.defaultNote = note
        self.range = range
        self.allowsList = list
        self.defaultFrom = defaultFrom
        self.customPlaceholder = placeholder
    }

    /// The value placeholder: `N`, `valid|same`, `FILTERS` for positionals.
    public var placeholder: String { customPlaceholder ?? type.placeholder }

    /// A `from=`/`on=` choice of data split.
    public var isSplitChoice: Bool {
        if case .choice(let noun, _) = type { return noun == "data split" }
        return false
    }

    /// How the default reads in help, or nil when there is none.
    public var defaultDescription: String? { defaultValue ?? defaultNote }
}

public enum CommandGroup: String, Sendable, CaseIterable {
    case environment = "Environment"
    case data = "Data"
    case model = "Model"
    case training = "Training"
    case inspection = "Inspection"
    case persistence = "Persistence"
}

/// One command (or one form of a verb such as `load weights`), or one layer word.
public struct CommandSpec: @unchecked Sendable {
    /// The full command name: `conv2d`, `load weights`.
    public var name: String
    /// The first word: `load`, `conv2d`.
    public var verb: String
    /// The required second word of verbs with several forms: `weights` in `load weights`.
    public var form: String?
    /// Other spellings of the verb (`exit` for `quit`).
    public var aliases: [String]
    public var group: CommandGroup
    public var summary: String
    public var positionals: [ParameterSpec]
    public var options: [ParameterSpec]
    public var example: String
    /// Longer explanation for help and docs.
    public var details: String?
    /// The registry entry of a layer command.
    public var layer: LayerEntry?
    /// The command's own grammar instead of positionals and options (`help`, `step`, `insert`,
    /// `replace`): help shows its parameters' summaries as written.
    public var hasOwnGrammar: Bool
    /// The type that parses, checks and runs this command; set by `CommandRegistry` (a metatype,
    /// immutable and safe to share across threads).
    public internal(set) var entry: (any CommandEntry.Type)?
    private var syntaxOverride: String?

    /// - Parameter name: the command's words as typed: `train`, `load weights`.
    public init(_ name: String, _ group: CommandGroup, aliases: [String] = [], _ summary: String,
                positionals: [ParameterSpec] = [], options: [ParameterSpec] = [], example: String,
                details: String? = nil, syntax: String? = nil, ownGrammar: Bool = false) {
        self.name = name
        let words = name.split(separator: " ").map(String.init)
        self.verb = words.first ?? name
        self.form = words.count > 1 ? words[1] : nil
        self.aliases = aliases
        self.group = group
        self.summary = summary
        self.positionals = positionals
        self.options = options
        self.example = example
        self.details = details
        self.layer = nil
        self.hasOwnGrammar = ownGrammar
        self.syntaxOverride = syntax
    }

    /// The command of a layer entry.
    init(layer entry: LayerEntry) {
        self.init(entry.word, .model, aliases: entry.aliases, entry.summary, positionals: entry.positionals,
                  options: entry.options, example: entry.example, details: entry.details)
        self.layer = entry
    }

    public var isLayer: Bool { layer != nil }

    /// Whether a name can be bound to what the command makes (`fm = load fashion-mnist`).
    public var canBind: Bool { entry?.canBind ?? false }

    /// What running the command may change.
    public var effect: CommandEffect { entry?.effect ?? .readsSession }

    /// The syntax line, e.g. `dropout RATE [name=NAME]`.
    public var syntax: String {
        if let syntaxOverride { return syntaxOverride }
        var parts = [name]
        for p in positionals {
            parts.append(p.isRequired ? p.placeholder : "[\(p.placeholder)]")
        }
        for o in options {
            parts.append("[\(o.name)=\(o.placeholder)\(o.allowsList ? ",..." : "")]")
        }
        return parts.joined(separator: " ")
    }

    /// Every parameter, positionals first.
    public var parameters: [ParameterSpec] { positionals + options }

    public func parameter(named name: String) -> ParameterSpec? {
        parameters.first { $0.name == name }
    }

    /// All words that start this command: the verb and its aliases.
    public var verbs: [String] { [verb] + aliases }
}
