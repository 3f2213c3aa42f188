#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TensorRuntime

/// The schedules by name, as `compile schedule=` spells them; `none` keeps the rate fixed.
public enum ScheduleKind: String, Sendable, CaseIterable {
    case none, step, cosine, plateau
}

/// Learning-rate schedules, applied at the end of each epoch.
public enum Schedule: Sendable, Equatable {
    /// step: epochs between decays, and the factor applied at each.
    public static let defaultStepSize = 10
    public static let defaultGamma: Float = 0.1
    /// cosine: the epochs over which the rate falls to its minimum (then held). Keras's CosineDecay
    /// needs decay_steps; Gradbook counts epochs and defaults to 10.
    public static let defaultCosineEpochs = 10
    /// plateau: Keras's ReduceLROnPlateau defaults (patience 10, factor 0.1).
    public static let defaultPatience = 10
    public static let defaultFactor: Float = 0.1

    /// lr = base · gamma^floor(epoch / stepSize).
    case step(stepSize: Int, gamma: Float)
    /// lr = base · (minFactor + (1 - minFactor) · (1 + cos(π · epoch / epochs)) / 2), then held at the end.
    case cosine(epochs: Int, minFactor: Float)
    /// lr ·= factor when the monitored loss has not improved by `minDelta` for `patience` epochs (Keras's ReduceLROnPlateau).
    case plateau(patience: Int, factor: Float, minLearningRate: Float)

    /// The learning rate for the epoch after `epoch` (1-based count of finished epochs).
    public func next(base: Float, current: Float, epoch: Int, history: [Double]) -> Float {
        switch self {
        case let .step(size, gamma):
            return base * FixedMath.power(gamma, epoch / max(size, 1))
        case let .cosine(epochs, minFactor):
            let e = Float(min(epoch, max(epochs, 1))) / Float(max(epochs, 1))
            return base * (minFactor + (1 - minFactor) * (1 + cosf(Float.pi * e)) / 2)
        case let .plateau(patience, factor, minLR):
            // Replays Keras's rule over the monitored history: a reduction fires after `patience`
            // epochs without improvement, then the wait starts again.
            var best = Double.infinity, wait = 0, reduceNow = false
            for v in history {
                reduceNow = false
                if v < best - 1e-4 { best = v; wait = 0 } else {
                    wait += 1
                    if wait >= max(patience, 1) { reduceNow = true; wait = 0 }
                }
            }
            return reduceNow ? max(current * factor, minLR) : current
        }
    }
}
