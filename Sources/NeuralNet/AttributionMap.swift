/// A heat map over an input image saying where a classifier looked for one class: a saliency map or a
/// Grad-CAM, with the prediction it explains.
public struct AttributionMap: Sendable, Equatable {
    /// Rows of the map (the input image's height).
    public let height: Int
    /// Columns of the map (the input image's width).
    public let width: Int
    /// Heat per pixel, row-major [height, width], in [0, 1]; 1 where the class score depends most.
    public let values: [Float]
    /// The class explained (the predicted one unless another was asked for).
    public let classIndex: Int
    /// The class the model predicts (highest probability).
    public let predicted: Int
    /// The model's probability per class (a one-unit sigmoid model: [1 - p, p]).
    public let probabilities: [Float]
    /// The explained class's score before the final softmax or sigmoid (its logit).
    public let score: Float

    public init(height: Int, width: Int, values: [Float], classIndex: Int, predicted: Int, probabilities: [Float], score: Float) {
        self.height = height
        self.width = width
        self.values = values
        self.classIndex = classIndex
        self.predicted = predicted
        self.probabilities = probabilities
        self.score = score
    }

    /// `values` divided by their maximum, so the hottest pixel is 1; an all-zero map stays zero.
    static func normalized(_ values: [Float]) -> [Float] {
        let top = values.max() ?? 0
        guard top > 0, top.isFinite else { return values.map { _ in 0 } }
        return values.map { $0.isFinite ? max(0, $0) / top : 0 }
    }
}
