import NeuralNet

extension Interpreter {
    /// Refuses to run the current model on the current data when they no longer fit each other (the
    /// data changed after `model` or `compile`), naming what changed and what to do, before any kernel
    /// can fail on mismatched shapes or labels.
    func checkModelFitsData(for command: Command, at range: SourceRange) throws {
        switch command {
        case .step, .train, .evaluate, .predict, .confusion, .showActivations, .showErrors, .profile, .showAttribution:
            break
        default:
            return
        }
        guard let m = session.modelEntry, let d = session.data, !m.model.layers.isEmpty else { return }
        let dataShape = d.sampleShape
        guard dataShape == m.model.inputShape else {
            throw NotebookError(
                "model '\(m.name)' takes \(Self.dimensions(m.model.inputShape)) inputs but the current data set '\(d.name)' has \(Self.dimensions(dataShape)) images",
                at: range, hint: "the data changed after the model was made: `use` the data set it was made for, or start a new model with `model`")
        }
        guard let loss = m.trainer?.loss, let outputs = m.model.outputShape.first, m.model.outputShape.count == 1 else { return }
        let classes = d.classNames.count
        let fits: Bool
        switch loss {
        case .mse, .mae:
            fits = true
        case .binary_crossentropy:
            fits = outputs == classes || (outputs == 1 && classes <= 2)
        case .sparse_categorical_crossentropy, .categorical_crossentropy:
            fits = outputs == classes
        }
        guard fits else {
            throw NotebookError(
                "model '\(m.name)' has \(outputs) output\(outputs == 1 ? "" : "s") but the current data set '\(d.name)' has \(classes) classes",
                at: range, hint: "the data changed after `compile`: `use` the data set the model was compiled for, or `replace` the last layer with `dense \(classes) softmax` and compile again")
        }
    }

    /// `28x28x1`.
    static func dimensions(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "x") }
}
