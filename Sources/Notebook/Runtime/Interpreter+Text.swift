import Datasets
import NeuralNet

extension Interpreter {
    /// `load text ...`: reads the text, cuts it by position into training, validation (and test) parts,
    /// learns the tokenizer on the training part and makes the windows of each part.
    func loadText(_ s: LoadText, binding: Located<String>?) throws -> DataEntry {
        let text: String, origin: String, name: String, at: SourceRange
        switch s.input {
        case .corpus(let corpus):
            at = corpus.range
            text = try datasets(at: at) { () throws(DatasetError) in try corpus.value.load() }
            origin = "corpus \(corpus.value.rawValue) (\(corpus.value.package))"
            name = binding?.value ?? corpus.value.rawValue
        case .file(let file):
            at = file.range
            text = try readText(file)
            origin = file.value
            name = binding?.value ?? Self.textName(file.value)
        }
        // Parts by position, in characters: [train | validation | test].
        let length = text.unicodeScalars.count
        let testShare = s.test?.value ?? 0
        let trainEnd = Int((Double(length) * (1 - s.validation.value - testShare)).rounded())
        let validationEnd = Int((Double(length) * (1 - testShare)).rounded())
        let scalars = text.unicodeScalars
        let cut = { (a: Int, b: Int) in String(scalars[scalars.index(scalars.startIndex, offsetBy: a) ..< scalars.index(scalars.startIndex, offsetBy: b)]) }
        let trainText = cut(0, trainEnd)
        let kind = s.tokens.value
        let shared = s.tokenizer.flatMap { (session.datasets[$0.value]?.source as? TextSplits)?.tokenizer }
        let tokenizer = shared ?? Tokenizer.train(kind, on: trainText, vocabulary: s.vocabulary?.value ?? kind.defaultVocabulary,
                                                  lowercase: s.lowercase.value)
        var trainIDs = tokenizer.encode(trainText)
        let validationIDs = tokenizer.encode(cut(trainEnd, validationEnd))
        let testIDs = s.test.map { _ in tokenizer.encode(cut(validationEnd, length)) }
        let T = s.context.value
        let total = trainIDs.count + validationIDs.count + (testIDs?.count ?? 0)
        guard total > 2 * (T + 1) else {
            throw NotebookError("\(origin) holds \(total) \(tokenizer.kind.rawValue) token\(total == 1 ? "" : "s"): too few for windows of \(T) tokens "
                                + "with their next tokens in both the training and the validation part", at: at,
                                hint: "give a longer text, or a shorter context (context=\(LoadText.contextRange.lowerBound) needs \(2 * LoadText.contextRange.lowerBound + 3) tokens)")
        }
        if let most = subsetMax, trainIDs.count > most * s.step + T + 1 {
            trainIDs.removeLast(trainIDs.count - (most * s.step + T + 1))
        }
        let train = TokenWindows(name: name + "/train", tokens: trainIDs, context: T, stride: s.step)
        let validation = TokenWindows(name: name + "/validation", tokens: validationIDs, context: T, stride: s.step)
        let test = testIDs.map { TokenWindows(name: name + "/test", tokens: $0, context: T, stride: s.step) }
        var parts = [("training", train, s.context.range), ("validation", validation, s.validation.range)]
        if let test, let option = s.test { parts.append(("test", test, option.range)) }
        for (part, windows, option) in parts where windows.count == 0 {
            throw NotebookError("the \(part) part holds \(windows.tokens.count) tokens; one window of \(T) with the token after it needs \(T + 1)",
                                at: option, hint: part == "training" ? "use a shorter context" : "hold out a larger fraction, or use a shorter context")
        }
        return DataEntry(name: name, source: TextSplits(train: train, validation: validation, test: test, tokenizer: tokenizer, origin: origin))
    }

    /// The text of a file argument, with a hint towards the corpus of the same name when the file is missing.
    private func readText(_ file: Located<String>) throws -> String {
        do {
            return try TextFile.read(file.value)
        } catch {
            if case .unreadable = error, let corpus = TextCorpus(rawValue: file.text) {
                throw NotebookError(error.message, at: file.range, hint: "for the corpus write `load text corpus \(corpus.rawValue)`")
            }
            throw NotebookError(error.message, at: file.range, hint: error.hint)
        }
    }

