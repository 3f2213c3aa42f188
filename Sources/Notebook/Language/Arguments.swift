// Spec-driven argument handling: turns the raw arguments of one command
// (positional values and key=value options) into checked, typed values.

/// One argument as written, before the catalog is consulted.
enum RawArgument {
    case positional(Token)
    case option(key: Token, values: [Token])
}

/// The checked arguments of one command, keyed by parameter name, with the
/// spec's defaults applied on access. A command's `init(_:)` reads them once, by name, into typed fields:
/// `epochs = try arguments.required("epochs")`.
public struct Arguments {
    public let spec: CommandSpec
    /// Where defaulted values point: the command word(s).
    let anchor: SourceRange
    var values: [String: [Located<ArgumentValue>]] = [:]
    /// Where each option key was written (options only).
    var keyRanges: [String: SourceRange] = [:]

    func has(_ name: String) -> Bool { values[name] != nil }

    /// The value given for `name`, or the parameter's default, or nil.
    func value(_ name: String) -> Located<ArgumentValue>? {
        assert(spec.parameter(named: name) != nil, "\(spec.name) has no parameter \(name)")
        if let given = values[name]?.first { return given }
        guard let parameter = spec.parameter(named: name) else { return nil }
        if let source = parameter.defaultFrom, source != name, let from = values[source]?.first {
            return Located(from.value, range: from.range, text: from.text, isDefault: true)
        }
        guard let text = parameter.defaultValue,
              let value = Arguments.defaultValue(text, type: parameter.type) else { return nil }
        return Located(value, range: anchor, text: text, isDefault: true)
    }

    func word<W: LanguageWord>(_ name: String, as type: W.Type) -> Located<W>? {
        guard let v = value(name) else { return nil }
        return Arguments.word(v, as: type)
    }

    /// All values of a list option (or its default, as a one-element list).
    func words<W: LanguageWord>(_ name: String, as type: W.Type) -> [Located<W>] {
        let list = values[name] ?? value(name).map { [$0] } ?? []
        return list.compactMap { Arguments.word($0, as: type) }
    }

    private static func word<W: LanguageWord>(_ v: Located<ArgumentValue>, as type: W.Type) -> Located<W>? {
        guard case .word(let w) = v.value, let typed = W(rawValue: w) else { return nil }
        return v.map { _ in typed }
    }

    /// A required value; the binder has already checked presence, so a
    /// missing one means the spec and the command's parse disagree.
    func required<T>(_ value: Located<T>?, _ name: String) throws(Diagnostic) -> Located<T> {
        guard let value else {
            let placeholder = spec.parameter(named: name)?.placeholder ?? name.uppercased()
            throw Diagnostic(.missingArgument(command: spec.name, parameter: placeholder, example: spec.example),
                             at: SourceRange(at: anchor.end))
        }
        return value
    }

    static func defaultValue(_ text: String, type: ValueType) -> ArgumentValue? {
        switch type {
        case .integer: return Int(text).map(ArgumentValue.integer)
        case .number, .percent: return Double(text).map(ArgumentValue.number)
        case .boolean: return booleanValue(text).map(ArgumentValue.boolean)
        case .choice: return .word(text)
        case .shape: return nil
        case .path, .name, .indexOrPath: return .text(text)
        case .layer: return Int(text).map { .layer(.index($0)) } ?? .layer(.name(text))
        }
    }

    static func booleanValue(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "on", "true", "yes": return true
        case "off", "false", "no": return false
        default: return nil
        }
    }
}

// MARK: - Binding raw arguments to a catalog entry

