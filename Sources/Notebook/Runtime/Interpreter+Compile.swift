import Foundation
import TensorRuntime
import Datasets
import NeuralNet

extension Interpreter {
    /// Builds the current model's trainer from `compile`'s options. `Compile.check` has already refused a
    /// model without layers or one that does not fit the data (`ModelFit`).
    func compile(_ spec: Compile, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let loss = spec.loss.value
        // Every value comes from the parser with the catalog's defaults, which are the engine's constants.
        let optimizer = OptimizerConfig(kind: spec.optimizer.value,
                                        learningRate: spec.learningRate.map { Float($0.value) },
                                        momentum: Float(spec.momentum.value), nesterov: spec.nesterov.value,
                                        weightDecay: Float(spec.weightDecay.value))
        // A regression set has no classes to score: its loss is its measure.
        let regression = session.data.map { $0.trainingSet.targetKind.valueShape != nil && $0.source.codec == nil } ?? false
        let metrics = regression ? [] : spec.metrics.map(\.value)
        let schedule: NeuralNet.Schedule?
        switch spec.schedule.value {
        case .none:
            schedule = nil
        case .step:
            schedule = .step(stepSize: spec.stepSize?.value ?? Schedule.defaultStepSize,
                             gamma: spec.gamma.map { Float($0.value) } ?? Schedule.defaultGamma)
        case .cosine:
            schedule = .cosine(epochs: spec.cosineEpochs?.value ?? Schedule.defaultCosineEpochs, minFactor: 0)
        case .plateau:
            schedule = .plateau(patience: spec.patience?.value ?? Schedule.defaultPatience,
                                factor: spec.factor.map { Float($0.value) } ?? Schedule.defaultFactor, minLearningRate: 0)
        }
        // The live panel shows the model being trained, with its own history only (a new trainer starts it afresh).
        monitor.forget(model: m.name)
        let name = m.name
        let trainer = Trainer(model: m.model, loss: loss, optimizer: optimizer, metrics: metrics, batchSize: session.batchSize,
                              schedule: schedule, seed: session.seed, stop: stop,
                              report: { [monitor] event in monitor.publish(event, model: name) })
        trainer.shuffle = session.shuffle
        if m.augmentation == nil, let pending = session.augmentation { m.augmentation = pending }
        session.augmentation = nil
        trainer.transforms = m.augmentation.map { [AugmentTransform($0)] } ?? []
        m.trainer = trainer
        let lr = optimizer.effectiveLearningRate
        return [.text("compiled '\(m.name)': \(optimizer.kind.rawValue) lr=\(format(Double(lr))), \(loss.rawValue), batch \(session.batchSize)", style: .success)]
    }

    func set(_ spec: SetHyperparameters, at range: SourceRange) throws -> [OutputBlock] {
        let (_, t) = try requireTrainer(at: range)
        var changes: [String] = []
        if let b = spec.batch { t.batchSize = b.value; session.batchSize = b.value; changes.append("batch \(b.value)") }
        if spec.optimizer != nil || spec.momentum != nil || spec.weightDecay != nil {
            var config = t.optimizer.config
            if let o = spec.optimizer { config.kind = o.value; config.learningRate = nil }
            if let mo = spec.momentum { config.momentum = Float(mo.value) }
            if let wd = spec.weightDecay { config.weightDecay = Float(wd.value) }
            if let lr = spec.learningRate { config.learningRate = Float(lr.value) }
            if config.kind != t.optimizer.config.kind {
                // A new optimiser starts with fresh moments; keep the current rate unless a new one was given.
                let keep = spec.learningRate == nil && spec.optimizer == nil ? t.optimizer.learningRate : nil
                t.optimizer = NeuralNet.Optimizer(config)
                if let keep { t.optimizer.learningRate = keep }
            } else {
                t.optimizer.config = config
            }
            changes.append("optimizer \(config.kind.rawValue)")
        }
        if let lr = spec.learningRate { t.optimizer.learningRate = Float(lr.value); t.optimizer.config.learningRate = Float(lr.value); changes.append("lr \(lr.text)") }
        return [.text("set " + changes.joined(separator: ", "), style: .success)]
    }
}
