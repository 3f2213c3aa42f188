import Datasets


/// Image data sets feed the trainer directly: pixels scaled to [0, 1], NHWC.
extension ImageDataset: TrainingData {
    public var sampleShape: [Int] { [height, width, channels] }

    public func fill(indices: ArraySlice<Int>, inputs: UnsafeMutableBufferPointer<Float>, labels: UnsafeMutableBufferPointer<Int32>) {
        fill(indices: indices, pixels: inputs, labels: labels)
    }
}
