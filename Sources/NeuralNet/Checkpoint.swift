import Foundation
import TensorRuntime

/// Model weights in the safetensors format: an 8-byte little-endian header length, a JSON header naming
/// each tensor (`conv2d_1.kernel`) with dtype F32, shape and byte offsets, then the raw little-endian data.
/// Saving goes through `AtomicFile` (errors: `FileWriteError`); loading validates the whole header
/// (`SafetensorsHeader`) and every value before it changes anything.
public enum Checkpoint {
    /// Why a checkpoint could not be loaded.
    public enum Failure: ReportableError, Equatable {
        case unreadable(path: String, reason: String)
        case corrupt(path: String, reason: String)
        case mismatch(path: String, reason: String)
        /// The weights cannot be written in the requested form.
        case unsavable(path: String, reason: String)

        public var message: String {
            switch self {
            case let .unreadable(p, r): return "cannot read '\(p)': \(r)"
            case let .corrupt(p, r): return "'\(p)' is not a valid safetensors file: \(r)"
            case let .mismatch(p, r): return "'\(p)' does not fit this model: \(r)"
            case let .unsavable(p, r): return "cannot save '\(p)': \(r)"
            }
        }

        public var hint: String? {
            switch self {
            case .unreadable: return "check the path and the file's permissions"
            case .corrupt: return "the file is damaged or is not a checkpoint; save the weights again with `save weights`"
            case .mismatch: return "the file must come from `save weights` on a model with the same layers"
            case .unsavable: return "save as float32 (the default), or run `quantize int8` before dtype=int8"
            }
        }
    }

    /// Writes every weight of `model` to `path` (a leading `~` is expanded) atomically, as `dtype`
    /// (`StorageType`: float32, float16, or int8 for a quantised model's kernels with their scales),
    /// then the `extra` tensors (values that are not weights, e.g. examples with the model's outputs).
    public static func save(_ model: Sequential, to path: String, metadata: [String: String] = [:],
                            dtype: StorageType = .float32, extra: [NamedValues] = []) throws {
        let tensors = try stored(model, as: dtype, path: path) + extra.map(\.stored)
        var fields = ["format": "gradbook"]
        if dtype == .int8, let q = model.quantization { fields["quantization"] = q.granularity.rawValue }
        try write(tensors, metadata: metadata.merging(fields) { a, _ in a }, to: path)
    }

    /// The safetensors bytes of `tensors` (in order) with `metadata`, written atomically to `path`.
    static func write(_ tensors: [StoredTensor], metadata: [String: String], to path: String) throws {
        var header: [String: Any] = [:]
        var offset = 0
        for t in tensors {
            header[t.name] = ["dtype": t.dtype, "shape": t.shape, "data_offsets": [offset, offset + t.bytes.count]]
            offset += t.bytes.count
        }
        header["__metadata__"] = metadata
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while (8 + json.count) % 8 != 0 { json.append(0x20) }   // pad with spaces, as the format allows
        var data = Data()
        var n = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &n) { data.append(contentsOf: $0) }
        data.append(json)
        for t in tensors { data.append(contentsOf: t.bytes) }
        try AtomicFile.write(data, to: path)
    }

    /// Loads weights saved by `save` from `path` (a leading `~` is expanded) into `model`. Every tensor
    /// must be present with the same shape; on any problem nothing is changed.
    public static func load(_ model: Sequential, from path: String) throws(Failure) {
        let data = try contents(of: path)
        try load(model, contents: data, path: path)
    }

    /// Loads weights from `data`, the content of a safetensors file (`path` names it in messages).
    /// All or nothing: every tensor is checked and staged before the first weight changes.
    public static func load(_ model: Sequential, contents data: Data, path: String) throws(Failure) {
        _ = try load(model, contents: data, path: path, selection: .all)
    }

    /// Which of a model's weights a load reads.
    public enum Selection: Sendable, Equatable {
        /// Every weight; each must be in the file with its shape.
        case all
        /// The weights of these top-level layers (by name); each must be in the file with its shape.
        case layers([String])
        /// Every weight whose name and shape are in the file; the others are left as they are
        /// (transfer between models that share some layers: pre-training, then fine-tuning).
        case matching
    }

    /// What a selective load did: the weights read and the ones left as they were, with why.
    public struct LoadReport: Sendable, Equatable {
        public var loaded: [String] = []
        public var kept: [(name: String, reason: String)] = []
        public static func == (a: LoadReport, b: LoadReport) -> Bool {
            a.loaded == b.loaded && a.kept.map(\.name) == b.kept.map(\.name) && a.kept.map(\.reason) == b.kept.map(\.reason)
        }
    }

    /// Loads the `selection` of the model's weights from `data`; all or nothing as above: a weight the
    /// selection requires that is missing or misshapen changes nothing.
    public static func load(_ model: Sequential, contents data: Data, path: String, selection: Selection) throws(Failure) -> LoadReport {
        let header = try SafetensorsHeader(parsing: data, path: path)
        var staged: [(Tensor, [Float])] = []
        var states: [String: ModelQuantization.LayerState] = [:]
        var report = LoadReport()
        for (name, p, layer) in model.namedParameters {
            if case .layers(let names) = selection, !names.contains(layer.name) { continue }
            guard let entry = header.entries[name] else {
                if selection == .matching { report.kept.append((name, "not in the file")); continue }
                throw .mismatch(path: path, reason: "it has no tensor '\(name)'")
            }
            guard entry.shape == p.tensor.shape else {
                if selection == .matching {
                    report.kept.append((name, "the file's is \(Shape.describe(entry.shape)), the model's \(Shape.describe(p.tensor.shape))"))
                    continue
                }
                throw .mismatch(path: path, reason: "'\(name)' has shape \(Shape.describe(entry.shape)), the model needs \(Shape.describe(p.tensor.shape))")
            }
            let values: [Float]
            if entry.dtype == "I8" {
                let state = try quantizedState(name, entry, layer: layer, header: header, data: data, path: path)
                states[layer.name] = state
                values = state.weights.dequantized().array
            } else {
                values = try floats(name, entry, header: header, data: data, path: path)
            }
            staged.append((p.tensor, values))
            report.loaded.append(name)
        }
        for (tensor, values) in staged {
            for (i, v) in values.enumerated() { tensor.buffer.pointer[i] = v }
        }
        model.finishLoad(loaded: staged.map(\.0), loadedLayers: Set(report.loaded.compactMap { $0.split(separator: ".").first.map(String.init) }),
                         states: states, granularity: header.metadata["quantization"])
        return report
    }

    /// The content of the regular file at `path`; refuses folders, devices and pipes (reading
    /// `/dev/zero` would never end).
    public static func contents(of path: String) throws(Failure) -> Data {
        let file = AtomicFile.expandingTilde(path)
        var info = stat()
        guard stat(file, &info) == 0 else {
            let code = errno
            let reason: String
            switch code {
            case ENOENT: reason = "no such file"
            case ENOTDIR: reason = "a part of the path is not a folder"
            case EACCES: reason = "permission denied"
            default: reason = String(cString: strerror(code))
            }
            throw .unreadable(path: path, reason: reason)
        }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw .unreadable(path: path, reason: "it is a directory") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .unreadable(path: path, reason: "it is not a regular file") }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .unreadable(path: path, reason: access(file, R_OK) == 0 ? "the file could not be read" : "permission denied")
        }
        return data
    }
}
