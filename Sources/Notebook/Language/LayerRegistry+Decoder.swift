// The registry entries of decoders: nearest-neighbour upsampling and the transposed convolution.

import TensorRuntime
import NeuralNet

extension LayerRegistry {
    /// In documentation order, after the attention layers.
    static let decoderEntries: [LayerEntry] = [upsample, conv2dtranspose, sampling]

    static let upsample = LayerEntry(
        "upsample", aliases: ["upsampling2d"], keras: "UpSampling2D", "append a layer repeating each pixel N x N times",
        positionals: [ParameterSpec("size", .integer, "factor for height and width", required: true,
                                    range: .between(1, Limits.upsample), placeholder: "N")],
        example: "upsample 2",
        details: "Nearest neighbour, as Keras's default: an HxWxC image becomes (H*N)x(W*N)xC; no weights."
    ) { a, _ in
        try UpSampling2D(size: a.integer("size"))
    }

    static let conv2dtranspose = LayerEntry(
        "conv2dtranspose", keras: "Conv2DTranspose", kerasPositionals: ["filters", "kernel", "stride", "padding"],
        "append a transposed 2-D convolution (a learned upsampling)",
        positionals: [
            ParameterSpec("filters", .integer, "number of output channels", required: true,
                          range: .between(1, Limits.units), placeholder: "F"),
            ParameterSpec("kernel", .integer, "side of the square kernel", required: true,
                          range: .between(1, Limits.kernel), placeholder: "K"),
            activationParameter("activation applied to the output", required: false, placeholder: "ACTIVATION"),
        ],
        options: [
            ParameterSpec("stride", .integer, "step between the kernel's copies in the output", default: String(defaultStride),
                          range: .between(1, Limits.stride)),
            ParameterSpec("padding", .choice(noun: "padding", words: TensorRuntime.Padding.words),
                          "valid: output (H-1)*stride+K; same: output H*stride", default: TensorRuntime.Padding.valid.rawValue),
            initializer,
        ],
        example: "conv2dtranspose 16 3 relu stride=2 padding=same",
        details: "The adjoint of conv2d: each input pixel adds its K x K x F kernel slice, scaled per channel, into the output "
            + "at stride steps. Weights as Keras holds them: kernel (K, K, F, C) for C input channels, bias (F); "
            + "K*K*C*F + F parameters. No output_padding."
    ) { a, _ in
        try Conv2DTranspose(filters: a.integer("filters"), kernelSize: a.integer("kernel"), stride: a.integer("stride"),
                            padding: a.choice("padding"), activation: a.choice("activation"), initializer: a.choice("init"))
    }
}

extension LayerRegistry {
    static let sampling = LayerEntry(
        "sampling", keras: "Sampling", "append a VAE's reparameterisation: Z means and Z log-variances in, a code z out",
        example: "sampling",
        details: "Takes a vector of 2Z values laid out as [mean_1..mean_Z, logvar_1..logvar_Z] (end the encoder with `dense 2Z`) "
            + "and gives Z values: while training z = mean + exp(logvar/2) * eps with eps ~ N(0, 1) from the session seed, "
            + "otherwise z = mean. Each pass keeps the KL divergence to N(0, 1), mean over the batch of "
            + "-1/2 * sum(1 + logvar - mean^2 - exp(logvar)); `compile kl=W` adds W times it to the loss. "
            + "`generate images` and `show latent grid` run the layers after it on codes of their own."
    ) { _, _ in
        Sampling()
    }
}
