import TensorRuntime

/// Training failures a user can cause or meet.
public enum TrainingError: ReportableError, Equatable {
    case nonFiniteLoss(epoch: Int, batch: Int, value: Double)
    case noData(String)
    case inputMismatch(model: [Int], data: [Int])
    /// The data set's targets do not suit the loss or the data (class indices vs float vectors).
    case targetMismatch(String)
    /// A batch transform cannot work on examples of this shape.
    case transformMismatch(transform: String, shape: [Int], expected: String)
    /// A setting of the training pipeline is out of range.
    case invalidArgument(String)
    /// An evaluation pass was stopped by a stop request (`StopFlag.request`) after `done` of `total` batches.
    case stopped(what: String, done: Int, total: Int)

    public var message: String {
        switch self {
        case let .stopped(what, done, total):
            return "\(what) stopped after \(done) of \(total) batches; nothing was changed"
        case let .nonFiniteLoss(epoch, batch, value):
            return "training stopped: the loss became \(value.isNaN ? "NaN" : "infinite") at epoch \(epoch), batch \(batch)"
        case .noData(let what):
            return what
        case let .inputMismatch(model, data):
            return "the model takes inputs of shape \(Shape.describe(model)) but the data has \(Shape.describe(data))"
        case .targetMismatch(let what):
            return what
        case let .transformMismatch(transform, shape, expected):
            return "\(transform) works on \(expected), but the examples have shape \(Shape.describe(shape))"
        case .invalidArgument(let what):
            return what
        }
    }

    public var hint: String? {
        switch self {
        case .nonFiniteLoss:
            return "try a lower learning rate"
        case .noData:
            return "load or split the data so that the set holds examples"
        case .inputMismatch:
            return "make the model's input shape match the data's"
        case .targetMismatch:
            return "use sparse_categorical_crossentropy with class labels, mse, mae or categorical_crossentropy with vectors"
        case .transformMismatch:
            return "use this transform only with image data (height, width, channels)"
        case .invalidArgument:
            return "see the documentation of the setting for its range"
        case .stopped:
            return nil
        }
    }
}
