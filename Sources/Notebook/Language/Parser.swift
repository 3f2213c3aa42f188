// The parser: tokens in, typed statements out, one line at a time.
//
// Grammar (see docs/language.md for the full EBNF):
//
//   program   = { line } ;
//   line      = [ statement ] NEWLINE ;
//   statement = [ binding ] command ;
//   binding   = NAME "=" ;
//   command   = verb [ form ] { argument } ;
//   argument  = option | value ;
//   option    = WORD "=" value { "," value } ;
//   value     = WORD | INTEGER | DECIMAL | SHAPE | STRING ;
//
// Each rule is one method below. The catalog decides what the arguments of
// each command mean; a few commands with their own shape (help, step,
// insert, replace) have their own methods. A line with an error yields one
// diagnostic and no statement; parsing resumes on the next line.

/// The result of parsing some source: the statements of the lines that
/// parsed, and one diagnostic for each line that did not.
public struct ParseResult: Sendable, Equatable {
    public var statements: [Statement]
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { !diagnostics.isEmpty }

    /// The diagnostics rendered as `file:line:column: error: ...` lines.
    public func renderedDiagnostics(file: String? = nil) -> [String] {
        Diagnostic.render(diagnostics, file: file)
    }
}

public enum Parser {
    /// Parses a whole file or a pasted block.
    ///
    /// - Parameters:
    ///   - source: the text; lines end with `\n`, `\r\n` or `\r`.
    ///   - firstLine: the line number of the first line (for a REPL that
    ///     numbers its inputs).
    public static func parse(_ source: String, firstLine: Int = 1) -> ParseResult {
        let (tokens, scanDiagnostics) = Scanner.scan(source, firstLine: firstLine)
        let lines = Parser.sourceLines(source)
        var statements: [Statement] = []
        var diagnostics = scanDiagnostics

        var lineTokens: [Token] = []
        for token in tokens {
            if token.kind == .newline || token.kind == .end {
                let index = token.line - firstLine
                let text = index >= 0 && index < lines.count ? lines[index] : []
                // A line with a scanner error was already reported, unless it is a
                // Keras call, which gets one diagnostic suggesting the Gradbook line.
                if lineTokens.contains(where: { $0.kind == .invalid }) {
                    if let keras = KerasIdiom.diagnose(tokens: lineTokens, text: text) {
                        diagnostics.removeAll { $0.line == keras.line }
                        diagnostics.append(keras)
                    }
                } else {
                    var parser = LineParser(tokens: lineTokens, end: token.location, text: text)
                    do {
                        if let statement = try parser.statement() { statements.append(statement) }
                    } catch {
                        diagnostics.append(error)
                    }
                }
                lineTokens = []
            } else {
                lineTokens.append(token)
            }
        }
        diagnostics.sort { $0.location < $1.location }
        return ParseResult(statements: statements, diagnostics: diagnostics)
    }

    /// Parses one line typed at the prompt: nil for a blank or comment line.
    public static func parseLine(_ line: String, lineNumber: Int = 1) -> Result<Statement?, Diagnostic> {
        let result = parse(line, firstLine: lineNumber)
        if let first = result.diagnostics.first { return .failure(first) }
        return .success(result.statements.first)
    }

    /// Parses a layer line on its own (`conv2d 32 3 relu`), as used after
    /// `insert AT` and `replace LAYER`.
    public static func parseLayer(_ line: String, lineNumber: Int = 1) -> Result<LayerSpec, Diagnostic> {
        let (tokens, scanDiagnostics) = Scanner.scan(line, firstLine: lineNumber)
        if let first = scanDiagnostics.first { return .failure(first) }
        let lineTokens = Array(tokens.prefix { $0.kind != .newline && $0.kind != .end })
        let endToken = tokens.first { $0.kind == .newline || $0.kind == .end }
        let end = endToken?.location ?? SourceLocation(line: lineNumber, column: 1)
        var parser = LineParser(tokens: lineTokens, end: end, text: sourceLines(line).first ?? [])
        do {
            return .success(try parser.layerLine(context: "insert"))
        } catch {
            return .failure(error)
        }
    }

    static func sourceLines(_ source: String) -> [[Character]] {
        var lines: [[Character]] = [[]]
        for c in source {
            if Scanner.isNewline(c) { lines.append([]) } else { lines[lines.count - 1].append(c) }
        }
        return lines
    }
}

/// Parses the tokens of one line. Command types with a grammar of their own read their arguments
/// through its methods (`CommandEntry.parse`).
public struct LineParser {
    private let tokens: [Token]
    /// Where the line ends (used to point at missing things).
    private let end: SourceLocation
    private let text: [Character]
    private var current = 0

