import Datasets

/// `load text FILE|corpus NAME [tokens=char|word|bpe] [vocab=N] [context=T] [stride=N] [validation=F] [test=F]
/// [lowercase=on|off]`: a UTF-8 text (a file or a corpus from a Debian package) cut into tokens and windows
/// for a language model, made current.
public struct LoadText: CommandEntry {
    /// The corpora `corpus NAME` knows, as words.
    static let corpusNames = TextCorpus.allCases.map(\.rawValue)

    public static let spec = CommandSpec(
        "load text", .data, "load a UTF-8 text (a file, or a corpus from a Debian package) as token windows for a language model",
        positionals: [
            ParameterSpec("file", .path, "the text file (at most \(TextFile.maximumBytes >> 20) MiB of UTF-8), or the word corpus",
                          required: true, placeholder: "FILE|corpus"),
            ParameterSpec("corpus", .choice(noun: "corpus", words: corpusNames), "after the word corpus: which corpus (from the Debian packages "
                          + Array(Set(TextCorpus.allCases.map(\.package))).sorted().joined(separator: ", ") + ")", placeholder: "NAME"),
        ],
        options: [
            ParameterSpec("tokens", .choice(noun: "tokenizer", words: Tokenizer.Kind.allCases.map(\.rawValue)),
                          "char (one token per character), word, or bpe (byte-pair pieces learned on the training text)", default: "char"),
            ParameterSpec("vocab", .integer, "most tokens in the vocabulary, the unknown token included; the rarest characters or words become unknown",
                          note: "char: every character (at most \(Tokenizer.vocabularyRange.upperBound)); word: \(Tokenizer.Kind.word.defaultVocabulary); bpe: \(Tokenizer.Kind.bpe.defaultVocabulary)",
                          range: .between(Double(Tokenizer.vocabularyRange.lowerBound), Double(Tokenizer.vocabularyRange.upperBound))),
            ParameterSpec("context", .integer, "tokens per window (T); each target is the next token", default: "64",
                          range: .between(Double(LoadText.contextRange.lowerBound), Double(LoadText.contextRange.upperBound))),
            ParameterSpec("stride", .integer, "tokens between the starts of two windows (less than context: overlapping windows)",
                          note: "the context (each token seen once an epoch)", range: .between(1, Double(LoadText.contextRange.upperBound)),
                          defaultFrom: "context"),
            ParameterSpec("validation", .number, "fraction at the end of the text held out; training validates on it", default: "0.1",
                          range: .open(0, 1)),
            ParameterSpec("test", .number, "fraction at the very end held out as the test split; validation comes just before it",
                          note: "none", range: .open(0, 1)),
            ParameterSpec("lowercase", .boolean, "lowercase the text before cutting it into tokens", default: "off"),
            ParameterSpec("tokenizer", .name, "use the tokenizer of the loaded text NAME (its vocabulary and ids) instead of learning one: "
                          + "fine-tuning keeps the pre-training's tokens", note: "learnt from this text"),
        ],
        example: "load text corpus fortunes tokens=bpe vocab=512 context=64",
        details: "The text is split by position: the first part trains, the last `validation` fraction (before the test part, when "
            + "`test=F` asks for one) validates. The tokenizer learns its vocabulary from the training part only, so the held-out "
            + "text may hold unknown tokens (`<unk>`, id 0). An example is a window of `context` token ids; its targets are the next `context` tokens "
            + "(the window shifted by one), one class per position, for loss sparse_categorical_crossentropy. Windows start every "
            + "`stride` tokens: by default one window ends where the next starts, so an epoch sees each token once. "
            + "Corpora (`load text corpus NAME`): "
            + TextCorpus.allCases.map { "\($0.rawValue), \($0.summary)" }.joined(separator: "; ") + ". A file named corpus is `./corpus`.",
        syntax: "load text FILE|corpus NAME [tokens=char|word|bpe] [vocab=N] [context=N] [stride=N] [validation=F] [test=F] [lowercase=on|off] [tokenizer=NAME]")
    public static let effect = CommandEffect.changesSession
    public static let canBind = true

