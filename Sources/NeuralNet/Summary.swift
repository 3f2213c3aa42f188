import TensorRuntime

/// The Keras-style summary of a model: one row per layer, totals and weight memory.
public struct ModelSummary: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let name: String, type: String, outputShape: [Int], parameters: Int, trainable: Bool, config: String
    }
    public let rows: [Row]
    public let inputShape: [Int]
    public let trainable: Int
    public let nonTrainable: Int
    public var total: Int { trainable + nonTrainable }
    /// Bytes of weights (Float32).
    public var bytes: Int { total * 4 }

    /// Output shape as Keras prints it: `(None, 26, 26, 32)`.
    public static func describe(_ shape: [Int]) -> String { "(None, " + shape.map(String.init).joined(separator: ", ") + ")" }

    /// 1,234,567 style.
    public static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(c) }
        return String(out.reversed())
    }

    /// 880.99 KB style.
    public static func memory(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var v = Double(bytes), u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        return u == 0 ? "\(bytes) B" : String(Int((v * 100).rounded())) .withDecimalPoint + " " + units[u]
    }
}

private extension String {
    /// "88099" -> "880.99".
    var withDecimalPoint: String {
        let digits = count < 3 ? String(repeating: "0", count: 3 - count) + self : self
        return String(digits.dropLast(2)) + "." + String(digits.suffix(2))
    }
}

extension Sequential {
    /// The summary table's data.
    public var summary: ModelSummary {
        let rows = zip(layers, outputShapes).map { layer, shape in
            ModelSummary.Row(name: layer.name, type: layer.typeName, outputShape: shape,
                             parameters: layer.parameters.reduce(0) { $0 + $1.tensor.count }, trainable: layer.isTrainable, config: layer.configSummary)
        }
        let trainable = layers.reduce(0) { $0 + $1.parameterCount(trainable: true) }
        let nonTrainable = layers.reduce(0) { $0 + $1.parameterCount(trainable: false) }
        return ModelSummary(rows: rows, inputShape: inputShape, trainable: trainable, nonTrainable: nonTrainable)
    }

    /// Freezes (or unfreezes) the layer at `index`: its weights stop (or resume) receiving gradients and updates.
    public func setTrainable(_ trainable: Bool, at index: Int) throws {
        guard layers.indices.contains(index) else { throw ModelError.indexOutOfRange(index + 1, count: layers.count) }
        let layer = layers[index]
        layer.isTrainable = trainable
        for p in layer.parameters where p.trainable { p.tensor.requiresGrad = trainable }
    }
}
