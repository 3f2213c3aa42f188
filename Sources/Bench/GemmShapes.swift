import Foundation
import TensorRuntime

/// The matrix products the bench models run, timed with CKernels' portable GEMM and with OpenBLAS on one
/// thread (thread CPU time, so other processes on a loaded machine count less) and on the pool (wall time).
struct GemmShapes {
    /// One product: c (M,N) = op(a) (M,K) · op(b) (K,N) (+ c when `accumulate`), and where a model runs it.
    struct Shape {
        let use: String
        let transA: Bool, transB: Bool
        let m: Int, n: Int, k: Int
        var accumulate = false
        var label: String { "\(m)x\(n)x\(k) \(transA ? "T" : "N")\(transB ? "T" : "N")" }
    }

    /// One row of the table: GFLOPS of each backend.
    struct Row {
        let shape: Shape
        let portable: Double, openBLAS: Double, portablePool: Double, openBLASPool: Double
        var ratio: Double { portable / max(openBLAS, 1e-9) }
        var poolRatio: Double { portablePool / max(openBLASPool, 1e-9) }
    }

    /// The shapes, from the models' layers at their bench batch sizes (convolution blocks as ConvPoolPlan
    /// cuts them at batch 32: 19 bands of 52 rows for conv1, 5 of 20 for conv2).
    static let shapes: [Shape] = [
        Shape(use: "seed CNN conv1 forward (im2col block)", transA: false, transB: false, m: 988, n: 32, k: 9),
        Shape(use: "seed CNN conv2 forward (im2col block)", transA: false, transB: false, m: 100, n: 64, k: 288),
        Shape(use: "seed CNN conv2 weight gradient", transA: true, transB: false, m: 288, n: 64, k: 100, accumulate: true),
        Shape(use: "seed CNN conv2 input gradient", transA: false, transB: true, m: 100, n: 288, k: 64),
        Shape(use: "seed CNN dense 1600-128 forward, batch 128", transA: false, transB: false, m: 128, n: 128, k: 1600),
        Shape(use: "MLP dense 784-256 forward, batch 128", transA: false, transB: false, m: 128, n: 256, k: 784),
        Shape(use: "MLP dense 784-256 weight gradient", transA: true, transB: false, m: 784, n: 256, k: 128),
        Shape(use: "MLP dense 784-256 input gradient", transA: false, transB: true, m: 128, n: 784, k: 256),
        Shape(use: "ViT d 64 projection (128 images x 16 patches)", transA: false, transB: false, m: 2048, n: 64, k: 64),
        Shape(use: "ViT MLP 64-128", transA: false, transB: false, m: 2048, n: 128, k: 64),
        Shape(use: "GPT d 128 projection (64 x 64 tokens)", transA: false, transB: false, m: 4096, n: 128, k: 128),
        Shape(use: "GPT MLP 128-512", transA: false, transB: false, m: 4096, n: 512, k: 128),
        Shape(use: "GPT MLP 512-128", transA: false, transB: false, m: 4096, n: 128, k: 512),
        Shape(use: "GPT attention scores, one head", transA: false, transB: true, m: 64, n: 64, k: 32),
        Shape(use: "GPT output 128-2533 forward", transA: false, transB: false, m: 4096, n: 2533, k: 128),
        Shape(use: "GPT output input gradient", transA: false, transB: true, m: 4096, n: 128, k: 2533),
        Shape(use: "GPT output weight gradient", transA: true, transB: false, m: 128, n: 2533, k: 4096),
        Shape(use: "LSTM 256 step h·R, batch 64", transA: false, transB: false, m: 64, n: 1024, k: 256, accumulate: true),
        Shape(use: "LSTM 256 input projection (64 x 64 steps)", transA: false, transB: false, m: 4096, n: 1024, k: 64),
    ]

    /// Times every shape with both backends (the backend in use is restored).
    static func measure() -> [Row] {
        let before = Gemm.backend
        defer { Gemm.backend = before }
        return shapes.map { s in
            var rng = SeededGenerator(seed: UInt64(s.m * 31 + s.n * 7 + s.k))
            let a = Tensor.uniform([s.m * s.k], -1, 1, rng: &rng), b = Tensor.uniform([s.k * s.n], -1, 1, rng: &rng)
            let c = Tensor(zeros: [s.m * s.n])
            func once(pooled: Bool) {
                let lda = s.transA ? s.m : s.k, ldb = s.transB ? s.k : s.n
                if pooled {
                    Gemm.multiply(transA: s.transA, transB: s.transB, m: s.m, n: s.n, k: s.k, a: a.buffer.pointer, lda: lda,
                                  b: b.buffer.pointer, ldb: ldb, beta: s.accumulate ? 1 : 0, c: c.buffer.pointer, ldc: s.n)
                } else {
                    Gemm.serial(transA: s.transA, transB: s.transB, m: s.m, n: s.n, k: s.k, a: a.buffer.pointer, lda: lda,
                                b: b.buffer.pointer, ldb: ldb, beta: s.accumulate ? 1 : 0, c: c.buffer.pointer, ldc: s.n)
                }
            }
            var g: [Double] = []
            for pooled in [false, true] {
                for backend in [Gemm.Backend.portable, .openBLAS] {
                    Gemm.backend = backend
                    g.append(gflops(s, { once(pooled: pooled) }, pooled: pooled))
                }
            }
            return Row(shape: s, portable: g[0], openBLAS: g[1], portablePool: g[2], openBLASPool: g[3])
        }
    }

    /// GFLOPS of `body` (2·M·N·K flops): the best of 5 timings of enough repetitions for about 0.1 s of
    /// work at 50 GFLOPS, by this thread's CPU time (one thread) or wall time (the pool).
    private static func gflops(_ s: Shape, _ body: () -> Void, pooled: Bool) -> Double {
        let flops = 2 * Double(s.m * s.n * s.k)
        body()
        let reps = max(1, Int(5e9 / flops))
        var best = Double.infinity
        for _ in 0..<5 {
            let start = pooled ? wallSeconds() : threadCPUSeconds()
            for _ in 0..<reps { body() }
            best = min(best, ((pooled ? wallSeconds() : threadCPUSeconds()) - start) / Double(reps))
        }
        return flops / best / 1e9
    }

    /// The table as text lines.
    static func lines(_ rows: [Row]) -> [String] {
        var out = ["GEMM per shape, GFLOPS: portable (CKernels \(InstructionSet.current)) vs OpenBLAS \(BLASKernel.coreName); one thread (thread CPU time) | pool of \(ThreadPool.shared.threadCount) (wall)"]
        for r in rows {
            let figures = String(format: "%6.1f %6.1f %5.2fx | %6.1f %6.1f %5.2fx", r.portable, r.openBLAS, r.ratio,
                                 r.portablePool, r.openBLASPool, r.poolRatio)
            out.append("  \(r.shape.label.padding(toLength: 18, withPad: " ", startingAt: 0)) \(figures)  \(r.shape.use)")
        }
        return out
    }

    /// The table for JSON.
    static func objects(_ rows: [Row]) -> [[String: Any]] {
        rows.map { r in
            ["shape": r.shape.label, "use": r.shape.use, "portable_gflops": round2(r.portable), "openblas_gflops": round2(r.openBLAS),
             "ratio": round2(r.ratio), "portable_pool_gflops": round2(r.portablePool), "openblas_pool_gflops": round2(r.openBLASPool),
             "pool_ratio": round2(r.poolRatio)]
        }
    }
}

/// This thread's CPU seconds.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Monotonic wall seconds.
func wallSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
