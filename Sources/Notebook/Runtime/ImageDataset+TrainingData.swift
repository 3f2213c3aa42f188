import Datasets
import NeuralNet

/// Image data sets feed the trainer directly: pixels scaled to [0, 1], NHWC, class-index targets.
/// The conformance lives here because the Notebook is where both modules are known (NeuralNet and
/// Datasets are siblings). It only forwards to `ImageSource`, so a lazy image set (a folder of PNG
/// files) conforms with the same three members.
extension ImageDataset: TrainingData {
    public var sampleShape: [Int] { [height, width, channels] }

    public func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws {
        try loadImage(at: index, into: input)
    }

    public func classIndex(of index: Int) throws -> Int32 {
        try label(at: index)
    }
}
