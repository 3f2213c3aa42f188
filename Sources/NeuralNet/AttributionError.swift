import TensorRuntime

/// Why a saliency map or Grad-CAM cannot be computed. The text comes from `ReportableError`.
public enum AttributionError: ReportableError, Equatable {
    /// The model's input is not an image [H, W, C].
    case notAnImage(inputShape: [Int])
    /// The model has no layers.
    case emptyModel
    /// The example has `count` values, the model takes `expected`.
    case wrongExampleSize(count: Int, expected: Int)
    /// A class index outside 0..<classes.
    case classOutOfRange(Int, classes: Int)
    /// Grad-CAM needs a layer whose output is a feature map [H', W', K]; `shape` is what `layer` gives.
    case notAFeatureMap(layer: String, shape: [Int], candidates: [String])
    /// The layer sits inside a container other than a model or a residual, whose output cannot be captured.
    case cannotCapture(layer: String, container: String)
    /// Called while gradients are switched off (`GradMode.off`).
    case gradientsOff
    /// Attention weights of `shape` do not fit a grid of `tokens` tokens (or a class token was asked for
    /// without one).
    case attentionShape(shape: [Int], tokens: Int, classToken: Bool)

    public var message: String {
        switch self {
        case let .notAnImage(shape):
            return "the model's input \(Shape.describe(shape)) is not an image of height x width x channels"
        case .emptyModel:
            return "the model has no layers"
        case let .wrongExampleSize(count, expected):
            return "the example has \(count) values but the model takes \(expected)"
        case let .classOutOfRange(index, classes):
            return "class \(index) is out of range: the model has \(classes) classes (0...\(max(0, classes - 1)))"
        case let .notAFeatureMap(layer, shape, _):
            return "\(layer) outputs \(Shape.describe(shape)), not a feature map of height x width x channels"
        case let .cannotCapture(layer, container):
            return "cannot look inside \(container) to capture \(layer)"
        case .gradientsOff:
            return "gradients are switched off"
        case let .attentionShape(shape, tokens, classToken):
            return "attention weights of shape \(Shape.describe(shape)) do not fit \(tokens) tokens"
                + (classToken ? " (the patches and a class token)" : " (the patches, no class token)")
        }
    }

    public var hint: String? {
        switch self {
        case .notAnImage: return "saliency and Grad-CAM explain image models (model input=28x28x1)"
        case .emptyModel: return "add layers first"
        case .wrongExampleSize: return "use an example of the data set the model was built for"
        case let .classOutOfRange(_, classes): return "choose a class in 0...\(max(0, classes - 1))"
        case let .notAFeatureMap(_, _, candidates):
            return candidates.isEmpty ? "the model has no convolutional layer" : "choose a convolutional layer: " + candidates.joined(separator: ", ")
        case .cannotCapture: return "choose a layer of the model itself or of a residual block"
        case .gradientsOff: return nil
        case let .attentionShape(_, _, classToken):
            return classToken ? "show attention over the image needs the layer right after patches and classtoken"
                : "use query=mean, or add a classtoken after patches"
        }
    }
}
