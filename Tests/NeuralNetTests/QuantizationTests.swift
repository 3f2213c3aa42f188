import Foundation
import Testing
import TensorRuntime
import NeuralNet
import TestSupport

// Post-training int8 quantisation of a model: the quantised forward pass, refusal to train, the int8 and
// float16 checkpoints and their checks.

/// A quantised tinyCNN, calibrated on the first 32 shapes.
private func quantisedCNN(_ granularity: ModelQuantization.Granularity = .channel) throws -> (Sequential, Tensor) {
    let m = try tinyCNN()
    let data = try smallShapes(count: 32)
    let x = Tensor(data.inputs, shape: [32, 12, 12, 1])
    try m.quantize(granularity, calibration: [x])
    return (m, x)
}

/// A safetensors file of `tensors` (name, dtype, shape, bytes), in order.
func safetensorsFile(_ tensors: [(String, String, [Int], [UInt8])]) throws -> Data {
    var header: [String: Any] = [:]
    var offset = 0
    for (name, dtype, shape, bytes) in tensors {
        header[name] = ["dtype": dtype, "shape": shape, "data_offsets": [offset, offset + bytes.count]]
        offset += bytes.count
    }
    let json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    var data = Data((0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) })
    data.append(json)
    for t in tensors { data.append(contentsOf: t.3) }
    return data
}

private func f32Bytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } }
}