    /// Allowed window lengths (T).
    public static let contextRange = 2...512

    /// Where the text comes from.
    public enum Source: Equatable, Sendable {
        case file(Located<String>)
        case corpus(Located<TextCorpus>)
    }

    /// The file or the corpus (`source` would be left out of descriptions).
    public var input: Source
    public var tokens: Located<Tokenizer.Kind>
    /// nil: the tokenizer's default.
    public var vocabulary: Located<Int>?
    public var context: Located<Int>
    /// nil: the context.
    public var stride: Located<Int>?
    public var validation: Located<Double>
    public var test: Located<Double>?
    public var lowercase: Located<Bool>
    /// The loaded text whose tokenizer this one reuses; nil: learn one.
    public var tokenizer: Located<String>?

    public init(_ a: Arguments) throws(Diagnostic) {
        let file: Located<String> = try a.required("file")
        let corpus: Located<TextCorpus>? = a.optional("corpus")
        if file.text == "corpus" {
            guard let corpus else {
                throw Diagnostic(.missingArgument(command: Self.spec.name, parameter: "NAME (\(Self.corpusNames.joined(separator: ", ")))",
                                                  example: "load text corpus fortunes"), at: SourceRange(at: file.range.end))
            }
            input = .corpus(corpus)
        } else {
            if let corpus {
                throw Diagnostic(.expected(what: "options after the file name (a corpus name follows the word corpus)",
                                           found: corpus.text, example: "load text corpus \(corpus.text)"), at: corpus.range)
            }
            input = .file(file)
        }
        tokens = try a.required("tokens")
        vocabulary = a.optional("vocab")
        context = try a.required("context")
        stride = a.optional("stride")
        validation = try a.required("validation")
        test = a.optional("test")
        lowercase = try a.required("lowercase")
        tokenizer = a.optional("tokenizer")
        if tokenizer != nil {
            for key in ["tokens", "vocab", "lowercase"] where a.given(key) {
                guard let given = a.values[key]?.first else { continue }
                throw Diagnostic(.expected(what: "no \(key)= with tokenizer= (the tokenizer named brings its own)",
                                           found: given.text, example: "load text corpus tang300 tokenizer=chinese"), at: given.range)
            }
        }
    }

    public func check(_ session: Session, at range: SourceRange) throws {
        if let tokenizer, !(session.datasets[tokenizer.value]?.source is TextSplits) {
            let texts = session.datasets.filter { $0.value.source is TextSplits }.keys.sorted()
            throw NotebookError(session.datasets[tokenizer.value] == nil ? "no data set is named '\(tokenizer.value)'"
                                    : "'\(tokenizer.value)' holds \(session.datasets[tokenizer.value]!.source.kind), not text", at: tokenizer.range,
                                hint: texts.isEmpty ? "load the text to take the tokenizer from first, e.g. `load text corpus chinese`"
                                                    : "texts loaded: " + texts.joined(separator: ", "))
        }
        if let test, validation.value + test.value >= 0.9 {
            throw NotebookError("validation \(validation.text) and test \(test.text) leave less than a tenth of the text to train on",
                                at: test.range, hint: "hold out less, e.g. validation=0.1 test=0.1")
        }
        if let stride, stride.value > context.value {
            throw NotebookError("a stride of \(stride.value) skips tokens between windows of \(context.value)", at: stride.range,
                                hint: "use stride=1...\(context.value) (the default is the context)")
        }
    }

    /// Tokens between window starts.
    public var step: Int { stride?.value ?? context.value }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.register(label: Self.spec.name, binding: statement.binding, at: statement.verbRange) {
            (try context.loadText(self, binding: statement.binding), nil)
        }
    }
}
