import Foundation
import TensorRuntime

/// How `save weights` stores values.
public enum StorageType: String, Sendable, CaseIterable {
    /// F32, 4 bytes a value (the default).
    case float32
    /// F16, 2 bytes a value; read back as float32 (values beyond ±65504 cannot be saved).
    case float16
    /// The kernels of a quantised model's int8 layers as I8 with their scales beside them as F32
    /// (`dense_1.kernel.scale`: one per output channel or one; `dense_1.input_scale`: one), everything else F32.
    case int8
}

extension Checkpoint {
    /// One tensor as written: name, safetensors dtype, shape, little-endian bytes.
    struct StoredTensor {
        let name: String, dtype: String, shape: [Int], bytes: [UInt8]
    }

    /// The tensors of `model` to write as `dtype`, in the model's order.
    static func stored(_ model: Sequential, as dtype: StorageType, path: String) throws(Failure) -> [StoredTensor] {
        if dtype == .int8, model.quantization == nil {
            throw .unsavable(path: path, reason: "dtype=int8 needs a quantised model")
        }
        var out: [StoredTensor] = []
        for (name, p, layer) in model.namedParameters {
            let t = p.tensor
            if dtype == .int8, name == "\(layer.name).kernel", let state = model.quantization?.layers[layer.name] {
                out.append(StoredTensor(name: name, dtype: "I8", shape: t.shape, bytes: state.weights.values.map { UInt8(bitPattern: $0) }))
                out.append(StoredTensor(name: name + ".scale", dtype: "F32", shape: [state.weights.scales.count], bytes: f32(state.weights.scales)))
                out.append(StoredTensor(name: "\(layer.name).input_scale", dtype: "F32", shape: [1], bytes: f32([state.inputScale])))
            } else if dtype == .float16 {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(2 * t.count)
                for v in t.array {
                    let h = Float16(v)
                    guard h.isFinite else { throw .unsavable(path: path, reason: "'\(name)' holds \(v), beyond float16's range (±65504)") }
                    bytes.append(UInt8(h.bitPattern & 0xff)); bytes.append(UInt8(h.bitPattern >> 8))
                }
                out.append(StoredTensor(name: name, dtype: "F16", shape: t.shape, bytes: bytes))
            } else {
                out.append(StoredTensor(name: name, dtype: "F32", shape: t.shape, bytes: f32(t.array)))
            }
        }
        return out
    }

    /// Little-endian F32 bytes.
    static func f32(_ values: [Float]) -> [UInt8] {
        values.flatMap { v -> [UInt8] in let b = v.bitPattern.littleEndian; return (0..<4).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) } }
    }

    /// The values of an F32 or F16 entry as floats; refuses other dtypes and non-finite values.
    static func floats(_ name: String, _ entry: SafetensorsHeader.Entry, header: SafetensorsHeader, data: Data,
                       path: String) throws(Failure) -> [Float] {
        // In range: the header check put these bytes inside the data, and the shape's count × size equals their count.
        let first = header.dataStart + entry.offsets.lowerBound
        let count = Shape.count(entry.shape)
        let values: [Float]
        switch entry.dtype {
        case "F32":
            values = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Float] in
                (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: first + 4 * $0, as: UInt32.self))) }
            }
        case "F16":
            values = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Float] in
                (0..<count).map { Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: first + 2 * $0, as: UInt16.self)))) }
            }
        default:
            throw .mismatch(path: path, reason: "'\(name)' is \(entry.dtype), the model reads F32, F16 or I8 (int8 kernels)")
        }
        guard values.allSatisfy(\.isFinite) else { throw .corrupt(path: path, reason: "'\(name)' holds NaN or infinite values") }
        return values
    }

    /// An I8 kernel with its `.scale` and its layer's `input_scale`, checked: only a dense or convolution
    /// kernel may be int8, values in -127...127, scales positive and finite, one or one per output channel.
    static func quantizedState(_ name: String, _ entry: SafetensorsHeader.Entry, layer: Layer, header: SafetensorsHeader,
                               data: Data, path: String) throws(Failure) -> ModelQuantization.LayerState {
        guard Sequential.isQuantizable(layer), name == "\(layer.name).kernel" else {
            throw .mismatch(path: path, reason: "'\(name)' is I8, but only dense and conv2d kernels can be int8")
        }
        func scales(_ key: String) throws(Failure) -> [Float] {
            guard let e = header.entries[key] else { throw .corrupt(path: path, reason: "the int8 tensor '\(name)' has no '\(key)' beside it") }
            guard e.dtype == "F32", e.shape.count == 1 else { throw .corrupt(path: path, reason: "'\(key)' must be a list of F32 values") }
            let values = try floats(key, e, header: header, data: data, path: path)
            guard values.allSatisfy({ $0 > 0 }) else { throw .corrupt(path: path, reason: "'\(key)' holds a scale that is not positive") }
            return values
        }
        let kernelScales = try scales(name + ".scale")
        let input = try scales("\(layer.name).input_scale")
        let first = header.dataStart + entry.offsets.lowerBound
        let values = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Int8] in (0..<Shape.count(entry.shape)).map { Int8(bitPattern: raw[first + $0]) } }
        guard input.count == 1, let weights = Int8Weights(values: values, shape: entry.shape, scales: kernelScales) else {
            throw .corrupt(path: path, reason: "'\(name)' does not fit its scales (one or one per output channel; values in -127...127; one input scale)")
        }
        return ModelQuantization.LayerState(weights: weights, inputScale: input[0])
    }
}

extension Sequential {
    /// After a load: masks of the weights read are dropped (their zeros stay; `prune` again re-makes them),
    /// and the int8 state follows the file: layers read from I8 become int8, layers read from floats float.
    func finishLoad(loaded: [Tensor], loadedLayers: Set<String>, states: [String: ModelQuantization.LayerState], granularity: String?) {
        pruneMasks.removeAll { mask in loaded.contains { $0 === mask.tensor } }
        var layers = quantization?.layers ?? [:]
        for name in loadedLayers { layers[name] = nil }
        layers.merge(states) { _, new in new }
        guard !layers.isEmpty else { quantization = nil; return }
        let kind = ModelQuantization.Granularity(rawValue: granularity ?? "") ?? quantization?.granularity ?? .channel
        quantization = ModelQuantization(granularity: kind, calibrationExamples: states.isEmpty ? quantization?.calibrationExamples ?? 0 : 0, layers: layers)
    }
}