@Suite("Quantisation")
struct QuantizationTests {
    @Test("the int8 forward pass follows the float one closely and uses every dense and conv2d layer")
    func quantisedForward() throws {
        let (m, x) = try quantisedCNN()
        #expect(m.quantization?.layers.keys.sorted() == ["conv2d_1", "dense_1"])
        #expect(m.quantization?.calibrationExamples == 32)
        let context = ForwardContext(training: false)
        let q = try m.forward(x, context).array
        let saved = m.quantization
        m.quantization = nil
        let f = try m.forward(x, context).array
        #expect(!bitIdentical(q, f), "the int8 path ran")
        let worst = zip(q, f).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 0.02, "largest probability difference \(worst)")
        m.quantization = saved
        #expect(bitIdentical(try m.forward(x, context).array, q))
    }

    @Test("training a quantised model is refused and changes nothing; an edit returns it to float")
    func trainingRefused() throws {
        let (m, _) = try quantisedCNN()
        let before = weightSnapshot(m)
        let trainer = Trainer(model: m, loss: .sparse_categorical_crossentropy, optimizer: OptimizerConfig(kind: .adam), batchSize: 8)
        #expect(throws: ModelError.quantized("")) { _ = try trainer.trainEpoch(on: try smallShapes(count: 16), validation: nil) }
        #expect(identical(before, weightSnapshot(m)))
        try m.add(Dense(units: 2))
        #expect(m.quantization == nil)
    }

    @Test("an int8 checkpoint reloads to the same int8 state and the same predictions, bit for bit",
          arguments: [ModelQuantization.Granularity.channel, .tensor])
    func int8RoundTrip(_ granularity: ModelQuantization.Granularity) throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (m, x) = try quantisedCNN(granularity)
        let expected = try m.forward(x, ForwardContext(training: false)).array
        try Checkpoint.save(m, to: dir + "/q.safetensors", dtype: .int8)
        let header = try SafetensorsHeader(parsing: try Data(contentsOf: URL(fileURLWithPath: dir + "/q.safetensors")), path: "q")
        #expect(header.entries["conv2d_1.kernel"]?.dtype == "I8" && header.entries["conv2d_1.bias"]?.dtype == "F32")
        #expect(header.entries["conv2d_1.kernel.scale"]?.shape == [granularity == .channel ? 4 : 1])
        #expect(header.entries["dense_1.input_scale"]?.shape == [1])
        let fresh = try tinyCNN(seed: 99)
        try Checkpoint.load(fresh, from: dir + "/q.safetensors")
        #expect(fresh.quantization?.layers == m.quantization?.layers)
        #expect(fresh.quantization?.granularity == granularity)
        #expect(bitIdentical(try fresh.forward(x, ForwardContext(training: false)).array, expected))
        // A float file read afterwards returns the model to float.
        try Checkpoint.save(m, to: dir + "/f.safetensors")
        try Checkpoint.load(fresh, from: dir + "/f.safetensors")
        #expect(fresh.quantization == nil)
    }

    @Test("a float16 checkpoint stores F16 and reads back each value as Float(Float16(v))")
    func float16RoundTrip() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let m = try tinyCNN()
        try Checkpoint.save(m, to: dir + "/h.safetensors", dtype: .float16)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/h.safetensors"))
        #expect(try SafetensorsHeader(parsing: data, path: "h").entries.values.allSatisfy { $0.dtype == "F16" })
        let fresh = try tinyCNN(seed: 5)
        try Checkpoint.load(fresh, from: dir + "/h.safetensors")
        for (a, b) in zip(m.namedParameters, fresh.namedParameters) {
            #expect(bitIdentical(b.parameter.tensor.array, a.parameter.tensor.array.map { Float(Float16($0)) }), "\(a.name)")
        }
        // Beyond float16's range: refused, nothing written.
        m.namedParameters[0].parameter.tensor.buffer.pointer[0] = 70_000
        #expect(throws: Checkpoint.Failure.self) { try Checkpoint.save(m, to: dir + "/big.safetensors", dtype: .float16) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/big.safetensors"))
        // int8 needs a quantised model.
        #expect(throws: Checkpoint.Failure.self) { try Checkpoint.save(m, to: dir + "/q.safetensors", dtype: .int8) }
    }

    @Test("damaged int8 tensors are refused and leave the model as it was")
    func damagedInt8Files() throws {
        let m = try Sequential(inputShape: [2], seed: 1)
        try m.add(Dense(units: 2))
        let before = weightSnapshot(m)
        let kernel = ("dense_1.kernel", "I8", [2, 2], [UInt8(1), 2, 3, 4])
        let bias = ("dense_1.bias", "F32", [2], f32Bytes([0, 0]))
        let scale = ("dense_1.kernel.scale", "F32", [2], f32Bytes([0.1, 0.2]))
        let input = ("dense_1.input_scale", "F32", [1], f32Bytes([0.5]))
        let good = try safetensorsFile([kernel, bias, scale, input])
        let cases: [(String, Data)] = [
            ("no scale", try safetensorsFile([kernel, bias, input])),
            ("no input scale", try safetensorsFile([kernel, bias, scale])),
            ("-128", try safetensorsFile([("dense_1.kernel", "I8", [2, 2], [0x80, 2, 3, 4]), bias, scale, input])),
            ("three scales", try safetensorsFile([kernel, bias, ("dense_1.kernel.scale", "F32", [3], f32Bytes([1, 1, 1])), input])),
            ("negative scale", try safetensorsFile([kernel, bias, ("dense_1.kernel.scale", "F32", [2], f32Bytes([1, -1])), input])),
            ("int8 bias", try safetensorsFile([kernel, ("dense_1.bias", "I8", [2], [0, 0]), scale, input])),
            ("int16 kernel", try safetensorsFile([("dense_1.kernel", "I16", [2, 2], [UInt8](repeating: 0, count: 8)), bias])),
        ]
        for (what, data) in cases {
            #expect(throws: Checkpoint.Failure.self, "\(what)") { try Checkpoint.load(m, contents: data, path: what) }
            #expect(identical(before, weightSnapshot(m)) && m.quantization == nil, "\(what)")
        }
        try Checkpoint.load(m, contents: good, path: "good")
        #expect(m.namedParameters[0].parameter.tensor.array == [0.1, 0.4, 0.3, 0.8])
        #expect(m.quantization?.layers["dense_1"]?.inputScale == 0.5)
    }

    @Test("summary bytes: 4 per float value; an int8 layer 1 per kernel value, 4 per scale and bias value")
    func bytes() throws {
        let (m, _) = try quantisedCNN()
        // conv2d_1: 36 int8 + 4 scales + 1 input scale + 4 biases; dense_1 (100, 4): 400 + 4 + 1 + 4 (floats x4).
        #expect(m.weightBytes(layer: 0) == 36 + 4 * (4 + 1 + 4))
        #expect(m.weightBytes(layer: 3) == 400 + 4 * (4 + 1 + 4))
        m.quantization = nil
        #expect(m.weightBytes(layer: 3) == 4 * 404)
    }
}

@Suite("Quantisation fuzz seeds")
struct QuantizationSeedTests {
    /// Tests/Fuzz/FuzzSafetensors/corpus, from this file's folder.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/FuzzSafetensors/corpus")

    @Test("the I8 and F16 seeds of the safetensors fuzz target load into its model (the int8 and float16 paths)",
          arguments: [("int8-per-channel", ModelQuantization.Granularity?.some(.channel)), ("int8-per-tensor", .tensor), ("float16", nil)])
    func seedsLoad(_ name: String, _ granularity: ModelQuantization.Granularity?) throws {
        let m = try Sequential(inputShape: [4, 4, 1], seed: 1)
        try m.add(Conv2D(filters: 2, kernelSize: 3, activation: .relu))
        try m.add(Flatten())
        try m.add(Dense(units: 2, activation: .softmax))
        try Checkpoint.load(m, from: Self.corpus.appendingPathComponent(name).path)
        #expect(m.quantization?.granularity == granularity)
        #expect(m.quantization?.layers.count == (granularity == nil ? nil : 2))
        let out = try m.forward(Tensor(repeating: 0.5, shape: [1, 4, 4, 1]), ForwardContext(training: false))
        #expect(out.shape == [1, 2] && out.array.allSatisfy(\.isFinite))
    }
}
