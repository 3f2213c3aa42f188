#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// ids (...) holding integer token ids as floats, table (V, D) -> (..., D).
    public static func embedding(_ ids: Tensor, table: Tensor) throws -> Tensor {
        guard table.rank == 2 else { throw TensorError.badShape(op: "embedding", shape: table.shape, expected: "(vocabulary, dimension)") }
        let v = table.shape[0], d = table.shape[1], n = ids.count
        var rows = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let f = ids.buffer.pointer[i], id = Int(exactly: f) ?? -1
            guard id >= 0 && id < v else {
                throw TensorError.badArgument(op: "embedding", message: "token id \(f) at position \(i) is outside the vocabulary 0..<\(v)")
            }
            rows[i] = id
        }
        let out = Buffer(count: n * d)
        for i in 0..<n { (out.pointer + i * d).update(from: table.buffer.pointer + rows[i] * d, count: d) }
        return make(ids.shape + [d], out, inputs: [table]) { t in
            let g = t.grad!.pointer, dt = table.gradPointer()
            for i in 0..<n { for j in 0..<d { dt[rows[i] * d + j] += g[i * d + j] } }
        }
    }
}