    init(tokens: [Token], end: SourceLocation, text: [Character]) {
        self.tokens = tokens
        self.end = end
        self.text = text
    }

    // MARK: statement = [ binding ] command

    mutating func statement() throws(Diagnostic) -> Statement? {
        guard let first = tokens.first else { return nil }
        if first.kind == .equals {
            throw Diagnostic(.missingBindingName, at: first.range)
        }
        var name: Located<String>?
        if tokens.count >= 2, tokens[1].kind == .equals {
            name = try binding()
        }
        if isAtEnd, let name {
            throw Diagnostic(.missingCommand(binding: name.value), at: SourceRange(at: end))
        }
        if let name, let next = peek, next.kind != .word, let option = KerasIdiom.options[name.value.lowercased()] {
            throw Diagnostic(.kerasLine(found: "'\(name.value)'", answer: "set \(option)=\(next.text) (or compile \(option)=\(next.text))"),
                             at: name.range)
        }
        if let name, let next = peek, next.kind != .word {
            let example = SetHyperparameters.spec.parameter(named: name.value.lowercased()) != nil
                ? "set \(name.value)=\(next.text)" : nil
            throw Diagnostic(.expected(what: "a command after '\(name.value) ='", found: next.text, example: example), at: next.range)
        }
        let (command, spec, verbRange) = try command()
        if let name, !spec.canBind {
            throw Diagnostic(.notBindable(name: name.value, command: spec.name), at: verbRange)
        }
        let range = SourceRange(start: first.location, end: previousEnd)
        return Statement(binding: name, command: command, spec: spec, range: range,
                         verbRange: verbRange, source: sourceText(range))
    }

    // MARK: binding = NAME "="

