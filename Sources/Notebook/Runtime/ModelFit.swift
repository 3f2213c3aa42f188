import Foundation
import NeuralNet

/// The rules that decide whether a model fits the current data, stated once: the model must take the
/// data's examples, and its outputs must be what its loss reads from the data's targets. `compile`
/// applies them when the training setup is chosen; every command that runs the model (`CommandEntry.runsModel`)
/// applies them again before it runs, since the data or the layers may have changed since.
enum ModelFit {
    /// What does not fit, as a message and a hint.
    struct Problem: Error {
        var message: String
        var hint: String
    }

    /// Refuses to run the current model on the current data when they no longer fit each other, naming
    /// what changed and what to do, before any kernel can fail on mismatched shapes or labels.
    static func check(_ session: Session, at range: SourceRange) throws {
        guard let m = session.modelEntry, let d = session.data, !m.model.layers.isEmpty else { return }
        let dataShape = d.sampleShape
        guard dataShape == m.model.inputShape else {
            throw NotebookError(
                "model '\(m.name)' takes \(dimensions(m.model.inputShape)) inputs but the current data set '\(d.name)' has \(dimensions(dataShape)) \(d.source.exampleNoun)",
                at: range, hint: "the data changed after the model was made: `use` the data set it was made for, or start a new model with `model`")
        }
        guard let loss = m.trainer?.loss, let problem = outputProblem(m.model.outputShape, loss: loss, data: d) else { return }
        let outputs = m.model.outputShape
        let classes = d.classNames.count
        guard outputs.count == 1, d.source.targetsAreClasses else {
            throw NotebookError(problem.message, at: range,
                                hint: "the model or the data changed after `compile`: \(problem.hint), then compile again")
        }
        throw NotebookError(
            "model '\(m.name)' has \(outputs[0]) output\(outputs[0] == 1 ? "" : "s") but the current data set '\(d.name)' has \(classes) classes",
            at: range, hint: "the data changed after `compile`: `use` the data set the model was compiled for, or `replace` the last layer with `dense \(classes) softmax` and compile again")
    }

    /// Refuses a batch of `batch` examples through `model` that would not fit in half of the memory the
    /// process may use (`MemoryLimit`), instead of a failed allocation or the system killing the process.
    /// The layers report what they need (`Layer.memory`: weights, the activations kept for backward and
    /// their gradients, scratch such as im2col rows or attention scores); containers ask their children.
    /// Weights count four times: values, gradients and two optimiser moments. Inference needs less than
    /// this, so a command that passes here never runs out where training would not.
    static func checkMemory(_ model: NeuralNet.Sequential, batch: Int, at range: SourceRange) throws {
        guard !model.layers.isEmpty, let limit = MemoryLimit.bytes else { return }
        let memory = try model.memory(batch: max(batch, 1))
        let bytes = Double(memory.total) + 3 * Double(memory.weights)
        guard bytes <= Double(limit) / 2 else {
            let gb = String(format: "%.1f", bytes / 1e9)
            let what = batch <= 1 ? "one example" : "a batch of \(batch)"
            throw NotebookError("\(what) would need about \(gb) GB for this model's weights and activations", at: range,
                                hint: batch <= 1 ? "make the model smaller: fewer units, heads or positions (pool or reshape to a shorter input first)"
                                                  : "use a smaller batch, e.g. `batch 32`")
        }
    }

    /// The memory rule of a command that runs the model: `check` above and `checkMemory` for the examples
    /// the command runs at once (`CommandEntry.examplesAtOnce`).
    static func checkRun(_ command: any CommandEntry, _ session: Session, at range: SourceRange) throws {
        try check(session, at: range)
        if let d = session.data, d.source.targetIsInput,
           readsClassPredictions.contains(where: { ObjectIdentifier($0) == ObjectIdentifier(type(of: command)) }) {
            throw NotebookError("'\(d.name)' is loaded with target=input: the model reconstructs its inputs, it does not predict classes",
                                at: range, hint: "use `show reconstructions` or `evaluate`; to classify, load the data again without target=input")
        }
        guard let m = session.modelEntry else { return }
        try checkMemory(m.model, batch: command.examplesAtOnce(session), at: range)
    }

    /// Commands that read the model's outputs as class predictions: refused on data whose targets are the inputs.
    static let readsClassPredictions: [any CommandEntry.Type] = [Confusion.self, ShowErrors.self, Predict.self, ShowSaliency.self, ShowGradCAM.self]

    /// The batch training runs: the trainer's batch size (the session's before `compile`), at most the
    /// training split's size.
    static func trainingBatch(_ session: Session) -> Int {
        let size = session.modelEntry?.trainer?.batchSize ?? session.batchSize
        return min(size, session.data?.trainingSet.count ?? size)
    }

