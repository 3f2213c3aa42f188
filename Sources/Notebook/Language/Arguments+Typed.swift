// Typed reading of bound arguments: each parameter is named once, its type comes from the field it
// fills (`epochs = try a.required("epochs")` reads a `Located<Int>`).

/// A value type an argument can be read as.
public protocol ArgumentReadable: Sendable {
    /// The value, or nil when the argument holds another kind (the binder converted it by the spec).
    static func read(_ value: ArgumentValue) -> Self?
}

extension Int: ArgumentReadable {
    public static func read(_ value: ArgumentValue) -> Int? {
        if case .integer(let i) = value { return i }
        return nil
    }
}

extension Double: ArgumentReadable {
    public static func read(_ value: ArgumentValue) -> Double? {
        switch value {
        case .number(let d): return d
        case .integer(let i): return Double(i)
        default: return nil
        }
    }
}

extension String: ArgumentReadable {
    public static func read(_ value: ArgumentValue) -> String? {
        if case .text(let s) = value { return s }
        return nil
    }
}

extension Bool: ArgumentReadable {
    public static func read(_ value: ArgumentValue) -> Bool? {
        if case .boolean(let b) = value { return b }
        return nil
    }
}

extension Shape: ArgumentReadable {
    public static func read(_ value: ArgumentValue) -> Shape? {
        if case .shape(let s) = value { return s }
        return nil
    }
}

extension LayerRef: ArgumentReadable {
    public static func read(_ value: ArgumentValue) -> LayerRef? {
        if case .layer(let l) = value { return l }
        return nil
    }
}

extension Arguments {
    /// The value given or defaulted, nil when neither.
    func optional<T: ArgumentReadable>(_ name: String) -> Located<T>? {
        guard let v = value(name), let typed = T.read(v.value) else { return nil }
        return v.map { _ in typed }
    }

    /// A word from a fixed set, given or defaulted.
    func optional<W: LanguageWord>(_ name: String) -> Located<W>? {
        word(name, as: W.self)
    }

    /// A value that is always there (required, or with a default): a missing one is a located error.
    func required<T: ArgumentReadable>(_ name: String) throws(Diagnostic) -> Located<T> {
        try required(optional(name), name)
    }

    func required<W: LanguageWord>(_ name: String) throws(Diagnostic) -> Located<W> {
        try required(word(name, as: W.self), name)
    }

    /// Every value of a list option (or its default, as a one-element list).
    func list<W: LanguageWord>(_ name: String) -> [Located<W>] {
        words(name, as: W.self)
    }

    /// Every value of a list of names (`models=plain,dropout`).
    func list(_ name: String) -> [Located<String>] {
        let all = values[name] ?? value(name).map { [$0] } ?? []
        return all.compactMap { v in String.read(v.value).map { s in v.map { _ in s } } }
    }

    /// True when the user wrote the parameter.
    func given(_ name: String) -> Bool { values[name] != nil }
}
