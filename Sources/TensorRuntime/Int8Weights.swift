/// A weight tensor quantised to symmetric int8: value ≈ q · scale, q in -127...127 (the code -128 is never
/// used, so negation stays in range). `scales` holds one scale per output channel (the last axis: a dense
/// kernel's units, a convolution's filters) or one for the whole tensor.
public struct Int8Weights: Sendable, Equatable {
    /// The quantised values in the float tensor's row-major order.
    public let values: [Int8]
    /// The float tensor's shape; the last axis is the output channel.
    public let shape: [Int]
    /// One scale per output channel, or a single scale for every value.
    public let scales: [Float]

    /// Checks that the counts agree; returns nil when they do not (a damaged file, not a programming error).
    public init?(values: [Int8], shape: [Int], scales: [Float]) {
        let channels = shape.last ?? 1
        guard shape.allSatisfy({ $0 >= 0 }), Shape.count(shape) == values.count, scales.count == 1 || scales.count == channels,
              scales.allSatisfy({ $0.isFinite && $0 > 0 }), !values.contains(-128) else { return nil }
        self.values = values; self.shape = shape; self.scales = scales
    }

    /// Quantises `w` (..., C): per channel, scale_c = max|w[..., c]| / 127 (1 for an all-zero channel);
    /// per tensor, one scale from the largest magnitude. q = round(w / scale), ties away from zero.
    public init(quantizing w: Tensor, perChannel: Bool) {
        let channels = perChannel ? max(w.shape.last ?? 1, 1) : 1
        let p = w.buffer.pointer, n = w.count
        var largest = [Float](repeating: 0, count: channels)
        for i in 0..<n { let c = i % channels; largest[c] = max(largest[c], abs(p[i])) }
        let scales = largest.map { $0 > 0 && $0.isFinite ? $0 / 127 : 1 }
        var q = [Int8](repeating: 0, count: n)
        for i in 0..<n { q[i] = Int8Weights.quantize(p[i], scale: scales[i % channels]) }
        values = q; shape = w.shape; self.scales = scales
    }

    /// The scale of output channel `c`.
    @inline(__always) public func scale(_ c: Int) -> Float { scales.count == 1 ? scales[0] : scales[c] }

    /// The float values q · scale, as a tensor of `shape`.
    public func dequantized() -> Tensor {
        let channels = max(shape.last ?? 1, 1)
        let out = Buffer(count: values.count)
        for i in 0..<values.count { out.pointer[i] = Float(values[i]) * scale(i % channels) }
        return Tensor(shape: shape, buffer: out)
    }

    /// Bytes stored: one per value plus four per scale.
    public var byteCount: Int { values.count + 4 * scales.count }

    /// round(x / scale) clamped to -127...127 (NaN becomes 0).
    @inline(__always) public static func quantize(_ x: Float, scale: Float) -> Int8 {
        let r = (x / scale).rounded()
        guard r == r else { return 0 }
        return Int8(min(max(r, -127), 127))
    }
}
