// Keras lines a student pastes that are not layer calls: `model = Sequential()`, `model.add(...)`,
// `model.compile(...)`, `model.fit(x, y, epochs=5)`, `import tensorflow as tf`, `fit 3`, `Bidirectional(...)`,
// `conv2d 32 (3,3) relu`, `learning_rate=0.001`. Each gets one diagnostic with the Gradbook line, or
// says that Gradbook has no such layer yet. Layer calls themselves are `KerasCall`'s.

enum KerasIdiom {
    /// Keras words that are not Gradbook words, and the Gradbook answer (a line or a sentence).
    static let words: [String: String] = [
        "fit": "train N (e.g. train 5)",
        "import": "nothing: Gradbook needs no imports; start with load fashion-mnist or model",
        "from": "nothing: Gradbook needs no imports; start with load fashion-mnist or model",
        "add": "the layer line itself, e.g. dense 10 softmax",
        "learning_rate": "lr (e.g. compile lr=0.001 or set lr=0.001)",
        "batch_size": "batch (e.g. batch 64)",
        "epochs": "train N (e.g. train 5)",
    ]

    /// Keras layers Gradbook does not have yet (lowercased), answered with what to use instead.
    static let missingLayers: Set<String> = [
        "rnn", "bidirectional", "timedistributed",
        "conv2dtranspose", "separableconv2d", "depthwiseconv2d", "maxpooling1d", "upsampling2d", "zeropadding2d",
        "cudnnlstm", "convlstm2d",
    ]

    /// Keras options whose Gradbook names differ: `learning_rate` -> `lr`.
    static let options: [String: String] = ["learning_rate": "lr", "batch_size": "batch", "num_heads": "heads"]

    /// The answer for a Keras word used as a command or help topic, nil for other words.
    static func answer(for word: String) -> String? {
        let lowered = word.lowercased()
        if let answer = words[lowered] { return answer }
        if missingLayers.contains(lowered) { return missingLayer(word) }
        return nil
    }

    /// "Gradbook has no Bidirectional layer yet ...".
    static func missingLayer(_ name: String) -> String {
        "nothing yet: Gradbook has no \(name) layer; for sequences use lstm, gru, simplernn, attention or transformer (help layers)"
    }

    /// The diagnostic for a line of Python-style calls (one with a scanner error), or nil.
    static func diagnose(tokens: [Token], text: [Character]) -> Diagnostic? {
        guard let first = tokens.first, first.kind == .word else { return nil }
        // `model = Sequential()`, `x = Dense(10)`: the call after a binding.
        if tokens.count >= 4, tokens[1].kind == .equals, tokens[2].kind == .word, isCall(tokens, at: 2) {
            let name = tokens[2].text.split(separator: ".").last.map(String.init) ?? tokens[2].text
            if name.lowercased() == "sequential" || name.lowercased() == "model" {
                return diagnostic("'\(first.text) = \(name)()'", "model (or name it: \(LineParser.isValidName(first.text) && first.text != "model" ? first.text : "clf") = model)", at: first.range)
            }
            return call(tokens: Array(tokens[2...]), text: text)
        }
        return call(tokens: tokens, text: text)
    }

