import TensorRuntime

/// The arithmetic and memory traffic of one layer on one batch, estimated from shapes (no pass runs).
///
/// - `forwardFLOPs`: floating-point operations of the forward pass (a multiply-add counts 2).
/// - `backwardFLOPs`: of the backward pass: about twice the forward where the layer has trained weights
///   (the input's gradient and the weights'), about once where it has none (or they are frozen).
/// - `inputGradientFLOPs`: the part of `backwardFLOPs` that computes the input's gradient, which is not
///   computed where the input needs none (the first layer of a model): `withoutInputGradient`.
/// - `bytes`: bytes read and written by forward and backward together (inputs, weights, outputs, scratch
///   such as im2col rows, and their gradients), Float32, each buffer counted once per pass that touches it.
/// Every sum saturates at `Int.max`.
public struct LayerWork: Sendable, Equatable {
    public var forwardFLOPs: Int
    public var backwardFLOPs: Int
    public var inputGradientFLOPs: Int
    public var bytes: Int

    public init(forwardFLOPs: Int = 0, backwardFLOPs: Int = 0, inputGradientFLOPs: Int = 0, bytes: Int = 0) {
        self.forwardFLOPs = forwardFLOPs
        self.backwardFLOPs = backwardFLOPs
        self.inputGradientFLOPs = min(inputGradientFLOPs, backwardFLOPs)
        self.bytes = bytes
    }

    /// The work when the input's gradient is not computed (the model's input needs none).
    public var withoutInputGradient: LayerWork {
        LayerWork(forwardFLOPs: forwardFLOPs, backwardFLOPs: backwardFLOPs - inputGradientFLOPs, bytes: bytes)
    }

    /// Forward and backward together: the work of one training step.
    public var trainingFLOPs: Int { Shape.saturatingSum(forwardFLOPs, backwardFLOPs) }

    /// Field-wise saturating sum.
    public static func + (a: LayerWork, b: LayerWork) -> LayerWork {
        LayerWork(forwardFLOPs: Shape.saturatingSum(a.forwardFLOPs, b.forwardFLOPs),
                  backwardFLOPs: Shape.saturatingSum(a.backwardFLOPs, b.backwardFLOPs),
                  inputGradientFLOPs: Shape.saturatingSum(a.inputGradientFLOPs, b.inputGradientFLOPs),
                  bytes: Shape.saturatingSum(a.bytes, b.bytes))
    }

    /// `a·b·c...` saturating, for FLOP counts.
    static func product(_ factors: Int...) -> Int {
        factors.reduce(1) { Shape.saturatingProduct($0, max($1, 0)) }
    }

    /// A view of its input (flatten, reshape): nothing forward; backward adds `values` gradients through.
    static func view(values: Int) -> LayerWork {
        LayerWork(backwardFLOPs: values, inputGradientFLOPs: values, bytes: LayerMemory.bytes(values: product(values, 2)))
    }

    /// A layer that touches each value a few times: `perValue` FLOPs per output value forward, as many
    /// again backward; reads the input and writes the output forward, reads and writes as much backward.
    static func elementwise(inputValues: Int, outputValues: Int, perValue: Int) -> LayerWork {
        let forward = product(outputValues, perValue)
        let traffic = LayerMemory.bytes(values: Shape.saturatingSum(inputValues, outputValues))
        return LayerWork(forwardFLOPs: forward, backwardFLOPs: forward, inputGradientFLOPs: forward,
                         bytes: Shape.saturatingProduct(traffic, 2))
    }
}

/// A layer that knows its own arithmetic (convolutions, dense, normalisation, pooling). Layers that do
/// not adopt it are estimated by `Layer.work(inputShape:batch:)`: containers add up their children, the
/// rest count as elementwise (one operation per output value each way), so a new layer kind shows in a
/// profile without extra code and can adopt `LayerCost` for a closer figure.
public protocol LayerCost: Layer {
    /// Work of forward and backward over `batch` examples of `inputShape` (no batch axis).
    /// Throws when the input does not fit, like `outputShape(for:)`.
    func cost(inputShape: [Int], batch: Int) throws -> LayerWork
}

extension Layer {
    /// The layer's own `LayerCost` figure; else the sum of its children's (fed one after another, as in
    /// a `Sequential`; a `Residual` adds its sum); else one elementwise operation per output value.
    public func work(inputShape: [Int], batch: Int) throws -> LayerWork {
        if let known = self as? any LayerCost {
            return try known.cost(inputShape: inputShape, batch: batch)
        }
        let out = try outputShape(for: inputShape)
        let inValues = LayerWork.product(Shape.count(inputShape), batch)
        let outValues = LayerWork.product(Shape.count(out), batch)
        guard !children.isEmpty else {
            return LayerWork.elementwise(inputValues: inValues, outputValues: outValues, perValue: 1)
        }
        var total = LayerWork()
        var shape = inputShape
        for child in children {
            total = total + (try child.work(inputShape: shape, batch: batch))
            shape = try child.outputShape(for: shape)
        }
        if self is Residual {
            total = total + LayerWork.elementwise(inputValues: inValues, outputValues: outValues, perValue: 1)
        }
        return total
    }

    /// True when the layer's weights receive gradients (it has trainable weights and is not frozen).
    var trainsWeights: Bool { isTrainable && parameters.contains(where: \.trainable) }
}
