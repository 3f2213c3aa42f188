import TensorRuntime

/// Bytes a layer (or a whole model) needs for one batch, Float32. Every sum saturates at `Int.max`, so a
/// report on an absurd configuration says "too much" instead of trapping.
///
/// - `weights`: the weight values (training adds as much again for their gradients, and the optimiser's
///   slots: one more copy for momentum/RMSprop, two for Adam).
/// - `activations`: forward outputs kept for backward, and their gradients.
/// - `scratch`: other buffers of the pass: pre-activation values, normalised values, masks, and for a
///   convolution its im2col rows (one row of KH*KW*C values per output pixel, kept for the weight gradient).
public struct LayerMemory: Sendable, Equatable {
    public var weights: Int
    public var activations: Int
    public var scratch: Int

    public init(weights: Int = 0, activations: Int = 0, scratch: Int = 0) {
        self.weights = weights
        self.activations = activations
        self.scratch = scratch
    }

    /// Everything together (saturating).
    public var total: Int { Shape.saturatingSum(Shape.saturatingSum(weights, activations), scratch) }

    /// Field-wise saturating sum.
    public static func + (a: LayerMemory, b: LayerMemory) -> LayerMemory {
        LayerMemory(weights: Shape.saturatingSum(a.weights, b.weights),
                    activations: Shape.saturatingSum(a.activations, b.activations),
                    scratch: Shape.saturatingSum(a.scratch, b.scratch))
    }

    /// Bytes of `values` Float32 values for each of `batch` examples (saturating; a negative batch counts as 0).
    public static func bytes(values: Int, batch: Int = 1) -> Int {
        Shape.saturatingProduct(Shape.saturatingProduct(max(values, 0), max(batch, 0)), 4)
    }

    /// The sum of `layers`' reports, each fed the previous one's output shape starting from `inputShape`.
    static func chain(_ layers: [Layer], inputShape: [Int], batch: Int) throws -> LayerMemory {
        var total = LayerMemory()
        var shape = inputShape
        for layer in layers {
            total = total + (try layer.memory(inputShape: shape, batch: batch))
            shape = try layer.outputShape(for: shape)
        }
        return total
    }
}

extension Layer {
    /// The default report: weights from `weightCount`; the output and its gradient as activations; one more
    /// output-sized buffer as scratch (a pre-activation, normalised values or a mask).
    public func memory(inputShape: [Int], batch: Int) throws -> LayerMemory {
        let out = try outputShape(for: inputShape)
        let outBytes = LayerMemory.bytes(values: Shape.count(out), batch: batch)
        return LayerMemory(weights: LayerMemory.bytes(values: try weightCount(inputShape: inputShape)),
                           activations: Shape.saturatingProduct(outBytes, 2),
                           scratch: outBytes)
    }

}

extension Sequential {
    /// What training one batch of `batch` examples needs: every layer's report plus the input batch itself.
    public func memory(batch: Int) throws -> LayerMemory {
        var report = try memory(inputShape: inputShape, batch: batch)
        report.activations = Shape.saturatingSum(report.activations, LayerMemory.bytes(values: Shape.count(inputShape), batch: batch))
        return report
    }
}
