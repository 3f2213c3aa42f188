import TensorRuntime

/// Labelled examples a trainer can draw batches from, one example at a time.
///
/// NeuralNet knows no file formats: data sets conform where both modules are known (the Notebook makes
/// `ImageDataset` one). A conforming type may hold everything in memory or decode example `index` only
/// when asked (a lazy source); the trainer gathers a batch by calling `loadExample` for each of its
/// examples on the shared thread pool, so these methods must be safe to call concurrently.
///
/// Targets are class indices by default (`targetKind == .classIndex`, read with `classIndex(of:)`);
/// a data set whose targets are float tensors (one-hot or soft vectors, regression values) returns
/// `.values(shape:)` and writes them with `loadTarget`.
public protocol TrainingData {
    /// Number of examples.
    var count: Int { get }
    /// Shape of one example without the batch axis (e.g. [28, 28, 1]).
    var sampleShape: [Int] { get }
    /// What an example's target is. Default: `.classIndex`.
    var targetKind: TargetKind { get }

    /// Writes example `index` (`Shape.count(sampleShape)` floats, row-major) into `input`, from offset 0.
    /// Called only with `0 <= index < count`... except through `Trainer.predict`, which passes the caller's
    /// indices: throw for an index out of range (or an example that cannot be read), never trap.
    func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws
    /// The class index of example `index` (when `targetKind` is `.classIndex`).
    func classIndex(of index: Int) throws -> Int32
    /// Writes the target of example `index` (`Shape.count(shape)` floats of `targetKind`'s shape) into
    /// `target` (when `targetKind` is `.values`).
    func loadTarget(_ index: Int, into target: UnsafeMutableBufferPointer<Float>) throws
}

/// What one example's target is.
public enum TargetKind: Sendable, Equatable {
    /// One class index per example (sparse labels, the default): a batch's targets are `[Int32]` (N).
    case classIndex
    /// A float tensor of `shape` per example (one-hot or soft vectors, regression values): a batch's
    /// targets are a tensor (N, shape...).
    case values(shape: [Int])

    /// The shape of a float target, or nil for class indices.
    public var valueShape: [Int]? {
        if case .values(let shape) = self { return shape }
        return nil
    }
}

extension TrainingData {
    public var targetKind: TargetKind { .classIndex }

    public func classIndex(of index: Int) throws -> Int32 {
        throw TrainingError.targetMismatch("this data set has no class-index targets (its targets are \(targetKind))")
    }

    public func loadTarget(_ index: Int, into target: UnsafeMutableBufferPointer<Float>) throws {
        throw TrainingError.targetMismatch("this data set has class-index targets, not float vectors")
    }
}
