// The checked arguments of one layer line, as a registry builder receives them.

import NeuralNet

/// A checked argument value.
public enum ArgumentValue: Sendable, Equatable, CustomStringConvertible {
    case integer(Int)
    case number(Double)
    case shape(Shape)
    case boolean(Bool)
    /// A path or a name.
    case text(String)
    case layer(LayerRef)
    /// A word from a fixed set, lower-cased.
    case word(String)
    /// `vocab` or `classes` in a layer's integer argument: the loaded data's size, known when the layer
    /// is built (`dense vocab softmax`), so one session fits any corpus or class count.
    case dataSize(DataSize)

    /// As the AST description shows it: `32`, `0.25`, `7x7x16`, `relu`, `"c1"`.
    public var description: String {
        switch self {
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .shape(let s): return s.description
        case .boolean(let b): return b ? "on" : "off"
        case .text(let t): return "\"\(t)\""
        case .layer(let l): return l.description
        case .word(let w): return w
        case .dataSize(let d): return d.rawValue
        }
    }
}

/// A builder asked for an argument its entry does not declare (a registry bug,
/// reported rather than trapped).
public struct UndeclaredArgument: Error, CustomStringConvertible {
    public var layer: String
    public var name: String
    public var description: String { "\(layer) has no argument '\(name)' of that type" }
}

/// Every parameter of a layer line by name: what was typed, or the catalog
/// default (marked `isDefault`); parameters with neither are absent.
public struct LayerArguments: Sendable, Equatable {
    /// The layer word, for messages.
    public var layer: String
    /// In the entry's parameter order.
    public var values: [(name: String, value: Located<ArgumentValue>)]

    public init(layer: String, values: [(name: String, value: Located<ArgumentValue>)]) {
        self.layer = layer
        self.values = values
    }

    public static func == (a: LayerArguments, b: LayerArguments) -> Bool {
        a.layer == b.layer && a.values.map(\.name) == b.values.map(\.name) && a.values.map(\.value) == b.values.map(\.value)
    }

    public func value(_ name: String) -> Located<ArgumentValue>? {
        values.first { $0.name == name }?.value
    }

    // MARK: Optional access (nil when absent)

    public func int(_ name: String) -> Located<Int>? {
        guard let v = value(name), case .integer(let i) = v.value else { return nil }
        return v.map { _ in i }
    }

    public func number(_ name: String) -> Located<Double>? {
        guard let v = value(name) else { return nil }
        switch v.value {
        case .number(let d): return v.map { _ in d }
        case .integer(let i): return v.map { _ in Double(i) }
        default: return nil
        }
    }

    public func bool(_ name: String) -> Located<Bool>? {
        guard let v = value(name), case .boolean(let b) = v.value else { return nil }
        return v.map { _ in b }
    }

    public func text(_ name: String) -> Located<String>? {
        guard let v = value(name), case .text(let s) = v.value else { return nil }
        return v.map { _ in s }
    }

    public func shape(_ name: String) -> Located<Shape>? {
        guard let v = value(name), case .shape(let s) = v.value else { return nil }
        return v.map { _ in s }
    }

    public func word<W: LanguageWord>(_ name: String, as type: W.Type) -> Located<W>? {
        guard let v = value(name), case .word(let w) = v.value, let typed = W(rawValue: w) else { return nil }
        return v.map { _ in typed }
    }

    // MARK: Required access, for builders

    /// An integer argument; throws if the entry does not declare it.
    public func integer(_ name: String) throws -> Int {
        guard let v = int(name) else { throw UndeclaredArgument(layer: layer, name: name) }
        return v.value
    }

    /// An on/off argument.
    public func boolean(_ name: String) throws -> Bool {
        guard let v = bool(name) else { throw UndeclaredArgument(layer: layer, name: name) }
        return v.value
    }

    /// A number argument as the engine's Float.
    public func float(_ name: String) throws -> Float {
        guard let v = number(name) else { throw UndeclaredArgument(layer: layer, name: name) }
        return Float(v.value)
    }

    /// A shape argument's dimensions.
    public func dimensions(_ name: String) throws -> [Int] {
        guard let v = shape(name) else { throw UndeclaredArgument(layer: layer, name: name) }
        return v.value.dimensions
    }

    /// A name argument with where it was written (for a builder's located errors).
    public func name(_ name: String) throws -> Located<String> {
        guard let v = text(name) else { throw UndeclaredArgument(layer: layer, name: name) }
        return v
    }

    /// A word argument as the engine's enum.
    public func choice<W: LanguageWord>(_ name: String) throws -> W {
        guard let v = word(name, as: W.self) else { throw UndeclaredArgument(layer: layer, name: name) }
        return v.value
    }

    /// The L1/L2 penalty of `l1=` and `l2=`, or nil when both are 0.
    public func regularizer() throws -> Regularizer? {
        let l1 = try float("l1")
        let l2 = try float("l2")
        return l1 > 0 || l2 > 0 ? Regularizer(l1: l1, l2: l2) : nil
    }
}
