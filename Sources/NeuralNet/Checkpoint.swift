import Foundation
import TensorRuntime

/// Model weights in the safetensors format: an 8-byte little-endian header length, a JSON header naming
/// each tensor (`conv2d_1.kernel`) with dtype F32, shape and byte offsets, then the raw little-endian data.
public enum Checkpoint {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case corrupt(path: String, reason: String)
        case mismatch(path: String, reason: String)
        case unwritable(path: String, reason: String)
        public var description: String {
            switch self {
            case let .unreadable(p, r): return "cannot read '\(p)': \(r)"
            case let .corrupt(p, r): return "'\(p)' is not a valid safetensors file: \(r)"
            case let .mismatch(p, r): return "'\(p)' does not fit this model: \(r)"
            case let .unwritable(p, r): return "cannot write '\(p)': \(r)"
            }
        }
    }

    /// Writes every weight of `model` to `path` atomically (a temporary file in the same folder, then rename).
    public static func save(_ model: Sequential, to path: String, metadata: [String: String] = [:]) throws {
        var header: [String: Any] = [:]
        var offset = 0
        let params = model.namedParameters
        for (name, p, _) in params {
            let bytes = p.tensor.count * 4
            header[name] = ["dtype": "F32", "shape": p.tensor.shape, "data_offsets": [offset, offset + bytes]]
            offset += bytes
        }
        header["__metadata__"] = metadata.merging(["format": "gradbook"]) { a, _ in a }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while (8 + json.count) % 8 != 0 { json.append(0x20) }   // pad with spaces, as the format allows
        var data = Data()
        var n = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &n) { data.append(contentsOf: $0) }
        data.append(json)
        for (_, p, _) in params {
            data.append(UnsafeBufferPointer(start: p.tensor.buffer.pointer, count: p.tensor.count))
        }
        try writeAtomically(data, to: path)
    }

    /// Loads weights saved by `save` into `model`. Every tensor must be present with the same shape;
    /// on any problem nothing is changed.
    public static func load(_ model: Sequential, from path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        guard data.count >= 8 else { throw Failure.corrupt(path: path, reason: "only \(data.count) bytes") }
        let n = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard n <= UInt64(data.count - 8) else { throw Failure.corrupt(path: path, reason: "header length \(n) exceeds the file") }
        let headerData = data.subdata(in: 8 ..< 8 + Int(n))
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any] else {
            throw Failure.corrupt(path: path, reason: "the header is not a JSON object")
        }
        let body = data.subdata(in: 8 + Int(n) ..< data.count)
        var staged: [(Tensor, [Float])] = []
        for (name, p, _) in model.namedParameters {
            guard let entry = header[name] as? [String: Any] else {
                throw Failure.mismatch(path: path, reason: "it has no tensor '\(name)'")
            }
            guard entry["dtype"] as? String == "F32" else { throw Failure.mismatch(path: path, reason: "'\(name)' is not F32") }
            let shape = (entry["shape"] as? [Int]) ?? []
            guard shape == p.tensor.shape else {
                throw Failure.mismatch(path: path, reason: "'\(name)' has shape \(Shape.describe(shape)), the model needs \(Shape.describe(p.tensor.shape))")
            }
            guard let offs = entry["data_offsets"] as? [Int], offs.count == 2, offs[0] >= 0, offs[1] - offs[0] == p.tensor.count * 4, offs[1] <= body.count else {
                throw Failure.corrupt(path: path, reason: "bad data offsets for '\(name)'")
            }
            var values = [Float](repeating: 0, count: p.tensor.count)
            values.withUnsafeMutableBytes { dst in _ = body.copyBytes(to: dst, from: offs[0] ..< offs[1]) }
            guard values.allSatisfy(\.isFinite) else { throw Failure.corrupt(path: path, reason: "'\(name)' holds NaN or infinite values") }
            staged.append((p.tensor, values))
        }
        for (t, v) in staged { v.withUnsafeBufferPointer { t.buffer.pointer.update(from: $0.baseAddress!, count: v.count) } }
    }

    /// Writes `data` to a temporary file beside `path`, flushes it, then renames it over `path`.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw Failure.unwritable(path: path, reason: "the folder '\(dir)' does not exist")
        }
        let tmp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure.unwritable(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let w = write(fd, raw.baseAddress! + done, raw.count - done)
                if w <= 0 { ok = false; break }
                done += w
            }
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw Failure.unwritable(path: path, reason: reason)
        }
    }
}