enum ArgumentBinder {
    /// Checks raw arguments against `spec` and converts them.
    ///
    /// - Parameter end: where a missing argument would go (end of the line).
    static func bind(_ raw: [RawArgument], to spec: CommandSpec, anchor: SourceRange,
                     end: SourceLocation) throws(Diagnostic) -> Arguments {
        var arguments = Arguments(spec: spec, anchor: anchor)
        var firstSeen: [String: SourceLocation] = [:]

        // Positionals given by name do not take a positional slot.
        var named: Set<String> = []
        for case .option(let key, _) in raw { named.insert(splitKey(key.text.lowercased(), in: spec)) }
        var slots = spec.positionals.filter { !named.contains($0.name) }[...]

        for argument in raw {
            switch argument {
            case .positional(let token):
                guard let parameter = slots.popFirst() else {
                    // `dense 10 relu activation=tanh`: the extra value was
                    // meant for a positional that is also given by name.
                    for case .option(let key, _) in raw where spec.positionals.contains(where: { $0.name == key.text.lowercased() }) {
                        throw Diagnostic(.duplicateOption(key: key.text, first: token.location), at: key.range)
                    }
                    throw Diagnostic(.tooManyArguments(command: spec.name, found: token.text, syntax: spec.syntax), at: token.range)
                }
                arguments.values[parameter.name] = [try convert(token, for: parameter, in: spec)]
                firstSeen[parameter.name] = token.location

            case .option(let key, let tokens):
                let name = splitKey(key.text.lowercased(), in: spec)
                guard let parameter = spec.parameter(named: name) else {
                    let keras = KerasIdiom.options[key.text.lowercased()].flatMap { spec.parameter(named: $0)?.name }
                    let suggestion = keras ?? Suggestions.best(for: key.text, among: spec.parameters.map(\.name))
                    throw Diagnostic(.unknownOption(key: key.text, command: spec.name, suggestion: suggestion,
                                                    known: spec.options.map(\.name)), at: key.range)
                }
                if let first = firstSeen[name] {
                    throw Diagnostic(.duplicateOption(key: key.text, first: first), at: key.range)
                }
                if tokens.count > 1 && !parameter.allowsList {
                    throw Diagnostic(.listNotAllowed(key: key.text), at: key.range)
                }
                var converted: [Located<ArgumentValue>] = []
                for token in tokens { converted.append(try convert(token, for: parameter, in: spec)) }
                arguments.values[name] = converted
                arguments.keyRanges[name] = key.range
                firstSeen[name] = key.location
            }
        }

        for parameter in spec.positionals where parameter.isRequired && !arguments.has(parameter.name) {
            throw Diagnostic(.missingArgument(command: spec.name, parameter: parameter.placeholder, example: spec.example),
                             at: SourceRange(at: end))
        }
        return arguments
    }

    /// `from=` and `on=` name the split a command reads, whichever of the two its spec calls it: every
    /// command that reads a split accepts both.
    static func splitKey(_ key: String, in spec: CommandSpec) -> String {
        guard key == "from" || key == "on", spec.parameter(named: key) == nil else { return key }
        let other = key == "from" ? "on" : "from"
        guard let parameter = spec.parameter(named: other), parameter.isSplitChoice else { return key }
        return other
    }

