import TensorRuntime

extension Sequential {
    /// Whether `quantize int8` runs `layer` in int8: top-level dense and convolution layers (layers inside
    /// blocks, attention and the rest run in float).
    public static func isQuantizable(_ layer: Layer) -> Bool {
        (layer is Dense || layer is Conv2D) && !layer.parameters.isEmpty
    }

    /// The largest Int32-safe product length: K · 127 · 127 must fit in an Int32 accumulator.
    public static let maxInt8Products = Int(Int32.max) / (127 * 127)

    /// Quantises the kernels of the quantisable layers and calibrates each one's input scale on `calibration`
    /// (batches of training inputs, run through the float model: max |input| per layer). Sets
    /// `quantization` and returns it. Throws (changing nothing) when a layer's products are too long for
    /// an Int32 accumulator or a forward pass fails.
    @discardableResult
    public func quantize(_ granularity: ModelQuantization.Granularity, calibration: [Tensor]) throws -> ModelQuantization {
        for layer in layers where Sequential.isQuantizable(layer) {
            let k = layer.parameters[0].tensor.shape.dropLast().reduce(1, *)
            guard k <= Sequential.maxInt8Products else {
                throw ModelError.invalidConfiguration(layer: layer.name, message:
                    "\(k) products per output are more than the \(Sequential.maxInt8Products) an int8 accumulator holds")
            }
        }
        var largest = [Float](repeating: 0, count: layers.count)
        let context = ForwardContext(training: false)
        let saved = quantization
        quantization = nil   // calibration reads the float model's activations
        do { try GradMode.off { try calibrate(calibration, into: &largest, context) } } catch { quantization = saved; throw error }
        var states: [String: ModelQuantization.LayerState] = [:]
        for (i, layer) in layers.enumerated() where Sequential.isQuantizable(layer) {
            let w = Int8Weights(quantizing: layer.parameters[0].tensor, perChannel: granularity == .channel)
            states[layer.name] = .init(weights: w, inputScale: ModelQuantization.inputScale(largest: largest[i]))
        }
        let count = calibration.reduce(0) { $0 + ($1.shape.first ?? 0) }
        let result = ModelQuantization(granularity: granularity, calibrationExamples: count, layers: states)
        quantization = result
        return result
    }

    /// Runs `calibration` through the float layers, keeping each quantisable layer's largest |input|.
    private func calibrate(_ calibration: [Tensor], into largest: inout [Float], _ context: ForwardContext) throws {
        for batch in calibration {
            var h = batch
            for (i, layer) in layers.enumerated() {
                if Sequential.isQuantizable(layer) {
                    let p = h.buffer.pointer
                    var m = largest[i]
                    for j in 0..<h.count where abs(p[j]) > m { m = abs(p[j]) }
                    largest[i] = m
                }
                h = try layer.forward(h, context, skipOutputActivation: false)
            }
        }
    }

    /// The forward pass of the int8 state: quantised layers as int8 products, the others in float.
    /// Inference only: a training context throws `ModelError.quantized`.
    func quantizedForward(_ x: Tensor, _ q: ModelQuantization, _ context: ForwardContext, logits: Bool) throws -> Tensor {
        guard !context.training else { throw ModelError.quantized(name) }
        var h = x
        for (i, layer) in layers.enumerated() {
            let skip = logits && i == layers.count - 1
            guard let state = q.layers[layer.name] else {
                h = try layer.forward(h, context, skipOutputActivation: skip)
                continue
            }
            let activation = skip ? ActivationKind.linear : layer.outputActivation
            if let dense = layer as? Dense {
                h = try activation.apply(Tensor.int8Linear(h, inputScale: state.inputScale, state.weights, dense.bias))
            } else if let conv = layer as? Conv2D {
                h = try activation.apply(Tensor.int8Conv2d(h, inputScale: state.inputScale, state.weights, conv.bias,
                                                           stride: conv.stride, padding: conv.padding))
            } else {
                h = try layer.forward(h, context, skipOutputActivation: skip)
            }
        }
        return h
    }

    /// Bytes the weights of top-level layer `index` take: 4 per float value; for an int8 layer 1 per kernel
    /// value, 4 per scale (the kernel's and the input's) and 4 per bias value.
    public func weightBytes(layer index: Int) -> Int {
        let layer = layers[index]
        let floats = layer.parameterTree.reduce(0) { Shape.saturatingSum($0, $1.parameter.tensor.count) }
        guard let state = quantization?.layers[layer.name] else { return Shape.saturatingProduct(floats, 4) }
        let rest = floats - state.weights.values.count
        return state.weights.byteCount + 4 + 4 * rest
    }
}