    private mutating func binding() throws(Diagnostic) -> Located<String> {
        let token = advance()
        guard token.kind == .word, LineParser.isValidName(token.text) else {
            throw Diagnostic(.invalidBindingName(token.text), at: token.range)
        }
        _ = advance() // "="
        return Located(token.text, range: token.range, text: token.text)
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || Scanner.isDigit($0) || $0 == "_" }
    }

    // MARK: command = verb [ form ] { argument }

    private mutating func command() throws(Diagnostic) -> (any CommandEntry, CommandSpec, SourceRange) {
        let verb = advance()
        guard verb.kind == .word else {
            if verb.kind == .equals || verb.kind == .comma || verb.kind == .comparison {
                throw Diagnostic(.unexpectedToken(verb.text), at: verb.range)
            }
            throw Diagnostic(.unknownCommand(verb.text, suggestion: nil), at: verb.range)
        }
        let spec = try resolve(verb)
        let verbRange = SourceRange(start: verb.location, end: previousEnd)
        guard let entry = spec.entry else {
            throw Diagnostic(.unknownCommand(verb.text, suggestion: nil), at: verb.range)
        }
        return (try entry.parse(&self, spec: spec, verbRange: verbRange), spec, verbRange)
    }

    /// The rest of the line bound to the spec's positionals and options.
    mutating func boundArguments(_ spec: CommandSpec, anchor: SourceRange) throws(Diagnostic) -> Arguments {
        try ArgumentBinder.bind(try rawArguments(), to: spec, anchor: anchor, end: end)
    }

    /// Finds the catalog entry for a verb, reading the form word if the verb has forms.
    private mutating func resolve(_ verb: Token) throws(Diagnostic) -> CommandSpec {
        let entries = Catalog.entries(forVerb: verb.text)
        guard let firstEntry = entries.first else {
            if var answer = KerasIdiom.answer(for: verb.text) {
                if ["fit", "epochs"].contains(verb.text.lowercased()), let n = peek, n.kind == .integer { answer = "train \(n.text)" }
                throw Diagnostic(.kerasLine(found: "'\(verb.text)'", answer: answer), at: verb.range)
            }
            let suggestion = Suggestions.best(for: verb.text, among: Catalog.verbs)
            throw Diagnostic(.unknownCommand(verb.text, suggestion: suggestion), at: verb.range)
        }
        // A verb that is a command of its own (`generate N`) takes a form only when the next word names one
        // (`generate images 16`).
        if let plain = entries.first(where: { $0.form == nil }) {
            guard let next = peek, next.kind == .word,
                  let spec = entries.first(where: { $0.form == next.value.lowercased() }) else { return plain }
            _ = advance()
            return spec
        }
        let forms = entries.compactMap(\.form)
        guard let formToken = peek else {
            throw Diagnostic(.missingForm(command: firstEntry.verb, forms: forms, example: firstEntry.example),
                             at: SourceRange(at: end))
        }
        let lowered = formToken.value.lowercased()
        guard formToken.kind == .word, let spec = entries.first(where: { $0.form == lowered }) else {
            let suggestion = Suggestions.best(for: formToken.value, among: forms)
            throw Diagnostic(.unknownForm(command: firstEntry.verb, found: formToken.text, suggestion: suggestion, forms: forms),
                             at: formToken.range)
        }
        _ = advance()
        return spec
    }

    // MARK: argument = option | value

    private mutating func rawArguments() throws(Diagnostic) -> [RawArgument] {
        var arguments: [RawArgument] = []
        while let token = peek {
            if token.kind == .word, peekNext?.kind == .equals {
                arguments.append(try option())
            } else if token.isValue {
                arguments.append(.positional(advance()))
            } else {
                throw Diagnostic(.unexpectedToken(token.text), at: token.range)
            }
        }
        return arguments
    }

    // MARK: option = WORD "=" value { "," value }

    private mutating func option() throws(Diagnostic) -> RawArgument {
        let key = advance()
        _ = advance() // "="
        var values = [try value(for: key)]
        while peek?.kind == .comma {
            _ = advance()
            values.append(try value(for: key))
        }
        return .option(key: key, values: values)
    }

    // MARK: value = WORD | INTEGER | DECIMAL | SHAPE | STRING

    private mutating func value(for key: Token) throws(Diagnostic) -> Token {
        guard let token = peek else {
            throw Diagnostic(.missingOptionValue(key: key.text), at: SourceRange(at: end))
        }
        guard token.isValue else {
            throw Diagnostic(.unexpectedToken(token.text), at: token.range)
        }
        return advance()
    }

    // MARK: help [ COMMAND [ FORM ] ]

    /// The topic of `help`, nil for the overview.
    mutating func helpTopic(_ spec: CommandSpec) throws(Diagnostic) -> Located<String>? {
        guard let topic = peek else { return nil }
        _ = advance()
        let entries = topic.kind == .word ? Catalog.entries(forVerb: topic.text) : []
        guard let first = entries.first else {
            // Any word of the language has help: a layer, an activation, an option...
            if topic.kind == .word, Help.wordTopic(topic.text) != nil {
                try expectEndOfLine(for: spec)
                return Located(topic.text.lowercased(), range: topic.range, text: topic.text)
            }
            if topic.kind == .word, let answer = KerasIdiom.answer(for: topic.text) {
                throw Diagnostic(.kerasLine(found: "'\(topic.text)'", answer: answer), at: topic.range)
            }
            // A command is the likelier meaning: prefer one when it is close.
            if let command = Suggestions.best(for: topic.value, among: Catalog.verbs) {
                throw Diagnostic(.unknownCommand(topic.text, suggestion: command), at: topic.range)
            }
            let suggestion = Suggestions.best(for: topic.value, among: Help.topics)
            throw Diagnostic(.unknownTopic(topic.text, suggestion: suggestion), at: topic.range)
        }
        var name = first.verb
        var range = topic.range
        if entries.contains(where: { $0.form != nil }), let formToken = peek {
            let forms = entries.compactMap(\.form)
            guard formToken.kind == .word, forms.contains(formToken.value.lowercased()) else {
                let suggestion = Suggestions.best(for: formToken.value, among: forms)
                throw Diagnostic(.unknownForm(command: first.verb, found: formToken.text, suggestion: suggestion, forms: forms),
                                 at: formToken.range)
            }
            _ = advance()
            name += " " + formToken.value.lowercased()
            range = range.union(formToken.range)
        }
        try expectEndOfLine(for: spec)
        return Located(name, range: range, text: sourceText(range))
    }

    // MARK: step [ "batch" | INTEGER ( "batch" | "batches" ) ]

    mutating func stepAmount(_ spec: CommandSpec) throws(Diagnostic) -> StepAmount {
        guard let token = peek else { return .epoch }
        _ = advance()
        let amount: StepAmount
        if token.kind == .word, LineParser.isBatchWord(token.text) {
            amount = .batches(Located(1, range: token.range, text: token.text))
        } else if token.kind == .integer, let n = Int(token.text) {
            guard n >= 1 else {
                throw Diagnostic(.outOfRange(parameter: "batches", command: "step", found: token.text,
                                             requirement: NumericRange.atLeast(1).requirement), at: token.range)
            }
            guard let unit = peek else {
                throw Diagnostic(.expected(what: "'batches' after \(token.text)", found: "end of line",
                                           example: "step \(token.text) batches"), at: SourceRange(at: end))
            }
            guard unit.kind == .word, LineParser.isBatchWord(unit.text) else {
                throw Diagnostic(.expected(what: "'batches' after \(token.text)", found: unit.text,
                                           example: "step \(token.text) batches"), at: unit.range)
            }
            _ = advance()
            amount = .batches(Located(n, range: token.range, text: token.text))
        } else {
            throw Diagnostic(.expected(what: "'batch' or a number of batches", found: token.text, example: spec.example),
                             at: token.range)
        }
        try expectEndOfLine(for: spec)
        return amount
    }

    private static func isBatchWord(_ word: String) -> Bool {
        let lowered = word.lowercased()
        return lowered == "batch" || lowered == "batches"
    }

    // MARK: insert AT layerLine, replace LAYER layerLine

    /// The layer reference before a layer line, plus a check that a layer line follows.
    mutating func layerArgument(_ spec: CommandSpec, anchor: SourceRange) throws(Diagnostic) -> Located<LayerRef> {
        let positionals = spec.positionals
        guard let token = peek else {
            throw Diagnostic(.missingArgument(command: spec.name, parameter: positionals[0].placeholder, example: spec.example),
                             at: SourceRange(at: end))
        }
        guard token.isValue else { throw Diagnostic(.unexpectedToken(token.text), at: token.range) }
        _ = advance()
        let converted = try ArgumentBinder.convert(token, for: positionals[0], in: spec)
        guard case .layer(let ref) = converted.value else {
            throw Diagnostic(.wrongType(expected: ValueType.layer.expectation, parameter: positionals[0].name, found: token.text),
                             at: token.range)
        }
        if isAtEnd {
            let placeholder = positionals[1].placeholder.replacing("...", with: "")
            throw Diagnostic(.missingArgument(command: spec.name, parameter: placeholder, example: spec.example),
                             at: SourceRange(at: end))
        }
        return converted.map { _ in ref }
    }

    // MARK: layerLine = LAYERWORD { argument }

    mutating func layerLine(context: String) throws(Diagnostic) -> LayerSpec {
        guard let word = peek else {
            throw Diagnostic(.unknownLayer("", suggestion: nil), at: SourceRange(at: end))
        }
        let entries = word.kind == .word ? Catalog.entries(forVerb: word.text) : []
        guard let spec = entries.first else {
            let suggestion = Suggestions.best(for: word.value, among: Catalog.layerWords)
            throw Diagnostic(.unknownLayer(word.text, suggestion: suggestion), at: word.range)
        }
        guard let entry = spec.layer else {
            throw Diagnostic(.notALayer(word.text, command: context), at: word.range)
        }
        _ = advance()
        return try layerArguments(spec, entry, word: Located(word.text, range: word.range, text: word.text))
    }

    /// The arguments of a layer whose word has been read: the registry entry plus every parameter's
    /// checked value (defaults applied).
    mutating func layerArguments(_ spec: CommandSpec, _ entry: LayerEntry, word: Located<String>) throws(Diagnostic) -> LayerSpec {
        let a = try ArgumentBinder.bind(try rawArguments(), to: spec, anchor: word.range, end: end)
        let range = SourceRange(start: word.range.start, end: previousEnd)
        var values: [(name: String, value: Located<ArgumentValue>)] = []
        for parameter in entry.parameters {
            if let value = a.value(parameter.name) { values.append((parameter.name, value)) }
        }
        return LayerSpec(entry: entry, word: word, range: range, source: sourceText(range),
                         arguments: LayerArguments(layer: entry.word, values: values))
    }

    // MARK: commands that read their tokens one by one (`expect QUANTITY OP F`)

    /// The next token of the line, consumed; nil at the end of the line.
    mutating func nextToken() -> Token? {
        isAtEnd ? nil : advance()
    }

    /// The end of the line, where an error about something missing points.
    var lineEnd: SourceRange { SourceRange(at: end) }

    mutating func expectEndOfLine(for spec: CommandSpec) throws(Diagnostic) {
        if let extra = peek {
            throw Diagnostic(.tooManyArguments(command: spec.name, found: extra.text, syntax: spec.syntax), at: extra.range)
        }
    }

    // MARK: - Helpers

    private var isAtEnd: Bool { current >= tokens.count }
    private var peek: Token? { current < tokens.count ? tokens[current] : nil }
    private var peekNext: Token? { current + 1 < tokens.count ? tokens[current + 1] : nil }

    private mutating func advance() -> Token {
        let token = tokens[current]
        current += 1
        return token
    }

    /// The end of the last consumed token.
    private var previousEnd: SourceLocation {
        current > 0 ? tokens[current - 1].range.end : (tokens.first?.location ?? end)
    }

    /// The source text of a range on this line.
    func text(of range: SourceRange) -> String { sourceText(range) }

    private func sourceText(_ range: SourceRange) -> String {
        let lower = max(0, range.start.column - 1)
        let upper = min(text.count, range.end.column - 1)
        guard range.start.line == range.end.line, lower < upper else { return "" }
        return String(text[lower..<upper])
    }
}
