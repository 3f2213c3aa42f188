import TensorRuntime

/// Layers a model runs as one op. Today one pattern: a convolution with a ReLU (or no activation)
/// followed by a max pooling whose windows tile its output (stride = size, valid padding), run as
/// `Tensor.conv2dMaxPool`: the same values, without the convolution's full output ever going to memory.
///
/// Training, evaluation and prediction go through `Sequential.forward`, which fuses; code that needs a
/// layer's own output (activations, attribution) calls the layers one by one and is not fused.
enum LayerFusion {
    /// The layers of `layers` from `start` on that run as one op: start..<start+2 for a fusable
    /// convolution + pooling pair, else start..<start+1.
    static func unit(_ layers: [Layer], at start: Int) -> Range<Int> {
        convPool(layers, at: start) == nil ? start ..< start + 1 : start ..< start + 2
    }

    /// The units of `layers` in order: every layer in exactly one.
    static func units(_ layers: [Layer]) -> [Range<Int>] {
        var units: [Range<Int>] = []
        var i = 0
        while i < layers.count {
            let unit = unit(layers, at: i)
            units.append(unit)
            i = unit.upperBound
        }
        return units
    }

    /// The convolution and pooling at `start` and `start + 1`, when they fuse.
    static func convPool(_ layers: [Layer], at start: Int) -> (conv: Conv2D, pool: Pooling2D)? {
        guard start + 1 < layers.count,
              let conv = layers[start] as? Conv2D, conv.activation == .relu || conv.activation == .linear,
              let pool = layers[start + 1] as? Pooling2D, pool.mode == .max, pool.stride == pool.size,
              pool.padding == .valid, pool.size <= Tensor.fusedPoolMaxSize else { return nil }
        return (conv, pool)
    }

    /// The estimated work of a unit from its layers' (`works`, one per layer of `layers`; `inputShape`
    /// is the unit's input without the batch axis). A fused convolution computes only the outputs some
    /// window uses, and its output never goes to memory: its FLOPs and bytes are scaled by the used share,
    /// the pooling adds its comparisons.
    static func work(_ layers: [Layer], unit: Range<Int>, works: [LayerWork], inputShape: [Int]) -> LayerWork {
        guard unit.count == 2, let (conv, pool) = convPool(layers, at: unit.lowerBound),
              let out = try? conv.outputShape(for: inputShape), out[0] > 0, out[1] > 0 else {
            return works[unit].reduce(LayerWork(), +)
        }
        let share = Double(out[0] / pool.size * pool.size * (out[1] / pool.size * pool.size)) / Double(out[0] * out[1])
        let c = works[unit.lowerBound], p = works[unit.lowerBound + 1]
        func scaled(_ v: Int) -> Int { Int(min(Double(v) * share, Double(Int.max / 2))) }
        return LayerWork(forwardFLOPs: Shape.saturatingSum(scaled(c.forwardFLOPs), p.forwardFLOPs),
                         backwardFLOPs: Shape.saturatingSum(scaled(c.backwardFLOPs), p.backwardFLOPs),
                         inputGradientFLOPs: scaled(c.inputGradientFLOPs), bytes: scaled(c.bytes))
    }

    /// Runs layers[unit] on x. `skipOutputActivation` applies to the unit's last layer.
    static func forward(_ layers: [Layer], unit: Range<Int>, _ x: Tensor, _ context: ForwardContext,
                        skipOutputActivation: Bool) throws -> Tensor {
        if unit.count == 2, let (conv, pool) = convPool(layers, at: unit.lowerBound) {
            return try conv.forwardPooled(x, pool: pool.size)
        }
        return try layers[unit.lowerBound].forward(x, context, skipOutputActivation: skipOutputActivation)
    }
}

extension Conv2D {
    /// maxpool(act(conv(x))) with `pool` x `pool` windows tiling the output, in one op. x (N,H,W,C) -> (N,OH/pool,OW/pool,F).
    func forwardPooled(_ x: Tensor, pool: Int) throws -> Tensor {
        guard let kernel else { throw ModelError.notBuilt("\(name) is not built") }
        return try Tensor.conv2dMaxPool(x, kernel, bias, stride: stride, padding: padding,
                                        activation: activation == .relu ? .relu : .none, pool: pool)
    }
}
