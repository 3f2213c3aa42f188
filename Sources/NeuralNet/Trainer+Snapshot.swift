import TensorRuntime

/// Everything a training command can change, copied so that a failed command can be undone: every
/// weight of the model (batch normalisation's moving statistics included), the optimiser (moments,
/// step count, learning rate) and the trainer's place (history, batch losses, the epoch in progress).
///
/// "A failed command changes nothing": the notebook takes one before `step`/`train` and restores it
/// when the command throws (a NaN loss, a checkpoint that cannot be written, a forward pass that fails
/// after batch normalisation updated its statistics). A stop request is not a failure and keeps the
/// completed batches. Copies cost one pass over the weights and moments, not over activations.
public struct TrainerSnapshot {
    fileprivate let weights: [(tensor: Tensor, values: [Float])]
    fileprivate let optimizer: (config: OptimizerConfig, learningRate: Float, iterations: Int, slots: [ObjectIdentifier: ([Float], [Float]?)])
    fileprivate let history: [EpochRecord]
    fileprivate let batchLosses: [Double]
    fileprivate let progress: Trainer.Progress?
}

extension Trainer {
    /// A copy of the state `restore` puts back.
    public func snapshot() -> TrainerSnapshot {
        let weights = model.namedParameters.map { (tensor: $0.parameter.tensor, values: $0.parameter.tensor.array) }
        let slots = optimizer.slots.mapValues { ($0.0.array, $0.1?.array) }
        return TrainerSnapshot(
            weights: weights,
            optimizer: (optimizer.config, optimizer.learningRate, optimizer.iterations, slots),
            history: history, batchLosses: batchLosses, progress: progress)
    }

    /// Puts back the state of `snapshot` (taken from this trainer). Weights are written in place, so
    /// every reference to the model's tensors sees the restored values.
    public func restore(_ snapshot: TrainerSnapshot) {
        for (tensor, values) in snapshot.weights where tensor.count == values.count {
            values.withUnsafeBufferPointer { source in
                if let base = source.baseAddress {
                    tensor.buffer.pointer.update(from: base, count: values.count)
                }
            }
        }
        let saved = snapshot.optimizer
        let restored = Optimizer(saved.config)
        restored.learningRate = saved.learningRate
        restored.iterations = saved.iterations
        restored.slots = saved.slots.mapValues { (Buffer($0.0), $0.1.map { Buffer($0) }) }
        optimizer = restored
        history = snapshot.history
        batchLosses = snapshot.batchLosses
        progress = snapshot.progress
    }
}
