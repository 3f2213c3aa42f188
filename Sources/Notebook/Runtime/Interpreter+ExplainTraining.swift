import Foundation
import TensorRuntime
import NeuralNet

extension Interpreter {
    /// `explain loss [NAME]`: the compiled loss with what the model adds to it (weight penalties, a KL term),
    /// or the loss named.
    func explainLoss(_ name: Located<NeuralNet.Loss>?, at range: SourceRange) throws -> [OutputBlock] {
        if let name { return [Self.explanation(name.value.rawValue, name.value.summary, name.value.formula(fused: nil))] }
        let (m, t) = try compiledTrainer("loss", at: range)
        let fused = t.loss.fusesOutput(m.model.finalActivation)
        var lines = t.loss.formula(fused: fused)
        for p in m.model.namedParameters {
            guard let r = p.parameter.regularizer, r.l1 > 0 || r.l2 > 0 else { continue }
            let terms = (r.l1 > 0 ? ["l1*sum|w|"] : []) + (r.l2 > 0 ? ["l2*sum w^2"] : [])
            let values = (r.l1 > 0 ? ["l1 = \(LayerFormula.number(r.l1))"] : []) + (r.l2 > 0 ? ["l2 = \(LayerFormula.number(r.l2))"] : [])
            lines.append("+ \(terms.joined(separator: " + ")) over \(p.name) (\(values.joined(separator: ", ")))")
        }
        if t.klWeight > 0, !m.model.activityLossLayers.isEmpty {
            lines.append("+ kl*KL, kl = \(LayerFormula.number(t.klWeight)): the sampling layers' KL divergence (explain sampling_1)")
        }
        lines.append("compiled for '\(m.name)'"
                     + (t.history.last.map { "; epoch \($0.epoch): loss \(Self.figure($0.loss))" + ($0.validationLoss.map { ", val_loss \(Self.figure($0))" } ?? "") } ?? ""))
        return [Self.explanation(t.loss.rawValue, t.loss.summary, lines)]
    }

    /// `explain optimizer [NAME]`: the update rule with the hyper-parameters in use, the state it keeps
    /// and the schedule; or the optimizer named, with its defaults.
    func explainOptimizer(_ name: Located<OptimizerKind>?, at range: SourceRange) throws -> [OutputBlock] {
        if let name {
            let config = OptimizerConfig(kind: name.value)
            return [Self.explanation(name.value.rawValue, name.value.summary,
                                     Self.gradientLine + config.formula(learningRate: config.effectiveLearningRate) + ["the defaults; compile optimizer=\(name.value.rawValue) lr=... sets others"])]
        }
        let (m, t) = try compiledTrainer("optimizer", at: range)
        let config = t.optimizer.config
        var lines = Self.gradientLine + config.formula(learningRate: t.optimizer.learningRate)
        let weights = m.model.trainableParameters.reduce(0) { TensorRuntime.Shape.saturatingSum($0, $1.count) }
        let slots = config.slotsPerWeight
        lines.append("compiled for '\(m.name)': \(ModelSummary.grouped(t.optimizer.iterations)) steps so far")
        if slots > 0 {
            lines.append("state: \(slots) per trained weight, \(slots)*\(ModelSummary.grouped(weights)) = \(ModelSummary.grouped(slots * weights)) values")
        }
        if let schedule = t.schedule {
            lines.append("schedule: " + schedule.formula + ", base = \(LayerFormula.number(config.effectiveLearningRate))")
        }
        return [Self.explanation(config.kind.rawValue, config.kind.summary, lines)]
    }

    /// `explain METRIC`: its formula, and its latest value when the current model reports it.
    func explainMetric(_ metric: NeuralNet.Metric) -> OutputBlock {
        var lines = metric.formula
        if let t = session.modelEntry?.trainer, let last = t.history.last, let value = last.metrics[metric.name] {
            lines.append("epoch \(last.epoch) of '\(session.modelEntry?.name ?? "")': \(metric.name) \(Self.figure(value))"
                         + (last.validationMetrics[metric.name].map { ", val_\(metric.name) \(Self.figure($0))" } ?? ""))
        }
        return Self.explanation(metric.name, metric.summary, lines)
    }

    /// The current model and its trainer, for `explain loss` and `explain optimizer` without a name.
    private func compiledTrainer(_ what: String, at range: SourceRange) throws -> (ModelEntry, Trainer) {
        guard let m = session.modelEntry else {
            throw NotebookError("there is no model, so no compiled \(what) to explain", at: range,
                                hint: "name one: `explain \(what) \(what == "loss" ? "mse" : "adam")`, or make and compile a model")
        }
        guard let t = m.trainer else {
            throw NotebookError("model '\(m.name)' is not compiled, so it has no \(what) yet", at: range,
                                hint: "`compile` it first, or name one: `explain \(what) \(what == "loss" ? "mse" : "adam")`")
        }
        return (m, t)
    }

    private static let gradientLine = ["g = dL/dw, the gradient of the batch's loss, for every trained weight w"]

    /// `name - summary`, then the formula lines, each wrapped to 78 columns under itself.
    static func explanation(_ name: String, _ summary: String, _ lines: [String]) -> OutputBlock {
        let body = lines.flatMap { line in
            Help.wrap(line, width: 74).enumerated().map { ($0.offset == 0 ? "  " : "    ") + $0.element }
        }
        return .text(([Help.wrap("\(name) - \(summary)", width: 78)].flatMap { $0 } + body).joined(separator: "\n"))
    }

    /// A loss or metric value with four decimals.
    private static func figure(_ x: Double) -> String { String(format: "%.4f", x) }
}
