import Foundation
import TensorRuntime

/// What a layer computes, written out for a class (`explain LAYER`, `summary formulas=on`): the formula
/// with its shapes, and the parameter count as arithmetic with the numbers filled in.
///
/// `numeric` holds only whole numbers, `*`, `+` and parentheses, so its value can be checked against
/// `weightCount(inputShape:)` by evaluating the text (the tests do).
public struct LayerFormula: Sendable, Equatable {
    /// Plain-text lines, one statement each: `y = relu(x*W + b)`, the output size rule.
    public var computes: [String]
    /// The parameter count with letters: `K*K*C*F + F`; `0` for a layer without weights.
    public var symbolic: String
    /// The same with the numbers: `3*3*1*8 + 8`.
    public var numeric: String
    /// What the letters stand for: `K = 3 kernel side`.
    public var letters: [String]
    /// The weight tensors and their shapes: `kernel W (3, 3, 1, 8)`.
    public var weights: [String]

    public init(computes: [String], symbolic: String = "0", numeric: String = "0", letters: [String] = [], weights: [String] = []) {
        self.computes = computes
        self.symbolic = symbolic
        self.numeric = numeric
        self.letters = letters
        self.weights = weights
    }

    /// `K*K*C*F + F = 3*3*1*8 + 8 = 80` with `count` the value as it is shown (`D = 64` when the
    /// numbers add nothing).
    public func worked(_ count: String) -> String {
        let steps = numeric.contains(where: { "*+(".contains($0) }) ? [symbolic, numeric, count] : [symbolic, count]
        return steps.joined(separator: " = ")
    }

    /// A layer without weights.
    static func noWeights(_ computes: String...) -> LayerFormula { LayerFormula(computes: computes) }

    /// The formulas of layers applied one after another (a block): their parameter counts added, each in
    /// parentheses where it has more than one term; layers without weights left out.
    static func sum(_ parts: [LayerFormula], computes: [String], letters: [String] = []) -> LayerFormula {
        let counted = parts.filter { $0.numeric != "0" }
        guard !counted.isEmpty else { return LayerFormula(computes: computes, letters: letters) }
        func joined(_ terms: [String]) -> String {
            terms.count == 1 ? terms[0] : terms.map { $0.contains("+") ? "(\($0))" : $0 }.joined(separator: " + ")
        }
        return LayerFormula(computes: computes, symbolic: joined(counted.map(\.symbolic)), numeric: joined(counted.map(\.numeric)),
                            letters: letters, weights: counted.flatMap(\.weights))
    }

    /// A constant as a class reads it: 0.99, 0.001, 1e-07 (five significant digits, so 1 - 0.99 is 0.01).
    public static func number(_ x: Float) -> String { String(format: "%.5g", Double(x)) }

    /// `(3, 3, 1, 8)`.
    static func shape(_ dims: [Int]) -> String { "(" + dims.map(String.init).joined(separator: ", ") + ")" }

    /// `relu(z)`, or `z` for a linear layer.
    static func applying(_ activation: ActivationKind, to z: String) -> String {
        activation == .linear ? z : "\(activation.rawValue)(\(z))"
    }
}

/// A layer that can write out what it computes (every layer of the language adopts it).
public protocol LayerMath: Layer {
    /// The formula for `inputShape` (no batch axis); throws when the input does not fit, like `outputShape(for:)`.
    func formula(inputShape: [Int]) throws -> LayerFormula
    /// How one output position reads the input's positions, for the receptive field (`pointwise` by default).
    func reach(inputShape: [Int]) -> LayerReach
    /// The shape entering each of `children` for `inputShape` (by default each child takes the output of the one before it).
    func childInputShapes(inputShape: [Int]) throws -> [[Int]]
}

extension LayerMath {
    public func reach(inputShape: [Int]) -> LayerReach { .pointwise }

    public func childInputShapes(inputShape: [Int]) throws -> [[Int]] {
        var shapes: [[Int]] = []
        var shape = inputShape
        for child in children {
            shapes.append(shape)
            shape = try child.outputShape(for: shape)
        }
        return shapes
    }
}

/// How one output position of a layer depends on the positions of its input.
public indirect enum LayerReach: Sendable, Equatable {
    /// The same position only (activations, normalisation, dense on each position).
    case pointwise
    /// A `size` x `size` window of input pixels, windows `stride` pixels apart (convolution, pooling, patches).
    case window(size: Int, stride: Int)
    /// At most `size` x `size` input pixels, `factor` output pixels per input pixel along each side
    /// (conv2dtranspose: ceil(K / stride); upsample: 1).
    case spread(size: Int, factor: Int)
    /// The token itself and every earlier one (causal attention, a recurrent layer's sequence of states).
    case earlier
    /// The whole input (flatten, global pooling, dense on a vector, attention, a recurrent layer's last state).
    case whole
    /// The layers of a block, in order.
    case chain([LayerReach])
}

/// What one output unit of a layer sees of the model's input.
public enum ReceptiveField: Sendable, Equatable {
    /// A `size` x `size` window of input pixels; neighbouring units are `jump` input pixels apart. Both are
    /// whole numbers unless an upsampling came before (then `size` is rounded up where it is shown).
    case pixels(size: Double, jump: Double)
    /// One input position (a token, or one value of a vector).
    case position
    /// Its own token and every token before it.
    case earlierTokens
    /// Every value of the input.
    case whole

    /// Where a model's input starts: one pixel of an image, else one position.
    public init(inputShape: [Int]) {
        self = inputShape.count == 3 ? .pixels(size: 1, jump: 1) : .position
    }

    /// The field after a layer that reaches as `reach`: for a window of K pixels S apart,
    /// size + (K - 1)·jump and jump·S.
    public func after(_ reach: LayerReach) -> ReceptiveField {
        switch (self, reach) {
        case (.whole, _), (_, .whole):
            return .whole
        case (_, .pointwise):
            return self
        case (_, .chain(let steps)):
            return steps.reduce(self) { $0.after($1) }
        case let (.pixels(size, jump), .window(k, s)):
            return .pixels(size: size + Double(k - 1) * jump, jump: jump * Double(s))
        case let (.pixels(size, jump), .spread(k, f)):
            return .pixels(size: size + Double(k - 1) * jump, jump: jump / Double(max(f, 1)))
        case (.position, .earlier), (.earlierTokens, .earlier):
            return .earlierTokens
        case (.pixels, .earlier), (.position, .window), (.position, .spread), (.earlierTokens, .window), (.earlierTokens, .spread):
            return .whole
        }
    }
}

extension Sequential {
    /// The receptive field of every layer's output units, in order: what one unit sees of the model's input.
    public var receptiveFields: [ReceptiveField] {
        var field = ReceptiveField(inputShape: inputShape)
        return layers.indices.map { i in
            let reach = (layers[i] as? any LayerMath)?.reach(inputShape: inputShape(ofLayer: i)) ?? .whole
            field = field.after(reach)
            return field
        }
    }
}
