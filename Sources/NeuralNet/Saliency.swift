import TensorRuntime

// Saliency (Simonyan et al. 2013): how much each pixel moves the class score. The gradient of the score
// (the logit, before softmax or sigmoid) with respect to the input image, its absolute value taken as the
// largest over the channels, divided by its maximum.
extension Sequential {
    /// The saliency map of one example for `classIndex` (nil: the predicted class).
    ///
    /// - Parameter example: one image, `inputShape` [H, W, C] values in NHWC order.
    /// - Returns: an [H, W] map in [0, 1]: max over channels of |d score / d pixel|, normalised by its maximum.
    /// - Throws: `AttributionError` (not an image model, a class out of range, a wrong example size) or a
    ///   layer's error. Changes no weight, statistic, gradient or optimiser state.
    public func saliency(of example: [Float], classIndex: Int? = nil) throws -> AttributionMap {
        let (height, width, channels) = try imageInputShape()
        let pass = try attributionPass(example, classIndex: classIndex, capture: nil, inputGradient: true)
        let gradient = pass.input.gradArray
        var heat = [Float](repeating: 0, count: height * width)
        for pixel in 0..<(height * width) {
            var strongest: Float = 0
            for c in 0..<channels {
                strongest = max(strongest, abs(gradient[pixel * channels + c]))
            }
            heat[pixel] = strongest
        }
        return AttributionMap(height: height, width: width, values: AttributionMap.normalized(heat),
                              classIndex: pass.classIndex, predicted: pass.predicted,
                              probabilities: pass.probabilities, score: pass.score)
    }
}
