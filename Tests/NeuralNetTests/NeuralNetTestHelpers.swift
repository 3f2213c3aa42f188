import Foundation
import Testing
import TensorRuntime
import Datasets
import NeuralNet
import TestSupport

// Helpers shared by the NeuralNet tests: weight snapshots, small models and data sets, temporary folders.

/// Every weight of `model` by qualified name (`conv2d_1.kernel`), as plain arrays.
func weightSnapshot(_ model: Sequential) -> [String: [Float]] {
    Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.parameter.tensor.array) })
}

/// Weights of the layer called `layer`, by parameter name.
func layerWeights(_ model: Sequential, _ layer: String) -> [String: [Float]] {
    Dictionary(uniqueKeysWithValues: model.namedParameters.filter { $0.layer.name == layer }.map { ($0.parameter.name, $0.parameter.tensor.array) })
}

/// True when both snapshots hold the same names with bit-identical values.
func identical(_ a: [String: [Float]], _ b: [String: [Float]]) -> Bool {
    a.keys.sorted() == b.keys.sorted() && a.allSatisfy { bitIdentical($0.value, b[$0.key] ?? []) }
}

/// Labelled float examples held in memory (for hand-made inputs, and images converted from `Datasets`:
/// NeuralNet does not know `ImageDataset`, the Notebook makes it `TrainingData`).
struct ArrayData: TrainingData {
    let sampleShape: [Int]
    let inputs: [Float]
    let labels: [Int32]
    var count: Int { labels.count }

    func loadExample(_ index: Int, into input: UnsafeMutableBufferPointer<Float>) throws {
        guard index >= 0, index < count else { throw TrainingError.noData("example \(index) is outside 0..<\(count)") }
        let size = Shape.count(sampleShape)
        for j in 0..<size { input[j] = inputs[index * size + j] }
    }

    func classIndex(of index: Int) throws -> Int32 {
        guard index >= 0, index < count else { throw TrainingError.noData("example \(index) is outside 0..<\(count)") }
        return labels[index]
    }
}

extension ArrayData {
    /// The images and labels of `images`, as the trainer sees them (bytes / 255, bit for bit).
    init(_ images: ImageDataset) {
        sampleShape = [images.height, images.width, images.channels]
        inputs = (0..<images.count).flatMap { images.image(at: $0) }
        labels = images.labels
    }
}

/// A small, fast set of 12x12 shape images (4 classes).
func smallShapes(count: Int = 160, seed: UInt64 = 3) throws -> ArrayData {
    ArrayData(try Shapes.make(count: count, classes: 4, size: 12, seed: seed))
}

/// conv2d 4 3x3 relu, maxpool 2, flatten, dense `classes` softmax on `input` images.
func tinyCNN(input: [Int] = [12, 12, 1], classes: Int = 4, seed: UInt64 = 7, dropout: Float? = nil, batchNorm: Bool = false) throws -> Sequential {
    let m = try Sequential(inputShape: input, seed: seed)
    try m.add(Conv2D(filters: 4, kernelSize: 3, activation: .relu))
    if batchNorm { try m.add(BatchNormalization()) }
    try m.add(Pooling2D(.max, size: 2))
    try m.add(Flatten())
    if let dropout { try m.add(Dropout(rate: dropout)) }
    try m.add(Dense(units: classes, activation: .softmax))
    return m
}

/// A fresh empty folder under the system temporary directory.
func makeTemporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "gradbook-nn-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The error `body` throws, or nil.
func thrownError(_ body: () throws -> Void) -> (any Error)? {
    do { try body(); return nil } catch { return error }
}

/// Sets a tensor's values (used to give layers known weights).
func setValues(_ t: Tensor?, _ values: [Float]) {
    guard let t else { Issue.record("tensor is nil"); return }
    precondition(values.count == t.count)
    for (i, v) in values.enumerated() { t.buffer.pointer[i] = v }
}

/// Fills a tensor with seeded uniform values.
func randomize(_ t: Tensor?, seed: UInt64, range: ClosedRange<Float> = -1...1) {
    guard let t else { Issue.record("tensor is nil"); return }
    setValues(t, randomTensor(t.shape, seed: seed, range: range).array)
}