    /// A data-set name from a file name: `stories/alice.txt` is `alice`; `text` when nothing usable is left.
    static func textName(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        let stem = last.split(separator: ".").first.map(String.init) ?? last
        let cleaned = String(stem.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return LineParser.isValidName(cleaned) ? cleaned : "text"
    }

    /// `fortunes: 3,580 training windows, 398 validation - 64 tokens each, char vocabulary of 98`.
    func textLine(_ name: String, _ s: TextSplits) -> String {
        var parts = ["\(name): \(s.train.count) training windows", "\(s.validation.count) validation"]
        if let t = s.test { parts.append("\(t.count) test") }
        return parts.joined(separator: ", ") + " - \(s.train.context) tokens each, \(s.tokenizer.kind.rawValue) vocabulary of \(s.tokenizer.vocabularySize)"
    }

    /// `info` of a text: where it came from, the tokenizer, and the tokens and windows of each part.
    func textInfo(_ name: String, _ s: TextSplits) -> [OutputBlock] {
        let k = s.tokenizer
        let vocabulary = k.kind == .bpe ? "\(k.vocabularySize) (<unk>, \(k.alphabetCount - 1) characters, \(k.merges.count) merges)"
                                        : "\(k.vocabularySize) (<unk> included)"
        let about = [
            ["source", s.origin],
            ["tokenizer", "\(k.kind.rawValue): \(k.kind.summary)\(k.lowercase ? ", lowercased" : "")"],
            ["vocabulary", vocabulary],
            ["inputs", "\(s.train.context) token ids, as floats; a window starts every \(s.train.stride) tokens"],
            ["targets", "the next \(s.train.context) tokens (one class per position)"],
        ]
        let parts: [(String, TokenWindows?)] = [("train", s.train), ("validation", s.validation), ("test", s.test)]
        let rows = parts.compactMap { part, w in w.map { [part, String($0.tokens.count), String($0.count)] } }
        return [.table(TableBlock(title: "\(name) - text", headers: ["", ""], rows: about)),
                .table(TableBlock(title: "tokens per split", headers: ["split", "tokens", "windows"], rows: rows))]
    }

    /// `show tokens N from=SPLIT`: the split's first N tokens with their boundaries and ids, then the most
    /// frequent tokens of the split.
    func showTokens(_ spec: ShowTokens, at range: SourceRange) throws -> [OutputBlock] {
        let entry = try requireData(at: range)
        guard let s = entry.text else {
            throw NotebookError("show tokens works on text; '\(entry.name)' holds \(entry.source.kind)", at: range,
                                hint: "load one with `load text FILE` or `load text corpus fortunes`")
        }
        _ = try examples(entry, spec.from)
        guard let windows = s.windows(spec.from.value) else { return [] }
        let k = s.tokenizer
        let passage = windows.tokens.prefix(spec.count.value)
        let split = spec.from.value.rawValue
        let header = "\(entry.name): \(k.kind.rawValue) tokenizer, vocabulary of \(k.vocabularySize) tokens (<unk> included), "
            + "\(windows.tokens.count) \(split) tokens"
        let boundaries = passage.map { "[" + Self.visible(k.displayName(of: $0)) + "]" }.joined()
        let ids = passage.map(String.init).joined(separator: " ")
        let counts = spec.from.value == .train ? s.textCodec.trainingCounts : TextCodec.counts(of: windows.tokens, vocabulary: k.vocabularySize)
        let ranked = TextCodec.ranked(counts)
        let total = max(windows.tokens.count, 1)
        let rows = ranked.prefix(10).enumerated().map { rank, id in
            [String(rank + 1), "[" + Self.visible(k.displayName(of: Int32(id))) + "]", String(id), String(counts[id]),
             NumericRange.format((Double(counts[id]) / Double(total) * 1000).rounded() / 10) + "%"]
        }
        return [.text(header, style: .note),
                .text("first \(passage.count) tokens of the \(split) text:\n\(boundaries)\nids: \(ids)"),
                .table(TableBlock(title: "most frequent \(split) tokens", headers: ["#", "token", "id", "count", "share"], rows: rows))]
    }

    /// A token as shown between brackets: spaces as `·`, so a passage wraps only between tokens.
    static func visible(_ token: String) -> String { token.replacing(" ", with: "·") }

    /// `show samples N` of a text: each window's text and the token that follows it.
    func showTextSamples(_ spec: ShowSamples, entry: DataEntry, _ s: TextSplits) throws -> [OutputBlock] {
        _ = try examples(entry, spec.from)
        guard let windows = s.windows(spec.from.value) else { return [] }
        let k = s.tokenizer
        let n = min(spec.count.value, windows.count)
        let rows = (0..<n).map { i in
            [String(i), RawPath.escaped(Array(k.decode(windows.input(at: i)).utf8)), k.displayName(of: windows.target(at: i).last ?? 0)]
        }
        return [.table(TableBlock(title: "\(n) \(spec.from.value.rawValue) windows of \(entry.name) (the input, then the token after it)",
                                  headers: ["#", "window", "next"], rows: rows, alignments: [.right, .left, .left]))]
    }
}
