import NeuralNet
import TensorRuntime

/// Where an autoencoder's code is: the layers that make it, and the decoder that reads it.
///
/// A model with a `sampling` layer is a VAE: the encoder is every layer before it, whose output holds the Z
/// means and Z log-variances; the code is the means, the decoder every layer after it. Otherwise the code is
/// the output of the layer `layer=` names, or of the narrowest layer (fewest values; the first on ties,
/// the last layer excluded): the bottleneck.
struct LatentCode {
    /// Layers 0..<encoderEnd make the encoder's output.
    let encoderEnd: Int
    /// The decoder is layers decoderStart..<count.
    let decoderStart: Int
    /// True for a VAE: the encoder's output is [means | log-variances].
    let isVariational: Bool
    /// The shape of one code (what the decoder takes).
    let shape: [Int]
    /// The layer whose output is the code.
    let layerName: String

    var values: Int { shape.reduce(1, *) }

    init(_ model: NeuralNet.Sequential, layer: Int?) {
        let layers = model.layers
        if layer == nil, let s = layers.firstIndex(where: { $0 is Sampling }) {
            encoderEnd = s
            decoderStart = s + 1
            isVariational = true
            shape = model.outputShapes[s]
            layerName = layers[s].name
            return
        }
        let candidates = 0..<max(layers.count - 1, 1)
        let index = layer ?? candidates.min { model.outputShapes[$0].reduce(1, *) < model.outputShapes[$1].reduce(1, *) } ?? 0
        encoderEnd = index + 1
        decoderStart = index + 1
        isVariational = false
        shape = model.outputShapes[index]
        layerName = layers[index].name
    }

    /// The codes of a batch x (N, input...) as (N, values): the means for a VAE.
    func encode(_ model: NeuralNet.Sequential, _ x: Tensor) throws -> Tensor {
        try GradMode.off {
            let h = try model.forward(x, layers: 0..<encoderEnd, ForwardContext(training: false))
            let code = isVariational ? try Sampling.means(h) : h
            return try code.reshaped([x.shape[0], values])
        }
    }

    /// The decoder's outputs for codes z (N, values).
    func decode(_ model: NeuralNet.Sequential, _ z: Tensor) throws -> Tensor {
        try GradMode.off {
            try model.forward(try z.reshaped([z.shape[0]] + shape), layers: decoderStart..<model.layers.count, ForwardContext(training: false))
        }
    }
}
