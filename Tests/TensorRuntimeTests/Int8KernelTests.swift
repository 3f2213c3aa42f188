import Testing
import TensorRuntime
import TestSupport

// The int8 kernels against references on the same quantised values: an integer reference that must match
// bit for bit (Int32 sums scaled exactly as the kernel scales them), and the float kernels' references
// (ReferenceKernels) on the dequantised values, which must agree to float rounding.

/// qx (M, K), qw (K, N) -> Float(Σ qx·qw) · (sx · s_n) + b: the kernel's definition, in plain Int arithmetic.
private func integerLinear(_ qx: [Int8], _ w: Int8Weights, m: Int, k: Int, sx: Float, bias: [Float]) -> [Float] {
    let n = w.shape[1]
    var out = [Float](repeating: 0, count: m * n)
    for r in 0..<m { for j in 0..<n {
        var acc = 0
        for i in 0..<k { acc += Int(qx[r * k + i]) * Int(w.values[i * n + j]) }
        out[r * n + j] = Float(Int32(acc)) * (sx * w.scale(j)) + bias[j]
    } }
    return out
}

/// The dequantised activations q · scale, as the float reference's input.
private func dequantized(_ q: [Int8], scale: Float, shape: [Int]) -> Tensor {
    Tensor(q.map { Float($0) * scale }, shape: shape)
}

@Suite("Int8 kernels")
struct Int8KernelTests {
    @Test("int8 dense equals the integer reference bit for bit, and the float product of the dequantised values")
    func linearMatchesReferences() throws {
        for (m, k, n, perChannel) in [(5, 7, 3, true), (33, 64, 10, false), (1, 300, 17, true)] {
            let x = randomTensor([m, k], seed: UInt64(m * k), range: -2...2)
            let w = randomTensor([k, n], seed: UInt64(k + n), range: -0.5...0.5)
            let b = randomTensor([n], seed: 9)
            let q = Int8Weights(quantizing: w, perChannel: perChannel)
            let sx: Float = 2 / 127
            let y = try Tensor.int8Linear(x, inputScale: sx, q, b)
            let qx = Tensor.quantizeActivations(x, scale: sx)
            #expect(bitIdentical(y.array, integerLinear(qx, q, m: m, k: k, sx: sx, bias: b.array)), "\(m)x\(k)x\(n)")
            let reference = referenceMatmul(dequantized(qx, scale: sx, shape: [m, k]), q.dequantized())
            let expected = zip(reference.array, (0..<m * n).map { b.array[$0 % n] }).map(+)
            let worst = zip(y.array, expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-4, "max difference \(worst)")
        }
    }

    @Test("int8 conv2d matches the float convolution of the dequantised values (valid, same, stride 2)")
    func convMatchesReference() throws {
        for (padding, stride, c, f) in [(Padding.valid, 1, 3, 5), (.same, 2, 4, 7), (.same, 1, 1, 16)] {
            let x = randomTensor([3, 9, 11, c], seed: 5, range: 0...1)
            let w = randomTensor([3, 3, c, f], seed: 6, range: -0.3...0.3)
            let b = randomTensor([f], seed: 7)
            let q = Int8Weights(quantizing: w, perChannel: true)
            let sx: Float = 1 / 127
            let y = try Tensor.int8Conv2d(x, inputScale: sx, q, b, stride: stride, padding: padding)
            let qx = Tensor.quantizeActivations(x, scale: sx)
            let reference = referenceConv2d(dequantized(qx, scale: sx, shape: x.shape), q.dequantized(), b, stride: stride, padding: padding)
            #expect(y.shape == reference.shape)
            let worst = zip(y.array, reference.array).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-4, "\(padding) stride \(stride): max difference \(worst)")
        }
    }

    @Test("int8 kernels are bit-identical for 1, 2 and 5 threads")
    func threadCountsAgree() throws {
        let x = randomTensor([13, 10, 10, 8], seed: 11, range: 0...1)
        let q = Int8Weights(quantizing: randomTensor([3, 3, 8, 12], seed: 12), perChannel: true)
        let dense = Int8Weights(quantizing: randomTensor([800, 9], seed: 13), perChannel: false)
        let runs = try atThreadCounts([1, 2, 5]) {
            (try Tensor.int8Conv2d(x, inputScale: 0.01, q, nil, stride: 1, padding: .same).array,
             try Tensor.int8Linear(x.reshaped([13, 800]), inputScale: 0.01, dense, nil).array)
        }
        for r in runs.dropFirst() {
            #expect(bitIdentical(r.0, runs[0].0) && bitIdentical(r.1, runs[0].1))
        }
    }

    @Test("per-channel scales map each channel's largest magnitude to ±127; per-tensor uses one scale")
    func scales() {
        // w (2, 3): channel maxima 4, 0.5, 0 (an all-zero channel gets scale 1).
        let w = Tensor([4, -0.5, 0, -1, 0.2, 0], shape: [2, 3])
        let perChannel = Int8Weights(quantizing: w, perChannel: true)
        #expect(perChannel.scales == [4 / 127, 0.5 / 127, 1])
        #expect(perChannel.values == [127, -127, 0, -32, 51, 0])
        let perTensor = Int8Weights(quantizing: w, perChannel: false)
        #expect(perTensor.scales == [4 / 127])
        #expect(perTensor.values == [127, -16, 0, -32, 6, 0])
        #expect(perChannel.byteCount == 6 + 12 && perTensor.byteCount == 6 + 4)
        // Out-of-range codes and bad scales are refused, not trusted.
        #expect(Int8Weights(values: [-128, 0], shape: [1, 2], scales: [1]) == nil)
        #expect(Int8Weights(values: [1, 0], shape: [1, 2], scales: [1, 1, 1]) == nil)
        #expect(Int8Weights(values: [1, 0], shape: [1, 2], scales: [0]) == nil)
        #expect(Int8Weights(values: [1, 0], shape: [1, 2], scales: [.nan]) == nil)
    }

    @Test("activations saturate at ±127 beyond the calibrated range; NaN becomes 0")
    func activationQuantisation() {
        let x = Tensor([0, 0.5, 1, 3, -3, .nan], shape: [6])
        #expect(Tensor.quantizeActivations(x, scale: 1 / 127) == [0, 64, 127, 127, -127, 0])
    }

    @Test("shape mismatches and over-long sums are errors")
    func errors() {
        let q = Int8Weights(quantizing: randomTensor([4, 2], seed: 1), perChannel: true)
        #expect(throws: TensorError.self) { try Tensor.int8Linear(randomTensor([3, 5], seed: 2), inputScale: 1, q, nil) }
        #expect(throws: TensorError.self) { try Tensor.int8Conv2d(randomTensor([1, 4, 4, 3], seed: 2), inputScale: 1, q, nil, stride: 1, padding: .valid) }
    }
}
