// Recognises a Keras layer call typed at the prompt, e.g.
//
//     Conv2D(32, (3,3), activation='relu')
//
// and turns it into one diagnostic that suggests the Gradbook line
// (`conv2d 32 3 relu`) instead of a "stray character '('" error. The layer
// is found by its registry entry's Keras name; arguments are mapped to the
// entry's parameters by Keras's positional order and keyword names.

enum KerasCall {
    /// Keras keyword names that differ from the Gradbook parameter names.
    static let keywords: [String: String] = [
        "kernel_size": "kernel", "strides": "stride", "pool_size": "size", "kernel_initializer": "init",
        "target_shape": "shape", "input_dim": "vocab", "output_dim": "dim", "num_heads": "heads",
    ]

    /// The diagnostic for a line that starts `Name(`, where Name is a Keras
    /// layer class (or a layer word); nil for any other line.
    ///
    /// - Parameters:
    ///   - tokens: the line's tokens (scanner errors included as `.invalid`).
    ///   - text: the line's characters.
    static func diagnose(tokens: [Token], text: [Character]) -> Diagnostic? {
        guard tokens.count >= 2, tokens[0].kind == .word, tokens[1].kind == .invalid,
              tokens[1].text == "(", tokens[1].location == tokens[0].range.end else { return nil }
        let word = tokens[0].text
        let className = word.split(separator: ".").last.map(String.init) ?? word
        guard let entry = LayerRegistry.entry(keras: className) ?? LayerRegistry.entry(for: className) else { return nil }
        let open = tokens[1].location.column - 1
        let inside = open + 1 <= text.count ? Array(text[(open + 1)...]) : []
        let suggestion = translate(arguments(inside), for: entry)
        return Diagnostic(.kerasCall(name: className, suggestion: suggestion, example: entry.example), at: tokens[0].range)
    }

    /// The top-level comma-separated arguments up to the closing parenthesis.
    static func arguments(_ characters: [Character]) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for c in characters {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                current.append(c)
            case "(", "[":
                depth += 1
                current.append(c)
            case ")", "]":
                if depth == 0 {
                    parts.append(current)
                    return parts.map(trimmed).filter { !$0.isEmpty }
                }
                depth -= 1
                current.append(c)
            case "," where depth == 0:
                parts.append(current)
                current = ""
            default:
                current.append(c)
            }
        }
        parts.append(current)
        return parts.map(trimmed).filter { !$0.isEmpty }
    }

    /// The Gradbook line for the arguments, or nil if it would not parse.
    static func translate(_ arguments: [String], for entry: LayerEntry) -> String? {
        var assigned: [String: String] = [:]
        var positional = entry.kerasPositionals[...]
        for argument in arguments {
            if let equals = topLevelEquals(argument) {
                let key = trimmed(String(argument[..<equals])).lowercased()
                let name = keywords[key] ?? key
                if entry.parameters.contains(where: { $0.name == name }) {
                    assigned[name] = value(String(argument[argument.index(after: equals)...]))
                }
            } else if let name = positional.popFirst(), entry.parameters.contains(where: { $0.name == name }) {
                assigned[name] = value(argument)
            }
        }
        var words = [entry.word]
        var inOrder = true
        for parameter in entry.positionals {
            if let v = assigned[parameter.name], inOrder {
                words.append(v)
                assigned[parameter.name] = nil
            } else if assigned[parameter.name] == nil {
                inOrder = false
            }
        }
        for parameter in entry.parameters {
            if let v = assigned[parameter.name] { words.append("\(parameter.name)=\(v)") }
        }
        let line = words.joined(separator: " ")
        guard case .success = Parser.parseLayer(line) else { return nil }
        return line
    }

    /// A Keras value as Gradbook writes it: `'relu'` -> relu, `(3,3)` -> 3, `(7, 7, 16)` -> 7x7x16, `True` -> on.
    static func value(_ text: String) -> String {
        var t = trimmed(text)
        if t == "True" || t == "False" { return t == "True" ? "on" : "off" }
        if let first = t.first, first == "'" || first == "\"", t.count >= 2, t.last == first {
            return String(t.dropFirst().dropLast()).lowercased()
        }
        if (t.hasPrefix("(") && t.hasSuffix(")")) || (t.hasPrefix("[") && t.hasSuffix("]")) {
            t = String(t.dropFirst().dropLast())
            let parts = t.split(separator: ",").map { trimmed(String($0)) }.filter { !$0.isEmpty }
            if let first = parts.first, parts.allSatisfy({ $0 == first }), parts.count == 2 { return first }
            return parts.joined(separator: "x")
        }
        return t
    }

    private static func topLevelEquals(_ text: String) -> String.Index? {
        guard let index = text.firstIndex(of: "=") else { return nil }
        let before = text[..<index]
        guard !before.contains("("), !before.contains("'"), !before.contains("\"") else { return nil }
        return index
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