    /// `name(` at the start of `tokens`: a method of a model, an unknown layer class, or a layer line with a tuple.
    private static func call(tokens: [Token], text: [Character]) -> Diagnostic? {
        let first = tokens[0]
        if let layer = KerasCall.diagnose(tokens: tokens, text: text) { return layer }
        guard isCall(tokens, at: 0) else { return tupleInLayerLine(tokens: tokens, text: text) }
        let parts = first.text.split(separator: ".").map(String.init)
        let method = parts.last ?? first.text
        let open = tokens[1].location.column - 1
        let inside = open + 1 <= text.count ? Array(text[(open + 1)...]) : []
        let arguments = KerasCall.arguments(inside)
        let shown = "'\(first.text)(...)'"
        switch method.lowercased() {
        case "add":
            // The layer inside: `model.add(Conv2D(32, (3,3)))`.
            let inner = Scanner.scan(String(inside), firstLine: first.line).tokens.filter { $0.kind != .newline && $0.kind != .end }
            if !inner.isEmpty, let layer = call(tokens: inner, text: inside) {
                return Diagnostic(layer.kind, at: first.range)
            }
            return diagnostic(shown, "the layer line itself, e.g. dense 10 softmax", at: first.range)
        case "compile": return diagnostic(shown, compileLine(arguments), at: first.range)
        case "fit":
            let epochs = keyword("epochs", in: arguments) ?? "N"
            let batch = keyword("batch_size", in: arguments).map { "batch \($0), then " } ?? ""
            return diagnostic(shown, "\(batch)train \(epochs)", at: first.range)
        case "summary": return diagnostic(shown, "summary", at: first.range)
        case "evaluate": return diagnostic(shown, "evaluate", at: first.range)
        case "predict": return diagnostic(shown, "predict N (the test example N)", at: first.range)
        case "save", "save_weights": return diagnostic(shown, "save weights FILE.safetensors", at: first.range)
        case "load_weights": return diagnostic(shown, "load weights FILE.safetensors", at: first.range)
        case "sequential", "model": return diagnostic(shown, "model", at: first.range)
        default:
            if missingLayers.contains(method.lowercased()) || method.first?.isUppercase == true {
                return diagnostic(shown, missingLayers.contains(method.lowercased()) ? missingLayer(method)
                                  : "nothing yet: Gradbook has no layer '\(method)' (help layers lists every layer)", at: first.range)
            }
            return nil
        }
    }

    /// `conv2d 32 (3,3) relu`: a Gradbook layer line with a Keras tuple, answered with the tuple's Gradbook value.
    private static func tupleInLayerLine(tokens: [Token], text: [Character]) -> Diagnostic? {
        guard LayerRegistry.entry(for: tokens[0].text) != nil, text.contains("(") else { return nil }
        var line = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "(") {
            line += String(rest[..<open])
            guard let close = rest[open...].firstIndex(of: ")") else { return nil }
            line += KerasCall.value(String(rest[open...close]))
            rest = rest[(close + 1)...]
        }
        line += String(rest)
        guard case .success = Parser.parseLayer(line) else { return nil }
        return Diagnostic(.kerasLine(found: "'(a,b)' in a layer line", answer: line.trimmingSpaces), at: tokens[0].range)
    }

    /// `compile optimizer=adam loss=... metrics=accuracy lr=...` from Keras's compile arguments.
    private static func compileLine(_ arguments: [String]) -> String {
        var words = ["compile"]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else { continue }
            let key = String(argument[..<equals]).trimmingSpaces.lowercased()
            var value = KerasCall.value(String(argument[argument.index(after: equals)...]))
            if key == "metrics" { value = list(String(argument[argument.index(after: equals)...])) }
            if value.contains("(") { continue }   // optimizer=Adam(learning_rate=...): the kind alone is not known
            words.append("\(options[key] ?? key)=\(value)")
        }
        return words.joined(separator: " ")
    }

    /// `['accuracy', 'top5']` -> `accuracy,top5`.
    private static func list(_ text: String) -> String {
        text.filter { !"[]()'\"".contains($0) }.split(separator: ",").map { String($0).trimmingSpaces.lowercased() }
            .filter { !$0.isEmpty }.joined(separator: ",")
    }

    private static func keyword(_ name: String, in arguments: [String]) -> String? {
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), String(argument[..<equals]).trimmingSpaces == name else { continue }
            return KerasCall.value(String(argument[argument.index(after: equals)...]))
        }
        return nil
    }

    /// Whether tokens[index] is a word directly followed by `(`.
    private static func isCall(_ tokens: [Token], at index: Int) -> Bool {
        index + 1 < tokens.count && tokens[index].kind == .word && tokens[index + 1].kind == .invalid
            && tokens[index + 1].text == "(" && tokens[index + 1].location == tokens[index].range.end
    }

    private static func diagnostic(_ found: String, _ answer: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.kerasLine(found: found, answer: answer), at: range)
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
