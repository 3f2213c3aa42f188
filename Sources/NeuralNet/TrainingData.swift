/// Labelled examples a trainer can draw batches from. Datasets conform elsewhere (NeuralNet knows no file formats).
public protocol TrainingData {
    /// Number of examples.
    var count: Int { get }
    /// Shape of one example without the batch axis (e.g. [28, 28, 1]).
    var sampleShape: [Int] { get }
    /// Copies the examples at `indices` into `inputs` (count · sampleShape values, row-major) and their labels.
    func fill(indices: ArraySlice<Int>, inputs: UnsafeMutableBufferPointer<Float>, labels: UnsafeMutableBufferPointer<Int32>)
}

/// Training failures a user can cause or meet.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    case nonFiniteLoss(epoch: Int, batch: Int, value: Double)
    case noData(String)
    case inputMismatch(model: [Int], data: [Int])

    public var description: String {
        switch self {
        case let .nonFiniteLoss(epoch, batch, value):
            return "training stopped: the loss became \(value.isNaN ? "NaN" : "infinite") at epoch \(epoch), batch \(batch); "
                + "the weights are those after the last good batch (try a lower learning rate)"
        case .noData(let what): return what
        case let .inputMismatch(model, data):
            return "the model takes inputs of shape \(Shape.describe(model)) but the data has \(Shape.describe(data))"
        }
    }
}

import TensorRuntime
