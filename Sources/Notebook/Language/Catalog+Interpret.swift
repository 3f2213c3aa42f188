// Catalog entries of the commands that show where a model looks.

extension Catalog {
    /// Most examples one `show saliency` or `show gradcam` draws.
    static let maximumAttributionCount = 16

    static let interpret: [CommandSpec] = [
        CommandSpec(.showSaliency, .inspection, "draw which pixels move a class score most (saliency), over the picture",
                    positionals: [attributionIndex],
                    options: attributionOptions,
                    example: "show saliency 3 count=4",
                    details: "The map is |d score / d pixel|, the largest over the channels, scaled so the hottest pixel is 1; the score is the class's logit (before softmax or sigmoid). Captions read the class explained and its probability, green when the prediction is right and red when wrong."),
        CommandSpec(.showGradCAM, .inspection, "draw which parts of a conv layer's feature map speak for a class (Grad-CAM), over the picture",
                    positionals: [layerRef("a layer with a feature map output (conv2d, pooling)"), attributionIndex],
                    options: attributionOptions,
                    example: "show gradcam conv2d_2 0 count=4",
                    details: "Each channel of the layer's output is weighted by the mean gradient of the class's logit over it; the weighted sum, negatives cut, is enlarged to the picture and scaled so the hottest pixel is 1. The last conv layer usually gives the clearest map."),
    ]

    private static let attributionIndex = ParameterSpec("index", .integer, "0-based index of the first example", required: true,
                                                        range: .between(0, Limits.count), placeholder: "N")

    private static let attributionOptions: [ParameterSpec] = [
        ParameterSpec("count", .integer, "how many examples from N on", default: "1", range: .between(1, maximumAttributionCount)),
        ParameterSpec("class", .integer, "the class explained (0-based)", note: "the predicted class", range: .between(0, Limits.count)),
        splitChoice("from", "the split the examples come from", ["test", "train", "validation"], default: "test"),
    ]
}
