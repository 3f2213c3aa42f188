import Foundation
import TensorRuntime

extension Benchmark {
    /// Matrix-product throughput for n x n x n, on one thread or split over the pool.
    func gemmGflops(_ n: Int, pooled: Bool) -> Double {
        var rng = SeededGenerator(seed: UInt64(n))
        let a = Tensor.uniform([n, n], -1, 1, rng: &rng), b = Tensor.uniform([n, n], -1, 1, rng: &rng)
        let c = Tensor(zeros: [n, n])
        func once() {
            if pooled {
                Gemm.multiply(m: n, n: n, k: n, a: a.buffer.pointer, lda: n, b: b.buffer.pointer, ldb: n, c: c.buffer.pointer, ldc: n)
            } else {
                Gemm.serial(m: n, n: n, k: n, a: a.buffer.pointer, lda: n, b: b.buffer.pointer, ldb: n, c: c.buffer.pointer, ldc: n)
            }
        }
        once()
        let reps = max(3, 200_000_000 / (n * n * n))
        let times = (0..<5).map { _ in timed { for _ in 0..<reps { once() } } / Double(reps) }
        return 2 * Double(n * n * n) / median(times) / 1e9
    }

    /// Forward and backward milliseconds of the seed CNN's two convolutions at batch 32.
    /// Forward + backward milliseconds at batch 32 of the seed CNN's two convolutions with ReLU (conv1 on
    /// 28x28x1 without an input gradient, conv2 on 13x13x32 with one), alone and fused with their 2x2 max
    /// pooling (`Tensor.conv2dMaxPool`, as the model runs them): conv1, conv2, conv1+pool, conv2+pool.
    func convTimings() throws -> [Double] {
        var rng = SeededGenerator(seed: 1)
        func measure(_ shape: [Int], _ filters: Int, inputGrad: Bool, pool: Int?) throws -> Double {
            let x = Tensor.uniform(shape, 0, 1, rng: &rng); x.requiresGrad = inputGrad
            let w = Tensor.uniform([3, 3, shape[3], filters], -0.1, 0.1, rng: &rng); w.requiresGrad = true
            let b = Tensor(zeros: [filters], requiresGrad: true)
            func once() throws {
                let y = try pool.map { try Tensor.conv2dMaxPool(x, w, b, activation: .relu, pool: $0) }
                    ?? Tensor.conv2d(x, w, b, activation: .relu)
                Tensor.sum(y).backward()
                w.zeroGrad()
                b.zeroGrad()
                x.zeroGrad()
            }
            try once()
            var times: [Double] = []
            for _ in 0..<15 { times.append(try timedThrows { try once() }) }
            return median(times) * 1000
        }
        return try [nil, 2].flatMap { pool in
            [try measure([32, 28, 28, 1], 32, inputGrad: false, pool: pool), try measure([32, 13, 13, 32], 64, inputGrad: true, pool: pool)]
        }
    }
}

func timed(_ body: () -> Void) -> Double { let s = DispatchTime.now(); body(); return Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e9 }
func timedThrows(_ body: () throws -> Void) throws -> Double { let s = DispatchTime.now(); try body(); return Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e9 }
func timedThrowsValue<T>(_ body: () throws -> T) throws -> (Double, T) { let s = DispatchTime.now(); let v = try body(); return (Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e9, v) }
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
func round4(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }
