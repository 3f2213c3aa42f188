import Datasets
import NeuralNet

extension PointsDataset.Kind: LanguageWord, CustomStringConvertible {}
extension PointsDataset.Target: LanguageWord, CustomStringConvertible {}

/// The splits of a `load points` data set: 2-D points in, a class (or a value of the position) out.
public struct PointSplits: DataSource {
    /// The points training visits.
    public var train: PointsDataset
    /// Held-out points from another stream of the same seed: what training validates on after each epoch.
    public var validation: PointsDataset
    /// Held-out points from a third stream: read only by a command that names them (`from=test`).
    public var test: PointsDataset

    public init(train: PointsDataset, validation: PointsDataset, test: PointsDataset) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    public var kind: String { "2-D points" }
    public var exampleNoun: String { "points" }
    /// One name per class (`0`, `1`, ...); none for a regression target. With `target=input` the
    /// classes stay: they colour the points, the reconstructions and the latent map.
    public var classNames: [String] { train.target == .value ? [] : (0..<train.classes).map(String.init) }
    public var sampleShape: [Int] { [2] }
    public var targetsAreClasses: Bool { train.target == .classes }
    public var targetIsInput: Bool { train.target == .input }

    public func points(_ split: DataSplit) -> PointsDataset {
        switch split {
        case .train: return train
        case .validation: return validation
        case .test: return test
        }
    }

    public func examples(_ split: DataSplit) -> (any TrainingData)? { points(split) }

    /// Training validates on the validation points, never on the test points.
    public var epochValidation: (any TrainingData)? { validation.count > 0 ? validation : nil }

    public func hint(forMissing split: DataSplit) -> String {
        "every split is generated: set the sizes with `load points KIND count=N validation=N test=N`"
    }

    /// Half the side of the square the plane pictures show: the largest coordinate of the training
    /// points, at least 1, with a small margin.
    public var extent: Double {
        let largest = train.coordinates.reduce(Float(1)) { max($0, abs($1)) }
        return Double(largest) * 1.05
    }
}

/// Point sets feed the trainer directly: each example is (x, y); its target a class index, for
/// `target=value` one float (a target tensor (N, 1) that mse and mae read), for `target=input` the
/// point itself (N, 2).
extension PointsDataset: TrainingData {
    public var sampleShape: [Int] { [2] }

    public var targetKind: TargetKind {
        switch target {
        case .classes: return .classIndex
        case .value: return .values(shape: [1])
        case .input: return .values(shape: [2])
        }
    }

    public func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws {
        try checkIndex(index)
        for k in 0..<min(2, input.count) { input[k] = coordinates[2 * index + k] }
    }

    public func classIndex(of index: Int) throws -> Int32 {
        try checkIndex(index)
        return labels[index]
    }

    public func loadTarget(_ index: Int, into target: UnsafeMutableBufferPointer<Float>) throws {
        try checkIndex(index)
        switch self.target {
        case .classes, .value:
            if target.count > 0 { target[0] = value(at: index) }
        case .input:
            for k in 0..<min(2, target.count) { target[k] = coordinates[2 * index + k] }
        }
    }

    private func checkIndex(_ index: Int) throws {
        guard index >= 0, index < count else {
            throw DatasetError.invalidArgument("point \(index) is outside \(name) (0...\(count - 1))")
        }
    }
}
