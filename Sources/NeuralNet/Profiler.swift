import TensorRuntime

/// Measures one training step of a trainer's model, layer by layer (see `StepProfile`).
///
/// The step is the trainer's: the batch loaded with the trainer's transforms, forward in training mode,
/// the loss (with weight penalties), backward, the optimiser's update. One warm-up step runs first, then
/// `steps` measured ones on the same batch (the first `batch` examples). Afterwards the trainer is put back
/// exactly as it was (`TrainerSnapshot`): weights, batch-norm statistics, optimiser moments and step
/// count, history and the position in the epoch. Backward time is attributed with `GraphProfile`.
public enum Profiler {
    /// Profiles `steps` steps of `batch` examples of `data` (a batch larger than the data is all of it).
    /// `afterWarmUp` is called once with the warm-up step's wall seconds, before the measured steps (so a
    /// caller can say how long the rest will take). Throws `TrainingError` when the data is empty or does
    /// not fit the model, or `batch`/`steps` < 1, and whatever the step itself throws; the trainer is
    /// restored either way.
    public static func profile(_ trainer: Trainer, on data: TrainingData, batch: Int, steps: Int,
                               afterWarmUp: (Double) -> Void = { _ in }) throws -> StepProfile {
        guard batch >= 1 else { throw TrainingError.invalidArgument("the profiled batch must hold at least 1 example, got \(batch)") }
        guard steps >= 1 else { throw TrainingError.invalidArgument("profile needs at least 1 step, got \(steps)") }
        guard data.count > 0 else { throw TrainingError.noData("the training set is empty") }
        let model = trainer.model
        guard data.sampleShape == model.inputShape else { throw TrainingError.inputMismatch(model: model.inputShape, data: data.sampleShape) }
        let size = min(batch, data.count)
        var works: [LayerWork] = []
        var shapes: [[Int]] = []
        var shape = model.inputShape
        for layer in model.layers {
            let work = try layer.work(inputShape: shape, batch: size)
            // The model's input needs no gradient: the first layer computes only its weights'.
            works.append(works.isEmpty ? work.withoutInputGradient : work)
            shapes.append(shape)
            shape = try layer.outputShape(for: shape)
        }
        let snapshot = trainer.snapshot()
        defer { trainer.restore(snapshot) }
        let loader = try BatchLoader(data: data, transforms: trainer.transforms)
        var samples: [StepTimes] = []
        for step in 0...steps {
            let times = try measureStep(trainer, loader: loader, indices: Array(0..<size), stream: UInt64(step))
            if step > 0 { samples.append(times) } else { afterWarmUp(times.wall) }
        }
        return summarize(samples, trainer: trainer, works: works, shapes: shapes, batch: size)
    }

    /// Seconds of one step: forward and backward per part (layers, then the loss), the update, the load,
    /// and the whole step.
    struct StepTimes {
        var forward: [Double]
        var backward: [Double]
        var update = 0.0
        var load = 0.0
        var wall = 0.0

        /// The times of the parts: everything but the step's own bookkeeping.
        var measured: Double { forward.reduce(0, +) + backward.reduce(0, +) + update + load }
    }

    private static func measureStep(_ trainer: Trainer, loader: BatchLoader, indices: [Int], stream: UInt64) throws -> StepTimes {
        let model = trainer.model
        let layers = model.layers
        let fused = trainer.loss.fusesOutput(model.finalActivation)
        let params = model.trainableParameters
        var times = StepTimes(forward: Array(repeating: 0, count: layers.count + 1), backward: Array(repeating: 0, count: layers.count + 1))
        let graph = GraphProfile()
        defer { graph.finish() }
        let start = GraphProfile.now()
        let batch = try loader.batch(indices[...], epochSeed: trainer.seed)
        times.load = GraphProfile.now() - start
        for t in params { t.zeroGrad() }
        let context = ForwardContext(training: true, rng: SeededGenerator.derived(seed: trainer.seed &+ 1, stream: stream))
        var h = batch.inputs
        // Layers that run as one op (LayerFusion) are timed together, on their first layer's row.
        for unit in LayerFusion.units(layers) {
            let begin = GraphProfile.now()
            h = try LayerFusion.forward(layers, unit: unit, h, context, skipOutputActivation: fused && unit.upperBound == layers.count)
            times.forward[unit.lowerBound] = GraphProfile.now() - begin
            graph.claim(h, part: unit.lowerBound)
        }
        let lossStart = GraphProfile.now()
        var total = try trainer.loss.compute(h, targets: batch.targets, fused: fused)
        if let penalty = try model.regularizationLoss() { total = try Tensor.add(total, penalty) }
        times.forward[layers.count] = GraphProfile.now() - lossStart
        graph.claim(total, part: layers.count)
        total.backward(profile: graph)
        for (part, seconds) in graph.backwardSeconds {
            // Nodes no part claimed (none in a Sequential) count with the loss.
            times.backward[part >= 0 && part < layers.count ? part : layers.count] += seconds
        }
        let updateStart = GraphProfile.now()
        trainer.optimizer.step(params)
        times.update = GraphProfile.now() - updateStart
        times.wall = GraphProfile.now() - start
        return times
    }

    /// The per-row medians of `samples` as a profile.
    private static func summarize(_ samples: [StepTimes], trainer: Trainer, works: [LayerWork], shapes: [[Int]], batch: Int) -> StepProfile {
        let layers = trainer.model.layers
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        }
        var rows: [StepProfile.Row] = []
        for unit in LayerFusion.units(layers) {
            let i = unit.lowerBound
            rows.append(StepProfile.Row(name: layers[i].name, type: layers[i].typeName, part: .layer,
                                        forwardSeconds: median(samples.map { $0.forward[i] }),
                                        backwardSeconds: median(samples.map { $0.backward[i] }),
                                        work: LayerFusion.work(layers, unit: unit, works: works, inputShape: shapes[i])))
            for j in unit.dropFirst() {
                var row = StepProfile.Row(name: layers[j].name, type: layers[j].typeName, part: .layer, forwardSeconds: 0, backwardSeconds: 0)
                row.fusedInto = layers[i].name
                rows.append(row)
            }
        }
        rows.append(StepProfile.Row(name: "loss", type: trainer.loss.rawValue, part: .loss,
                                    forwardSeconds: median(samples.map { $0.forward[layers.count] }),
                                    backwardSeconds: median(samples.map { $0.backward[layers.count] })))
        rows.append(StepProfile.Row(name: "optimizer", type: trainer.optimizer.config.kind.rawValue, part: .optimizer,
                                    forwardSeconds: 0, backwardSeconds: median(samples.map(\.update))))
        rows.append(StepProfile.Row(name: "data", type: "BatchLoader", part: .data,
                                    forwardSeconds: median(samples.map(\.load)), backwardSeconds: 0))
        // What the step spent outside the rows above: zeroing gradients, ordering and releasing the graph.
        rows.append(StepProfile.Row(name: "other", type: "Step", part: .other, forwardSeconds: 0,
                                    backwardSeconds: median(samples.map { max(0, $0.wall - $0.measured) })))
        return StepProfile(batch: batch, steps: samples.count, rows: rows, stepSeconds: median(samples.map(\.wall)))
    }
}
