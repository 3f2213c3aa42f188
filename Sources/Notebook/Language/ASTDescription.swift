// A compact structural rendering of commands, used by `Statement.description`
// and by the parser's golden tests. Only values the user wrote are shown;
// defaults are left out.
//
//   conv2d 32 3 relu padding=same   ->  layerLine(conv2d(filters: 32, kernel: 3, activation: relu, padding: same))
//   fm = load fashion-mnist subset=5 ->  fm = loadFashionMNIST(subset: 5)

enum ASTDescriber {
    static func describe(_ value: Any) -> String {
        if let layer = value as? LayerSpec { return describeLayer(layer) }
        if let command = value as? any CommandEntry { return describeCommand(command) }
        if let located = value as? any LocatedValue { return leaf(located.anyValue) }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional?:
            return mirror.children.first.map { describe($0.value) } ?? "nil"
        case .enum?:
            guard let payload = mirror.children.first else { return String(describing: value) }
            let label = payload.label ?? String(describing: value)
            let inner = Mirror(reflecting: payload.value)
            let body: String
            switch inner.displayStyle {
            case .tuple?, .struct?:
                if payload.value is LayerSpec {
                    body = describe(payload.value)
                } else if inner.displayStyle == .struct, payload.value is any LocatedValue {
                    body = describe(payload.value)
                } else {
                    body = fields(inner).joined(separator: ", ")
                }
            case .optional?:
                body = inner.children.first.map { describe($0.value) } ?? ""
            default:
                body = describe(payload.value)
            }
            return body.isEmpty ? label : "\(label)(\(body))"
        case .struct?:
            if let convertible = value as? CustomStringConvertible, !(value is any LocatedValue) {
                return convertible.description
            }
            return "(" + fields(mirror).joined(separator: ", ") + ")"
        default:
            return leaf(value)
        }
    }

    /// `train(epochs: 10)`: the command type's name, lower camel case, and the fields the user wrote.
    private static func describeCommand(_ command: any CommandEntry) -> String {
        let typeName = String(describing: type(of: command))
        let label = typeName.prefix(1).lowercased() + typeName.dropFirst()
        let body = fields(Mirror(reflecting: command)).joined(separator: ", ")
        return body.isEmpty ? label : "\(label)(\(body))"
    }

    /// `conv2d(filters: 32, kernel: 3, activation: relu)`: the arguments the
    /// user wrote, in the entry's parameter order.
    private static func describeLayer(_ layer: LayerSpec) -> String {
        let given = layer.arguments.values.filter { !$0.value.isDefault }
        let rest = given.map { "\($0.name): \($0.value.value)" }
        return rest.isEmpty ? layer.entry.word : "\(layer.entry.word)(" + rest.joined(separator: ", ") + ")"
    }

    /// `label: value` for every field the user wrote.
    private static func fields(_ mirror: Mirror, skipping: Set<String> = ["range", "source"]) -> [String] {
        var result: [String] = []
        for child in mirror.children {
            let label = child.label ?? ""
            if skipping.contains(label) { continue }
            var value: Any = child.value
            let inner = Mirror(reflecting: value)
            if inner.displayStyle == .optional {
                guard let wrapped = inner.children.first?.value else { continue }
                value = wrapped
            }
            if let located = value as? any LocatedValue, located.isDefault { continue }
            if let list = value as? [any LocatedValue] {
                let given = list.filter { !$0.isDefault }
                if given.isEmpty { continue }
                result.append("\(label): [" + given.map { leaf($0.anyValue) }.joined(separator: ", ") + "]")
                continue
            }
            let text = describe(value)
            result.append(label.isEmpty || label.hasPrefix(".") ? text : "\(label): \(text)")
        }
        return result
    }

    private static func leaf(_ value: Any) -> String {
        switch value {
        case let s as String: return "\"\(s)\""
        case let b as Bool: return b ? "on" : "off"
        case let word as any LanguageWord: return word.rawValue
        default: return String(describing: value)
        }
    }
}
