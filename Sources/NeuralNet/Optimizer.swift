#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorRuntime

/// Optimisers with Keras's default hyper-parameters. State (moments) is kept per weight tensor.
public enum OptimizerKind: String, Sendable, CaseIterable { case sgd, adam, adamw, rmsprop }

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
    public var effectiveLearningRate: Float { learningRate ?? (kind == .sgd ? 0.01 : 0.001) }
}

/// Updates weights from their gradients.
public final class Optimizer {
    public var config: OptimizerConfig
    /// The learning rate used by the next step (a schedule may change it).
    public var learningRate: Float
    /// Steps taken (Adam's bias correction counts from here).
    public private(set) var iterations = 0
    private var slots: [ObjectIdentifier: (Buffer, Buffer?)] = [:]

    public init(_ config: OptimizerConfig) {
        self.config = config
        self.learningRate = config.effectiveLearningRate
    }

    /// One update of every tensor in `parameters` that has a gradient.
    public func step(_ parameters: [Tensor]) {
        iterations += 1
        let lr = learningRate, t = Float(iterations)
        for p in parameters {
            guard let g = p.grad?.pointer else { continue }
            let w = p.buffer.pointer, n = p.count
            switch config.kind {
            case .sgd:
                let mu = config.momentum ?? 0
                if mu == 0 { for i in 0..<n { w[i] -= lr * g[i] }; continue }
                let v = slot(p, second: false).0.pointer
                for i in 0..<n {
                    v[i] = mu * v[i] - lr * g[i]
                    w[i] += config.nesterov ? mu * v[i] - lr * g[i] : v[i]
                }
            case .adam, .adamw:
                let b1: Float = 0.9, b2: Float = 0.999, eps: Float = 1e-7
                let (m, vOpt) = slot(p, second: true), v = vOpt!.pointer, mp = m.pointer
                let lrT = lr * sqrtf(1 - powf(b2, t)) / (1 - powf(b1, t))
                let decay = config.kind == .adamw ? (config.weightDecay ?? 0.004) : 0
                for i in 0..<n {
                    if decay > 0 { w[i] -= lr * decay * w[i] }
                    let gi = g[i]
                    mp[i] = b1 * mp[i] + (1 - b1) * gi
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi
                    w[i] -= lrT * mp[i] / (sqrtf(v[i]) + eps)
                }
            case .rmsprop:
                let rho: Float = 0.9, eps: Float = 1e-7, mu = config.momentum ?? 0
                let (a, mom) = slot(p, second: mu > 0), ap = a.pointer
                for i in 0..<n {
                    ap[i] = rho * ap[i] + (1 - rho) * g[i] * g[i]
                    let step = lr * g[i] / sqrtf(ap[i] + eps)   // Keras: epsilon inside the square root
                    if let m = mom?.pointer { m[i] = mu * m[i] + step; w[i] -= m[i] } else { w[i] -= step }
                }
            }
        }
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