    /// The batch evaluation runs (`Trainer.evaluate`, confusion): the training batch, at most 1024.
    static func evaluationBatch(_ session: Session) -> Int { min(trainingBatch(session), 1024) }

    /// Why a model with these outputs (batch axis excluded) cannot learn `data`'s targets with `loss`;
    /// nil when it can.
    ///
    /// Class labels: one score per class (any loss), or one unit for two classes with a loss that reads a
    /// 0/1 target (binary cross-entropy, mse, mae). Token sequences: a score per token at every position,
    /// learned with sparse categorical cross-entropy per token.
    static func outputProblem(_ outputs: [Int], loss: Loss, data: DataEntry) -> Problem? {
        if data.source.targetIsInput { return reconstructionProblem(outputs, loss: loss, data: data) }
        if let codec = data.source.codec, let length = data.sampleShape.first {
            let expected = [length, codec.vocabularySize]
            guard outputs == expected else {
                return Problem(message: "the model's output \(ModelSummary.describe(outputs)) does not give each of the \(expected[0]) positions "
                                    + "a score for each of the \(expected[1]) tokens (\(ModelSummary.describe(expected)))",
                               hint: "end the model with `dense \(expected[1]) softmax` on a [\(expected[0]), D] sequence (no flatten)")
            }
            guard loss == .sparse_categorical_crossentropy else {
                return Problem(message: "sequence targets are token indices: \(loss.rawValue) cannot read them",
                               hint: "use loss=sparse_categorical_crossentropy (applied per token)")
            }
            return nil
        }
        if let shape = data.trainingSet.targetKind.valueShape {
            return valueProblem(outputs, shape: shape, loss: loss, data: data)
        }
        guard outputs.count == 1 else {
            return Problem(message: "the model's output \(ModelSummary.describe(outputs)) is not a vector of class scores",
                           hint: "end the model with `flatten` and `dense CLASSES softmax`")
        }
        let units = outputs[0], classes = data.classNames.count
        if units == classes { return nil }
        let readsOneValue = loss == .binary_crossentropy || loss == .mse || loss == .mae
        if units == 1 && readsOneValue {
            if classes <= 2 { return nil }
            return Problem(message: "a one-unit output holds one value per example, which fits two classes, but '\(data.name)' has \(classes) classes",
                           hint: "make the last layer `dense \(classes) softmax` and use loss=sparse_categorical_crossentropy")
        }
        let binary = classes == 2 && readsOneValue ? " (or `dense 1 sigmoid` with loss=\(loss.rawValue))" : ""
        return Problem(message: "the model has \(units) output\(units == 1 ? "" : "s") but '\(data.name)' has \(classes) classes",
                       hint: "make the last layer `dense \(classes) softmax`\(binary)")
    }

    /// Value targets (a regression set, `load points ... target=value`): one output per target value,
    /// learned with mse or mae.
    static func valueProblem(_ outputs: [Int], shape: [Int], loss: Loss, data: DataEntry) -> Problem? {
        guard outputs == shape else {
            return Problem(message: "the model's output \(ModelSummary.describe(outputs)) does not give the \(ModelSummary.describe(shape)) target values of '\(data.name)'",
                           hint: "end the model with `dense \(shape.reduce(1, *))` (no activation: a value, not a class score)")
        }
        guard loss == .mse || loss == .mae else {
            return Problem(message: "'\(data.name)' has value targets: \(loss.rawValue) reads classes",
                           hint: "use loss=mse (or mae)")
        }
        return nil
    }

    /// Examples that are their own targets (`target=input`): the output must have the input's shape, and
    /// the loss must compare values (mse, mae, or binary cross-entropy on values in [0, 1]).
    static func reconstructionProblem(_ outputs: [Int], loss: Loss, data: DataEntry) -> Problem? {
        let shape = data.sampleShape
        guard outputs == shape else {
            let message = "the model's output \(ModelSummary.describe(outputs)) is not the shape of its input \(ModelSummary.describe(shape)): "
                + "with target=input every output value reconstructs an input value"
            if shape.count == 1 {
                return Problem(message: message, hint: "end the decoder with `dense \(shape[0])` (no activation where values leave 0...1, as points' coordinates do)")
            }
            return Problem(message: message,
                           hint: "end the decoder with the input's shape, e.g. `conv2dtranspose \(shape.last ?? 1) 3 sigmoid padding=same`, "
                                + "or `dense \(shape.reduce(1, *)) sigmoid` then `reshape \(dimensions(shape))`")
        }
        guard loss == .mse || loss == .mae || loss == .binary_crossentropy else {
            return Problem(message: "with target=input the targets are the input's values, which \(loss.rawValue) cannot read",
                           hint: "use loss=mse, loss=mae or loss=binary_crossentropy")
        }
        return nil
    }

    /// `28x28x1`.
    static func dimensions(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "x") }
}
