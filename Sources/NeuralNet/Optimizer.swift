#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorRuntime

/// Optimisers with Keras's default hyper-parameters. State (moments) is kept per weight tensor.
public enum OptimizerKind: String, Sendable, CaseIterable {
    case sgd, adam, adamw, rmsprop

    /// The learning rate when none is given (Keras: SGD 0.01, the others 0.001).
    public var defaultLearningRate: Float {
        switch self {
        case .sgd: return 0.01
        case .adam, .adamw, .rmsprop: return 0.001
        }
    }
}

/// Hyper-parameters; `nil` means the optimiser's Keras default.
public struct OptimizerConfig: Sendable, Equatable {
    public var kind: OptimizerKind
    public var learningRate: Float?
    public var momentum: Float?
    public var nesterov: Bool = false
    public var weightDecay: Float?
    public init(kind: OptimizerKind, learningRate: Float? = nil, momentum: Float? = nil, nesterov: Bool = false, weightDecay: Float? = nil) {
        self.kind = kind; self.learningRate = learningRate; self.momentum = momentum; self.nesterov = nesterov; self.weightDecay = weightDecay
    }
    /// The learning rate in force (Keras: SGD 0.01, the others 0.001).
    public var effectiveLearningRate: Float { learningRate ?? kind.defaultLearningRate }

    /// AdamW's decoupled weight decay when none is given (Keras's AdamW default).
    public static let defaultWeightDecay: Float = 0.004
    /// Momentum of sgd and rmsprop when none is given.
    public static let defaultMomentum: Float = 0
    /// Adam's and RMSprop's epsilon (Keras's default).
    public static let epsilon: Float = 1e-7
    /// Adam's moment decay rates (Keras's defaults).
    public static let beta1: Float = 0.9
    public static let beta2: Float = 0.999
    /// RMSprop's decay of the squared-gradient average.
    public static let rho: Float = 0.9
}

/// Updates weights from their gradients.
public final class Optimizer {
    public var config: OptimizerConfig
    /// The learning rate used by the next step (a schedule may change it).
    public var learningRate: Float
    /// Steps taken (Adam's bias correction counts from here).
    public internal(set) var iterations = 0
    var slots: [ObjectIdentifier: (Buffer, Buffer?)] = [:]

    public init(_ config: OptimizerConfig) {
        self.config = config
        self.learningRate = config.effectiveLearningRate
    }

    /// One update of every tensor in `parameters` that has a gradient.
    public func step(_ parameters: [Tensor]) {
        iterations += 1
        let lr = learningRate, config = config
        for p in parameters {
            guard let grad = p.grad else { continue }
            let g = SharedPointer(grad.pointer), w = SharedPointer(p.buffer.pointer)
            // Each element's update is independent: chunks of the weight run on the pool.
            switch config.kind {
            case .sgd:
                let mu = config.momentum ?? OptimizerConfig.defaultMomentum, nesterov = config.nesterov
                let v = mu == 0 ? nil : SharedPointer(slot(p, second: false).0.pointer)
                Optimizer.chunks(p.count) { r in
                    guard let v else { for i in r { w[i] -= lr * g[i] }; return }
                    for i in r {
                        v[i] = mu * v[i] - lr * g[i]
                        w[i] += nesterov ? mu * v[i] - lr * g[i] : v[i]
                    }
                }
            case .adam, .adamw:
                let b1 = OptimizerConfig.beta1, b2 = OptimizerConfig.beta2, eps = OptimizerConfig.epsilon
                let (mBuffer, vBuffer) = slot(p, second: true)
                let m = SharedPointer(mBuffer.pointer), v = SharedPointer(vBuffer!.pointer)
                let lrT = lr * sqrtf(1 - FixedMath.power(b2, iterations)) / (1 - FixedMath.power(b1, iterations))
                let decay = config.kind == .adamw ? (config.weightDecay ?? OptimizerConfig.defaultWeightDecay) : 0
                Optimizer.chunks(p.count) { r in
                    // 8 lanes at a time (the four arrays are distinct, which the compiler cannot know).
                    var i = r.lowerBound
                    while i + 8 <= r.upperBound {
                        var wv = SIMD8<Float>(loadingFrom: w.base + i), mv = SIMD8<Float>(loadingFrom: m.base + i)
                        var vv = SIMD8<Float>(loadingFrom: v.base + i)
                        let gv = SIMD8<Float>(loadingFrom: g.base + i)
                        if decay > 0 { wv -= lr * decay * wv }
                        mv = b1 * mv + (1 - b1) * gv
                        vv = b2 * vv + (1 - b2) * gv * gv
                        wv -= lrT * mv / (vv.squareRoot() + eps)
                        wv.store(to: w.base + i); mv.store(to: m.base + i); vv.store(to: v.base + i)
                        i += 8
                    }
                    while i < r.upperBound {
                        if decay > 0 { w[i] -= lr * decay * w[i] }
                        let gi = g[i]
                        m[i] = b1 * m[i] + (1 - b1) * gi
                        v[i] = b2 * v[i] + (1 - b2) * gi * gi
                        w[i] -= lrT * m[i] / (sqrtf(v[i]) + eps)
                        i += 1
                    }
                }
            case .rmsprop:
                let rho = OptimizerConfig.rho, eps = OptimizerConfig.epsilon, mu = config.momentum ?? OptimizerConfig.defaultMomentum
                let (aBuffer, momBuffer) = slot(p, second: mu > 0)
                let a = SharedPointer(aBuffer.pointer), mom = momBuffer.map { SharedPointer($0.pointer) }
                Optimizer.chunks(p.count) { r in
                    for i in r {
                        a[i] = rho * a[i] + (1 - rho) * g[i] * g[i]
                        let step = lr * g[i] / sqrtf(a[i] + eps)   // Keras: epsilon inside the square root
                        if let mom { mom[i] = mu * mom[i] + step; w[i] -= mom[i] } else { w[i] -= step }
                    }
                }
            }
        }
    }

    /// Element ranges of a weight, in fixed chunks of 32768 (large weights only go to the pool).
    private static func chunks(_ n: Int, _ body: (Range<Int>) -> Void) {
        if n <= 32_768 { body(0..<n) } else { ThreadPool.shared.parallelBlocks(n, blockSize: 32_768, body) }
    }

    private func slot(_ p: Tensor, second: Bool) -> (Buffer, Buffer?) {
        let key = ObjectIdentifier(p)
        if let s = slots[key], s.0.count == p.count { return s }
        let s = (Buffer.zeroed(p.count), second ? Buffer.zeroed(p.count) : nil)
        slots[key] = s
        return s
    }

    /// Forgets moments of tensors no longer in `parameters` (after the model was edited).
    public func retain(only parameters: [Tensor]) {
        let keep = Set(parameters.map(ObjectIdentifier.init))
        slots = slots.filter { keep.contains($0.key) }
    }
}

extension SIMD8 where Scalar == Float {
    /// Eight floats from `p` (no alignment needed).
    @inline(__always) init(loadingFrom p: UnsafeMutablePointer<Float>) { self = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    /// Stores the eight floats at `p`.
    @inline(__always) func store(to p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: self, as: SIMD8<Float>.self) }
}
