import Foundation

/// The validated header of a safetensors file: an 8-byte little-endian length `n`, `n` bytes of JSON
/// (`{"name": {"dtype": "F32", "shape": [3, 3, 1, 8], "data_offsets": [0, 288]}, ..., "__metadata__": {...}}`),
/// then the data, whose offsets count from byte `8 + n`.
///
/// Every field is checked against the file size before it is used: the header length, the JSON shape,
/// the dtype, the element count (overflow-checked), and the offsets (ordered, inside the data, exactly
/// `dtype size × element count` bytes apart, and together covering the data without overlap or holes,
/// as the format requires). Failures are `Checkpoint.Failure.corrupt` naming the file and the tensor.
public struct SafetensorsHeader: Sendable, Equatable {
    /// One tensor's description.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let dtype: String
        public let shape: [Int]
        /// Byte range inside the data section (add `dataStart` for the file offset).
        public let offsets: Range<Int>
    }

    /// Bytes per element of each dtype the format defines.
    public static let dtypeSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E4M3": 1, "F8_E5M2": 1, "U16": 2, "I16": 2, "F16": 2, "BF16": 2,
        "U32": 4, "I32": 4, "F32": 4, "U64": 8, "I64": 8, "F64": 8,
    ]

    /// The tensors by name.
    public let entries: [String: Entry]
    /// The `__metadata__` strings (empty when absent).
    public let metadata: [String: String]
    /// File offset of the data section (`8 + n`).
    public let dataStart: Int

    /// Parses and validates the header of `data`, the whole content of the file at `path` (used in messages).
    public init(parsing data: Data, path: String) throws(Checkpoint.Failure) {
        func corrupt(_ reason: String) -> Checkpoint.Failure { .corrupt(path: path, reason: reason) }
        guard data.count >= 8 else { throw corrupt("only \(data.count) bytes, less than the 8-byte header length") }
        let start = data.startIndex
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(data[start + i]) << (8 * UInt64(i)) }
        guard length <= UInt64(data.count - 8) else {
            throw corrupt("the header length \(length) exceeds the file (\(data.count) bytes)")
        }
        let headerLength = Int(length)
        let headerBytes = data.subdata(in: start + 8 ..< start + 8 + headerLength)
        guard let object = (try? JSONSerialization.jsonObject(with: headerBytes)) as? [String: Any] else {
            throw corrupt("the header is not a JSON object")
        }
        let bodyCount = data.count - 8 - headerLength
        var metadata: [String: String] = [:]
        var entries: [String: Entry] = [:]
        for name in object.keys.sorted() {
            guard let value = object[name] else { continue }
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else { throw corrupt("__metadata__ is not an object of strings") }
                metadata = strings
                continue
            }
            let entry = try Self.entry(name, value, bodyCount: bodyCount, corrupt: corrupt)
            entries[name] = entry
        }
        try Self.checkLayout(Array(entries.values), bodyCount: bodyCount, corrupt: corrupt)
        self.entries = entries
        self.metadata = metadata
        self.dataStart = 8 + headerLength
    }

    /// One tensor's description, validated on its own.
    private static func entry(_ name: String, _ value: Any, bodyCount: Int,
                              corrupt: (String) -> Checkpoint.Failure) throws(Checkpoint.Failure) -> Entry {
        guard let fields = value as? [String: Any] else { throw corrupt("tensor '\(name)' is not described by a JSON object") }
        guard let dtype = fields["dtype"] as? String else { throw corrupt("tensor '\(name)' has no dtype") }
        guard let size = dtypeSizes[dtype] else { throw corrupt("tensor '\(name)' has the unknown dtype '\(dtype.prefix(20))'") }
        guard let shape = integers(fields["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
            throw corrupt("tensor '\(name)' has no shape (a list of non-negative integers)")
        }
        var bytes = size
        for dimension in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw corrupt("tensor '\(name)' has the impossibly large shape \(shape)") }
            bytes = product
        }
        guard let offsets = integers(fields["data_offsets"]), offsets.count == 2 else {
            throw corrupt("tensor '\(name)' has no data_offsets (a list [begin, end])")
        }
        let begin = offsets[0]
        let end = offsets[1]
        guard begin >= 0, end >= begin else { throw corrupt("tensor '\(name)' has data_offsets \(offsets), which are not in order") }
        guard end <= bodyCount else {
            throw corrupt("tensor '\(name)' ends at byte \(end) of the data, which has only \(bodyCount) bytes (the file is truncated?)")
        }
        guard end - begin == bytes else {
            throw corrupt("tensor '\(name)' has \(end - begin) bytes of data, its shape \(shape) of \(dtype) needs \(bytes)")
        }
        return Entry(name: name, dtype: dtype, shape: shape, offsets: begin ..< end)
    }

    /// The data must be covered exactly: tensors in offset order, each starting where the previous ended.
    private static func checkLayout(_ entries: [Entry], bodyCount: Int, corrupt: (String) -> Checkpoint.Failure) throws(Checkpoint.Failure) {
        let ordered = entries.sorted { ($0.offsets.lowerBound, $0.offsets.upperBound, $0.name) < ($1.offsets.lowerBound, $1.offsets.upperBound, $1.name) }
        var position = 0
        var previous: String?
        for entry in ordered {
            if entry.offsets.lowerBound < position, let previous {
                throw corrupt("tensors '\(previous)' and '\(entry.name)' overlap")
            }
            if entry.offsets.lowerBound > position {
                throw corrupt("bytes \(position)..<\(entry.offsets.lowerBound) of the data, before tensor '\(entry.name)', belong to no tensor")
            }
            position = entry.offsets.upperBound
            previous = entry.name
        }
        guard position == bodyCount else {
            throw corrupt("the last \(bodyCount - position) bytes of the data belong to no tensor")
        }
    }

    /// A JSON array of integers, or nil (also for fractions and numbers beyond Int).
    private static func integers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var result: [Int] = []
        result.reserveCapacity(array.count)
        for element in array {
            guard let number = element as? NSNumber else { return nil }
            let double = number.doubleValue
            guard double.rounded() == double, double >= -0x1p63, double < 0x1p63 else { return nil }
            result.append(number.intValue)
        }
        return result
    }
}
