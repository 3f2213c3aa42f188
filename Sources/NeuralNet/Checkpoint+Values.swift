import TensorRuntime

/// Values that are not a model's weights, written into a safetensors file beside them or on their own
/// (`Checkpoint.save(values:)`): examples, targets, token ids.
public struct NamedValues: Sendable, Equatable {
    /// The values as stored: F32 or I32.
    public enum Storage: Sendable, Equatable {
        case float32([Float])
        case int32([Int32])
    }

    public let name: String
    public let shape: [Int]
    public let storage: Storage

    /// `values` must hold `shape`'s count of values (a programmer's error otherwise).
    public init(_ name: String, shape: [Int], floats values: [Float]) {
        precondition(Shape.count(shape) == values.count, "\(name): \(values.count) values for shape \(shape)")
        self.name = name; self.shape = shape; storage = .float32(values)
    }

    public init(_ name: String, shape: [Int], integers values: [Int32]) {
        precondition(Shape.count(shape) == values.count, "\(name): \(values.count) values for shape \(shape)")
        self.name = name; self.shape = shape; storage = .int32(values)
    }

    /// Bytes the values take in the file.
    public var byteCount: Int {
        switch storage {
        case .float32(let v): return 4 * v.count
        case .int32(let v): return 4 * v.count
        }
    }

    var stored: Checkpoint.StoredTensor {
        switch storage {
        case .float32(let v):
            return Checkpoint.StoredTensor(name: name, dtype: "F32", shape: shape, bytes: Checkpoint.f32(v))
        case .int32(let v):
            let bytes = v.flatMap { x -> [UInt8] in let b = UInt32(bitPattern: x).littleEndian; return (0..<4).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) } }
            return Checkpoint.StoredTensor(name: name, dtype: "I32", shape: shape, bytes: bytes)
        }
    }
}

extension Checkpoint {
    /// Writes `values` alone (no model) as a safetensors file at `path`, atomically, with `metadata`.
    public static func save(values: [NamedValues], metadata: [String: String] = [:], to path: String) throws {
        try write(values.map(\.stored), metadata: metadata, to: path)
    }
}
