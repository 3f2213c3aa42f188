import Datasets
import NeuralNet

/// The examples of a loaded data set, whatever they are: their splits, class names (or vocabulary), the
/// shape of one example and what the notebook can show of them. `ImageSplits`, `SequenceSplits` and
/// `TextSplits` are the kinds today; a new kind of data (text, 2-D points, examples whose target is the input) is one
/// more conforming type.
public protocol DataSource: Sendable {
    /// What the examples are, for messages: `images`, `token sequences`.
    var kind: String { get }
    /// The plural used in counts and shapes: `images`, `sequences`.
    var exampleNoun: String { get }
    /// One name per class a target can be (image classes; for sequences the tokens `0`, `1`, ...).
    var classNames: [String] { get }
    /// The shape of one example without the batch axis.
    var sampleShape: [Int] { get }
    /// Each example's target is one class index (not one per position).
    var targetsAreClasses: Bool { get }
    /// The examples of a split; nil when the source has none.
    func examples(_ split: DataSplit) -> (any TrainingData)?
    /// What training validates on after each epoch (nil: no validation pass).
    var epochValidation: (any TrainingData)? { get }
    /// How to get a split the source does not have.
    func hint(forMissing split: DataSplit) -> String
    /// Token ids to text and back, for data made of tokens (`generate`); nil otherwise.
    var codec: (any TokenCodec)? { get }
}

extension DataSource {
    public var codec: (any TokenCodec)? { nil }

    /// The number of distinct tokens, for data whose targets are tokens (what `vocab` stands for in a
    /// layer line); nil for data labelled by class.
    public var vocabularySize: Int? { targetsAreClasses ? nil : classNames.count }

    /// What the trainer trains on.
    public var trainingSet: any TrainingData { examples(.train)! }
}

/// A loaded data set: a name and its examples.
public struct DataEntry {
    public var name: String
    public var source: any DataSource

    public init(name: String, source: any DataSource) {
        self.name = name
        self.source = source
    }

    /// An image data set.
    public init(name: String, train: ImageDataset, validation: ImageDataset? = nil, test: ImageDataset? = nil) {
        self.init(name: name, source: ImageSplits(train: train, validation: validation, test: test))
    }

    /// The image splits, nil for other kinds of data.
    public var images: ImageSplits? { source as? ImageSplits }
    /// The token sequences, nil for other kinds of data.
    public var sequences: SequenceSplits? { source as? SequenceSplits }
    /// The text windows and their tokenizer (`load text`), nil for other kinds of data.
    public var text: TextSplits? { source as? TextSplits }

    public var classNames: [String] { source.classNames }
    public var sampleShape: [Int] { source.sampleShape }
    /// What the trainer trains on.
    public var trainingSet: any TrainingData { source.trainingSet }
    /// What training validates on after each epoch.
    public var validationSet: (any TrainingData)? { source.epochValidation }
}

/// Pictures with class labels: a training split, a validation split after `split` (or from a folder),
/// and the test split of the files the data came with.
public struct ImageSplits: DataSource {
    public var train: ImageDataset
    public var validation: ImageDataset?
    public var test: ImageDataset?

    public init(train: ImageDataset, validation: ImageDataset? = nil, test: ImageDataset? = nil) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    public var kind: String { "images" }
    public var exampleNoun: String { "images" }
    public var classNames: [String] { train.classNames }
    public var sampleShape: [Int] { train.sampleShape }
    public var targetsAreClasses: Bool { true }

    /// The image split itself (pictures, labels, class names).
    public func images(_ split: DataSplit) -> ImageDataset? {
        switch split {
        case .train: return train
        case .validation: return validation
        case .test: return test
        }
    }

    public func examples(_ split: DataSplit) -> (any TrainingData)? { images(split) }

    /// The validation split only, as Keras's `fit` without `validation_split`: no validation pass until
    /// `split` (or `load images ... split=F`) holds part of the training data out. The test split is read
    /// only by a command that names it (`evaluate`, `confusion`, `show errors`, `predict`, ... `from=test`).
    public var epochValidation: (any TrainingData)? { validation }

    /// An image folder loaded with `validation=DIR` has a validation split and no test split: point there.
    public func hint(forMissing split: DataSplit) -> String {
        if split == .validation { return "make one with `split validation=0.1`" }
        return validation != nil ? "use on=validation (an image folder's held-out pictures are its validation split)" : "use from=train"
    }
}
