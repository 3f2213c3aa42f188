/// `expect QUANTITY OP F [on=SPLIT]`: a check an exercise states about its result (`expect accuracy >= 0.85
/// on=validation`, `expect params < 50000`). It prints whether it held with the measured value; a headless
/// run counts them, ends with "3 of 4 expectations held" and exits with status 2 when one failed.
public struct Expect: CommandEntry {
    static let quantity = ParameterSpec("quantity", .name, "what to measure: params, trainable, zeros, epochs, flops, loss, "
                                        + "a compiled metric (accuracy, perplexity, ...) or val_ and a metric", required: true,
                                        placeholder: "QUANTITY")
    static let comparison = ParameterSpec("comparison", .choice(noun: "comparison", words: Comparison.allCases.map(\.rawValue)),
                                          "how the measured value compares with the bound", required: true, placeholder: "OP")
    static let bound = ParameterSpec("bound", .number, "the value to compare with", required: true,
                                     range: NumericRange(lower: -largest, upper: largest))
    /// The largest bound `expect` takes either way (a trillion: far above any count or figure it measures).
    static let largest = 1e12
    static let on = ParameterSpec("on", .choice(noun: "data split", words: ["test", "validation", "train"]),
                                  "evaluate the loss or metric on this split", note: "the last epoch's figure")

    public static let spec = CommandSpec(
        "expect", .training, "check a measured quantity against a bound (a self-checking exercise)",
        positionals: [quantity, comparison, bound], options: [on],
        example: "expect accuracy >= 0.85 on=validation",
        details: "Prints ✓ and the measured value when the comparison holds, ✗ when it does not. A failed expectation "
            + "is not an error: the next lines still run. Without on=, loss and metrics are the last epoch's figures; "
            + "with on=, the split is evaluated now (the test split only when named).",
        syntax: "expect QUANTITY <|<=|>|>=|== F [on=test|validation|train]", ownGrammar: true)
    public static let effect = CommandEffect.readsSession

    public var quantity: Located<ExpectedQuantity>
    public var comparison: Located<Comparison>
    public var bound: Located<Double>
    /// nil: the last epoch's figure (or a count of the model).
    public var on: Located<DataSplit>?

    public init(quantity: Located<ExpectedQuantity>, comparison: Located<Comparison>, bound: Located<Double>, on: Located<DataSplit>?) {
        self.quantity = quantity
        self.comparison = comparison
        self.bound = bound
        self.on = on
    }

    /// `expect` is parsed by `parse`: a quantity, a comparison, a number, then options.
    public init(_ a: Arguments) throws(Diagnostic) {
        throw Diagnostic(.unexpectedToken(a.spec.name), at: a.anchor)
    }

    public static func parse(_ parser: inout LineParser, spec: CommandSpec, verbRange: SourceRange) throws(Diagnostic) -> Expect {
        func missing(_ p: ParameterSpec) -> Diagnostic {
            Diagnostic(.missingArgument(command: spec.name, parameter: p.placeholder, example: spec.example), at: parser.lineEnd)
        }
        guard let word = parser.nextToken() else { throw missing(quantity) }
        guard word.kind == .word, let measured = ExpectedQuantity(word: word.text) else {
            throw Diagnostic(.unknownChoice(noun: "quantity", found: word.text,
                                            suggestion: Suggestions.best(for: word.text, among: ExpectedQuantity.knownWords),
                                            choices: ExpectedQuantity.knownWords), at: word.range)
        }
        guard let op = parser.nextToken() else { throw missing(comparison) }
        guard op.kind == .comparison, let how = Comparison(rawValue: op.text) else {
            throw Diagnostic(.expected(what: "a comparison (<, <=, >, >=, ==) after '\(word.text)'", found: op.text,
                                       example: "expect \(word.text) \(op.kind == .equals ? "==" : ">=") 0.9"), at: op.range)
        }
        guard let number = parser.nextToken() else { throw missing(bound) }
        guard number.kind == .integer || number.kind == .decimal else {
            throw Diagnostic(.wrongType(expected: ValueType.number.expectation, parameter: bound.name, found: number.text), at: number.range)
        }
        let value = try ArgumentBinder.convert(number, for: bound, in: spec)
        var options = spec
        options.positionals = []
        let rest = try parser.boundArguments(options, anchor: verbRange)
        let split: Located<DataSplit>? = rest.optional("on")
        if let split, !measured.isMeasuredOnData {
            let what = measured.description.hasPrefix("val_") ? "loss or a metric; for a split's figure write \(measured.description.dropFirst(4))"
                                                               : "loss or a metric (accuracy, perplexity, ...)"
            throw Diagnostic(.optionNotApplicable(key: "on", requirement: what), at: rest.keyRanges["on"] ?? split.range)
        }
        return Expect(quantity: Located(measured, range: word.range, text: word.text),
                      comparison: Located(how, range: op.range, text: op.text),
                      bound: value.map { Double.read($0) ?? 0 }, on: split)
    }

    /// With `on=`, the model runs on the split: the model must fit the data and one evaluation batch the memory.
    public func check(_ session: Session, at range: SourceRange) throws {
        if on != nil { try ModelFit.checkRun(self, session, at: range) }
    }

    public func examplesAtOnce(_ session: Session) -> Int { on == nil ? 1 : ModelFit.evaluationBatch(session) }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.expect(self, at: statement.verbRange)
    }
}
