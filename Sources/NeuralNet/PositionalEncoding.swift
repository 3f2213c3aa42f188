#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorRuntime

/// How positions are encoded.
public enum PositionalKind: String, Sendable, CaseIterable {
    /// A trained (T, D) table, keras_hub's PositionEmbedding (glorot_uniform initial values).
    case learned
    /// The fixed table of "Attention is all you need", keras_hub's SinePositionEncoding:
    /// sin(t / 10000^(2i/D)) at feature 2i, cos of the same at feature 2i + 1. No weights.
    case sinusoidal
}

/// Adds a position's encoding to each token: x (N, T, D) -> x + P (N, T, D), P (T, D) the same for every example.
public final class PositionalEncoding: Layer {
    public var name = ""
    public var isTrainable = true
    public let kind: PositionalKind
    /// (T, D): the weights when learned, a constant when sinusoidal; once built.
    public private(set) var table: Tensor?

    public init(_ kind: PositionalKind) { self.kind = kind }

    public var typeName: String { kind == .learned ? "PositionEmbedding" : "SinePositionEncoding" }
    public var nameStem: String { kind == .learned ? "position_embedding" : "sine_position_encoding" }
    public var configSummary: String { kind.rawValue }
    public var parameters: [Parameter] {
        guard kind == .learned, let table else { return [] }
        return [Parameter("embeddings", table)]
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        _ = try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "positional")
        return inputShape
    }

    /// T·D when learned, none when sinusoidal.
    public func weightCount(inputShape: [Int]) throws -> Int {
        let (t, d) = try SequenceShape.tokensAndFeatures(inputShape, layer: name, word: "positional")
        return kind == .learned ? Shape.saturatingProduct(t, d) : 0
    }

    public func build(inputShape: [Int], rng: inout SeededGenerator) {
        guard inputShape.count == 2, table?.shape != inputShape else { return }
        let t = inputShape[0], d = inputShape[1]
        switch kind {
        case .learned:
            let weights = Initializer.glorot_uniform.make(inputShape, fanIn: t, fanOut: d, rng: &rng)
            weights.requiresGrad = true
            table = weights
        case .sinusoidal:
            table = PositionalEncoding.sinusoid(tokens: t, features: d)
        }
    }

    /// The sinusoidal table (T, D).
    static func sinusoid(tokens t: Int, features d: Int) -> Tensor {
        let table = Tensor(zeros: [t, d])
        for position in 0..<t {
            for i in 0..<d {
                let exponent = Double(2 * (i / 2)) / Double(d)
                let angle = Double(position) / pow(10_000, exponent)
                table.buffer.pointer[position * d + i] = Float(i % 2 == 0 ? sin(angle) : cos(angle))
            }
        }
        return table
    }

    public func forward(_ x: Tensor, _ context: ForwardContext, skipOutputActivation: Bool) throws -> Tensor {
        guard let table else { throw ModelError.notBuilt("\(name) is not built") }
        return try Tensor.add(x, table)
    }

    public func clone() -> Layer {
        let copy = PositionalEncoding(kind)
        copy.name = name
        copy.isTrainable = isTrainable
        copy.table = table.parameterCopy()
        return copy
    }
}