    /// Converts one token to the parameter's type and checks its range.
    static func convert(_ token: Token, for parameter: ParameterSpec, in spec: CommandSpec) throws(Diagnostic) -> Located<ArgumentValue> {
        func wrongType() -> Diagnostic {
            Diagnostic(.wrongType(expected: parameter.type.expectation, parameter: parameter.name, found: token.text), at: token.range)
        }
        func checkRange(_ value: Double) throws(Diagnostic) {
            if let range = parameter.range, !range.contains(value) {
                throw Diagnostic(.outOfRange(parameter: parameter.name, command: spec.name, found: token.text,
                                             requirement: range.requirement), at: token.range)
            }
        }
        func checkShape(_ dims: [Int]) throws(Diagnostic) {
            // A shape parameter's range bounds each side (`load images size=` at most 1024).
            if let range = parameter.range, dims.contains(where: { !range.contains(Double($0)) }) {
                throw Diagnostic(.outOfRange(parameter: parameter.name, command: spec.name, found: token.text,
                                             requirement: range.requirement + " on each side"), at: token.range)
            }
            var elements = 1
            for d in dims {
                let (product, overflow) = elements.multipliedReportingOverflow(by: d)
                guard d <= Limits.dimension, !overflow, product <= Limits.elements else {
                    throw Diagnostic(.shapeTooLarge(parameter: parameter.name, found: token.text, limit: Limits.elements),
                                     at: token.range)
                }
                elements = product
            }
        }
        let value: ArgumentValue
        switch parameter.type {
        case .integer:
            if spec.layer != nil, token.kind == .word, let size = DataSize(rawValue: token.value.lowercased()) {
                // Resolved against the loaded data when the layer is built (range checked there).
                value = .dataSize(size)
                break
            }
            guard token.kind == .integer, let i = Int(token.text) else {
                guard spec.layer != nil, token.kind == .word, token.text.first?.isLetter == true else { throw wrongType() }
                throw Diagnostic(.wrongType(expected: parameter.type.expectation + " (or vocab / classes: the loaded data's size)",
                                            parameter: parameter.name, found: token.text), at: token.range)
            }
            try checkRange(Double(i))
            value = .integer(i)

        case .number:
            let d: Double?
            switch token.kind {
            case .integer: d = Int(token.text).map(Double.init)
            case .decimal: d = Scanner.decimalValue(token.text)
            default: d = nil
            }
            guard let d else { throw wrongType() }
            // The engine computes in Float: the value it will see must be in range too
            // (`dropout 0.99999999999` rounds to 1).
            try checkRange(d)
            try checkRange(Double(Float(d)))
            value = .number(d)

        case .percent:
            let d: Double?
            switch token.kind {
            case .integer: d = Int(token.text).map(Double.init)
            case .decimal: d = Scanner.decimalValue(token.text)
            case .word where token.text.hasSuffix("%"): d = Scanner.decimalValue(String(token.text.dropLast()))
            default: d = nil
            }
            guard let d, d.isFinite else { throw wrongType() }
            try checkRange(d)
            value = .number(d)

        case .shape:
            let dims: [Int]
            switch token.kind {
            case .shape: dims = token.value.split(separator: "x").compactMap { Int($0) }
            case .integer: dims = Int(token.text).map { [$0] } ?? []
            default: throw wrongType()
            }
            guard !dims.isEmpty, dims.allSatisfy({ $0 >= 1 }) else {
                throw Diagnostic(.invalidShape(parameter: parameter.name, found: token.text), at: token.range)
            }
            try checkShape(dims)
            value = .shape(Shape(dims))

        case .boolean:
            guard token.kind == .word, let b = Arguments.booleanValue(token.text) else {
                throw Diagnostic(.badBoolean(parameter: parameter.name, found: token.text), at: token.range)
            }
            value = .boolean(b)

        case .path:
            guard token.kind == .word || token.kind == .string, !token.value.isEmpty else { throw wrongType() }
            value = .text(PathResolver.resolve(token.value))

        case .name:
            guard token.kind == .word || token.kind == .string, !token.value.isEmpty else { throw wrongType() }
            value = .text(token.value)

        case .indexOrPath:
            switch token.kind {
            case .integer:
                guard let i = Int(token.text) else { throw wrongType() }
                try checkRange(Double(i))
                value = .integer(i)
            case .word, .string, .decimal, .shape:
                guard !token.value.isEmpty else { throw wrongType() }
                value = .text(PathResolver.resolve(token.value))
            default:
                throw wrongType()
            }

        case .layer:
            switch token.kind {
            case .integer:
                guard let i = Int(token.text) else { throw wrongType() }
                try checkRange(Double(i))
                value = .layer(.index(i))
            case .word:
                value = .layer(.name(token.text))
            default:
                throw wrongType()
            }

        case .choice(let noun, let words):
            let lowered = token.value.lowercased()
            guard token.kind == .word, words.contains(lowered) else {
                let suggestion = Suggestions.best(for: token.value, among: words, preferred: parameter.defaultValue)
                throw Diagnostic(.unknownChoice(noun: noun, found: token.text, suggestion: suggestion, choices: words), at: token.range)
            }
            value = .word(lowered)
        }
        return Located(value, range: token.range, text: token.text)
    }
}
