// Errors in Gradbook source, and the one place where they become text.
//
// Every problem the scanner or parser finds is a `Diagnostic`: a typed `Kind`
// with its payload plus the source range of the offending token. `message`
// and `hint` are derived from the kind here and nowhere else, and `rendered`
// produces the line users see:
//
//     <input>:3:8: error: unknown layer 'conv2' - did you mean 'conv2d'?

public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        // MARK: Lexical
        /// A `"` without a closing `"` on the same line.
        case unterminatedString
        /// A character that cannot start any token.
        case strayCharacter(String)
        /// Starts like a number but is not one (`3a`, `1e`, `3-4`).
        case malformedNumber(String)
        /// Looks like a shape but is not one (`28x`, `28xx1`).
        case malformedShape(String)
        /// A number that does not fit (integer overflow, infinite decimal).
        case numberTooLarge(String)

        // MARK: Statements and bindings
        /// `= model`: nothing to bind before `=`.
        case missingBindingName
        /// `my-model = model`, `3 = model`.
        case invalidBindingName(String)
        /// `x =` with nothing after it.
        case missingCommand(binding: String)
        /// `x = dense 10`: only `model` and `load <data set>` produce something to name.
        case notBindable(name: String, command: String)
        case unknownCommand(String, suggestion: String?)
        /// `help relx`: a word that is neither a command nor any other word of the language.
        case unknownTopic(String, suggestion: String?)
        /// Inside `insert`/`replace`: a word that is no command at all.
        case unknownLayer(String, suggestion: String?)
        /// Inside `insert`/`replace`: a command that is not a layer.
        case notALayer(String, command: String)
        /// `load fashion`: a verb with forms followed by an unknown form.
        case unknownForm(command: String, found: String, suggestion: String?, forms: [String])
        /// `load` on its own.
        case missingForm(command: String, forms: [String], example: String)

        // MARK: Arguments
        /// `conv2d 32`: a required argument is missing. `parameter` is its
        /// placeholder as written in the syntax line (`KERNEL`).
        case missingArgument(command: String, parameter: String, example: String)
        case tooManyArguments(command: String, found: String, syntax: String)
        case unknownOption(key: String, command: String, suggestion: String?, known: [String])
        /// The same option twice, or an argument given both by position and by name.
        case duplicateOption(key: String, first: SourceLocation)
        /// `metrics=accuracy,accuracy`: a list option with a repeated value.
        case duplicateValue(key: String, value: String, first: SourceLocation)
        /// A shape whose dimensions multiply beyond `limit` elements.
        case shapeTooLarge(parameter: String, found: String, limit: Int)
        /// `Conv2D(32, (3,3), activation='relu')`: a Keras call; `suggestion` is the Gradbook line.
        case kerasCall(name: String, suggestion: String?, example: String)
        /// A Keras line or word that is not a layer call (`model.fit(...)`, `import`, `LSTM(64)`) and its Gradbook answer.
        case kerasLine(found: String, answer: String)
        /// `lr=` with no value.
        case missingOptionValue(key: String)
        /// `lr=0.1,0.2` for an option that takes one value.
        case listNotAllowed(key: String)
        /// A token that cannot appear where it is (a stray `=` or `,`).
        case unexpectedToken(String)
        /// A value of the wrong type; `expected` reads like "an integer".
        case wrongType(expected: String, parameter: String, found: String)
        /// A number outside its allowed range; `requirement` reads like "in [0, 1)".
        case outOfRange(parameter: String, command: String, found: String, requirement: String)
        /// A shape with a zero dimension.
        case invalidShape(parameter: String, found: String)
        case badBoolean(parameter: String, found: String)
        /// A word outside a fixed set; `noun` names the set ("loss", "activation").
        case unknownChoice(noun: String, found: String, suggestion: String?, choices: [String])
        /// `set` with no options.
        case needsOption(command: String, example: String)
        /// `gamma=0.5` without `schedule=step`.
        case optionNotApplicable(key: String, requirement: String)
        /// A specific word or value was expected (used by `step`).
        case expected(what: String, found: String, example: String?)
    }

    public var kind: Kind
    /// The offending token (or, for something missing, the place it should be).
    public var range: SourceRange

    public init(_ kind: Kind, at range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public var location: SourceLocation { range.start }
    public var line: Int { range.start.line }
    public var column: Int { range.start.column }

    /// The main sentence of the error.
    public var message: String {
        switch kind {
        case .unterminatedString:
            return "unterminated string"
        case .strayCharacter(let c):
            return Diagnostic.strayMessage(c)
        case .malformedNumber(let text):
            return "malformed number '\(text)'"
        case .malformedShape(let text):
            return "malformed shape '\(text)'"
        case .numberTooLarge(let text):
            return "number '\(text)' is too large"
        case .missingBindingName:
            return "'=' needs a name before it"
        case .invalidBindingName(let name):
            return "invalid name '\(name)'"
        case .missingCommand(let name):
            return "expected a command after '\(name) ='"
        case .notBindable(let name, let command):
            return "cannot bind '\(name)': \(command) produces nothing to name"
        case .unknownCommand(let word, _):
            return "unknown command '\(word)'"
        case .unknownTopic(let word, _):
            return "no help for '\(word)'"
        case .unknownLayer(let word, _):
            return "unknown layer '\(word)'"
        case .notALayer(let word, _):
            return "'\(word)' is not a layer"
        case .unknownForm(let command, let found, _, _):
            return "unknown form '\(found)' for \(command)"
        case .missingForm(let command, let forms, let example):
            return "\(command) needs one of \(Diagnostic.list(forms, conjunction: "or")) (e.g. \(example))"
        case .missingArgument(let command, let parameter, let example):
            return "\(command) needs \(parameter) (e.g. \(example))"
        case .tooManyArguments(let command, let found, _):
            return "too many arguments for \(command): unexpected '\(found)'"
        case .unknownOption(let key, let command, _, _):
            return "unknown option '\(key)' for \(command)"
        case .duplicateOption(let key, _):
            return "duplicate option '\(key)'"
        case .duplicateValue(let key, let value, _):
            return "\(key) lists '\(value)' twice"
        case .shapeTooLarge(let parameter, let found, let limit):
            return "shape '\(found)' for '\(parameter)' has more than \(limit) elements"
        case .kerasCall(let name, _, _):
            return "Gradbook layers are not Keras calls: '\(name)(...)'"
        case .kerasLine(let found, _):
            return "\(found) is Keras, not Gradbook"
        case .missingOptionValue(let key):
            return "option '\(key)' needs a value after '='"
        case .listNotAllowed(let key):
            return "option '\(key)' takes a single value, not a list"
        case .unexpectedToken(let text):
            return "unexpected '\(text)'"
        case .wrongType(let expected, let parameter, let found):
            return "expected \(expected) for '\(parameter)', found '\(found)'"
        case .outOfRange(let parameter, let command, let found, let requirement):
            return "\(parameter) \(found) for \(command) must be \(requirement)"
        case .invalidShape(let parameter, let found):
            return "shape '\(found)' for '\(parameter)' has a zero dimension"
        case .badBoolean(let parameter, let found):
            return "expected on/off, true/false or yes/no for '\(parameter)', found '\(found)'"
        case .unknownChoice(let noun, let found, _, _):
            return "unknown \(noun) '\(found)'"
        case .needsOption(let command, let example):
            return "\(command) needs at least one option (e.g. \(example))"
        case .optionNotApplicable(let key, let requirement):
            return "option '\(key)' only applies with \(requirement)"
        case .expected(let what, let found, _):
            return "expected \(what), found '\(found)'"
        }
    }

    /// A short follow-up: a suggestion, the valid choices, or the syntax.
    public var hint: String? {
        switch kind {
        case .unterminatedString:
            return "close it with '\"'"
        case .malformedShape:
            return "write a shape as sizes joined by x, e.g. 28x28x1"
        case .invalidBindingName:
            return "names start with a letter or '_' and contain only letters, digits and '_'"
        case .missingBindingName:
            return "e.g. clf = model"
        case .missingCommand(let name):
            return "e.g. \(name) = model"
        case .notBindable:
            return "only model and load <data set> can be named"
        case .unknownCommand(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "type help for the list of commands"
        case .unknownTopic(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "type help for the list of commands"
        case .unknownLayer(_, let suggestion):
            return suggestion.map { "did you mean '\($0)'?" } ?? "type help for the list of layers"
        case .notALayer(_, let command):
            return "\(command) takes a layer line, e.g. \(command == "replace" ? "replace 2 dense 64 relu" : "insert 2 dropout 0.25")"
        case .unknownForm(let command, _, let suggestion, let forms):
            if let suggestion { return "did you mean '\(command) \(suggestion)'?" }
            return "expected \(Diagnostic.list(forms, conjunction: "or"))"
        case .tooManyArguments(_, _, let syntax):
            return "usage: \(syntax)"
        case .unknownOption(_, let command, let suggestion, let known):
            if let suggestion { return "did you mean '\(suggestion)'?" }
            if known.isEmpty { return "\(command) takes no options" }
            return "options: \(known.joined(separator: ", "))"
        case .duplicateOption(_, let first):
            return "first given at \(first)"
        case .duplicateValue(_, _, let first):
            return "first given at \(first); give each once"
        case .shapeTooLarge:
            return "each dimension is at most \(Limits.dimension)"
        case .kerasCall(_, let suggestion, let example):
            return "write it as a layer line: \(suggestion ?? example)"
        case .kerasLine(_, let answer):
            return "in Gradbook: \(answer)"
        case .unexpectedToken(let text):
            if text == "," { return "only list options such as metrics=accuracy,top5 take commas" }
            if text == "==" { return "options are written key=value, with one '='; only expect compares, e.g. expect accuracy == 1" }
            if ["<", "<=", ">", ">="].contains(text) { return "only expect compares, e.g. expect accuracy >= 0.9" }
            return "options are written key=value"
        case .unknownChoice(_, _, let suggestion, let choices):
            if let suggestion { return "did you mean '\(suggestion)'?" }
            return "expected \(Diagnostic.list(choices, conjunction: "or"))"
        case .expected(_, _, let example):
            return example.map { "e.g. \($0)" }
        case .strayCharacter, .malformedNumber, .numberTooLarge, .missingForm, .missingArgument,
             .missingOptionValue, .listNotAllowed, .wrongType, .outOfRange, .invalidShape,
             .badBoolean, .needsOption, .optionNotApplicable:
            return nil
        }
    }

    /// The full one-line rendering: `file:line:column: error: message - hint`.
    /// `file` defaults to `<input>`.
    public func rendered(file: String? = nil) -> String {
        var text = "\(file ?? "<input>"):\(line):\(column): error: \(message)"
        if let hint { text += " - \(hint)" }
        return text
    }

    public var description: String { rendered() }

    /// Renders a list of diagnostics, one line each.
    public static func render(_ diagnostics: [Diagnostic], file: String? = nil) -> [String] {
        diagnostics.map { $0.rendered(file: file) }
    }

    static func list(_ items: [String], conjunction: String) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }
}
