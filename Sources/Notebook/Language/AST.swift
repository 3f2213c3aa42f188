// The typed syntax tree produced by `Parser`.
//
// One `Statement` per non-empty line: an optional binding name plus a command, the value of the
// `CommandEntry` type the command words name (see CommandRegistry). Every value the user wrote is a
// `Located` value that remembers its source range and text; values the user left out are filled from
// the spec's defaults (marked `isDefault`) wherever a default exists, and are `nil` otherwise.

import TensorRuntime
import NeuralNet

// MARK: - Statement

public struct Statement: Sendable, Equatable, CustomStringConvertible {
    /// `clf` in `clf = model`.
    public var binding: Located<String>?
    /// The typed command.
    public var command: any CommandEntry
    /// The spec the command words named (`load weights`, `conv2d`).
    public var spec: CommandSpec
    /// The whole statement, binding included (comments excluded).
    public var range: SourceRange
    /// The command word(s), e.g. `load fashion-mnist` or `conv2d`.
    public var verbRange: SourceRange
    /// The statement's source text exactly as typed, without a trailing comment.
    public var source: String

    public init(binding: Located<String>?, command: any CommandEntry, spec: CommandSpec,
                range: SourceRange, verbRange: SourceRange, source: String) {
        self.binding = binding
        self.command = command
        self.spec = spec
        self.range = range
        self.verbRange = verbRange
        self.source = source
    }

    public var line: Int { range.start.line }

    /// What running the statement may change.
    public var effect: CommandEffect { type(of: command).effect }

    /// A structural description of the statement, e.g.
    /// `fm = load(fashionMNIST(subset: 1000))`. Only values the user wrote appear.
    public var description: String {
        let body = ASTDescriber.describe(command)
        if let binding { return "\(binding.value) = \(body)" }
        return body
    }

    public static func == (a: Statement, b: Statement) -> Bool {
        a.binding == b.binding && a.command.isEqual(to: b.command) && a.spec.name == b.spec.name
            && a.range == b.range && a.verbRange == b.verbRange && a.source == b.source
    }
}

// MARK: - Values several commands share

/// One layer line: the registry entry it names plus its checked arguments
/// (defaults applied where a default exists).
public struct LayerSpec: Sendable, Equatable {
    public var entry: LayerEntry
    /// The layer word as typed (`maxpooling2d` stays `maxpooling2d` here).
    public var word: Located<String>
    /// The whole layer line.
    public var range: SourceRange
    /// The layer line exactly as typed.
    public var source: String
    public var arguments: LayerArguments

    public init(entry: LayerEntry, word: Located<String>, range: SourceRange, source: String, arguments: LayerArguments) {
        self.entry = entry
        self.word = word
        self.range = range
        self.source = source
        self.arguments = arguments
    }

    /// An explicit layer name (`name=`); otherwise the interpreter names it.
    public var name: Located<String>? { arguments.text("name") }
}

/// A layer of the current model: a 1-based position or a layer name.
public enum LayerRef: Sendable, Equatable, Hashable, CustomStringConvertible {
    case index(Int)
    case name(String)

    public var description: String {
        switch self {
        case .index(let i): return String(i)
        case .name(let n): return n
        }
    }
}

/// Tensor dimensions such as 28x28x1 (batch dimension excluded).
public struct Shape: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var dimensions: [Int]
    public init(_ dimensions: [Int]) { self.dimensions = dimensions }
    public var description: String { dimensions.map(String.init).joined(separator: "x") }
}

// MARK: - Word sets

/// A word from a fixed set. `rawValue` is the spelling in the language.
///
/// The engine's enums (`ActivationKind`, `Initializer`, `Loss`, `OptimizerKind`,
/// `Metric`, `ScheduleKind`, `Padding`) are the language's words: see
/// Vocabulary.swift. The sets below exist only in the language.
public protocol LanguageWord: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

extension LanguageWord {
    public static var words: [String] { allCases.map(\.rawValue) }
}

extension LanguageWord where Self: CustomStringConvertible {
    public var description: String { rawValue }
}

public enum Monitor: String, LanguageWord, CustomStringConvertible {
    case valLoss = "val_loss", valAccuracy = "val_accuracy", loss, accuracy
}

public enum DataSplit: String, LanguageWord, CustomStringConvertible {
    case train, test, validation
}

public enum StatsKind: String, LanguageWord, CustomStringConvertible {
    case weights, grads
}

public enum ChartMetric: String, LanguageWord, CustomStringConvertible {
    case loss, accuracy, perplexity

    /// The metric's name in an epoch record (nil: the loss).
    var recordName: String? { self == .loss ? nil : rawValue }
}
