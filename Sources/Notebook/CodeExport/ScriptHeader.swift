// What the Keras and PyTorch scripts share: the header comment (what the script is, its data, training,
// files and how to run it) and the settings with the LAYERS table, the same in both.

import Foundation
import NeuralNet

enum ScriptHeader {
    /// The header comment block, wrapped at about 100 columns.
    static func lines(_ plan: ExportPlan, framework: ExportFramework, notes: [String]) -> [String] {
        let t = plan.training
        let rule = "# " + String(repeating: "=", count: 98)
        var out = [rule]
        out += wrap("", "\(plan.scriptName): Gradbook's model '\(plan.modelName)' as a \(framework.title) script, written by "
                    + "`export \(framework.rawValue) \(plan.scriptName)`.")
        out.append("#")
        let trained = t.epochsDone == 0 ? "not trained yet" : "after \(t.epochsDone) epoch\(t.epochsDone == 1 ? "" : "s")"
        out += wrap("Model:", "\(plan.layers.count) layers, \(ModelSummary.grouped(plan.totalParameters)) parameters "
                    + "(\(ModelSummary.grouped(plan.trainableParameters)) trained), input \(ModelSummary.describe(plan.inputShape)), output "
                    + "\(ModelSummary.describe(plan.outputShape)). LAYERS below lists the layers as Gradbook's `summary` does; "
                    + "the script checks its model against it at start.")
        out += wrap("Data:", plan.data.summary + (plan.dataName.map { " (\($0))" } ?? "") + ".")
        out += wrap("Train:", trainingLine(t))
        out += wrap("Weights:", "\(plan.weightsName) beside this file holds the session's weights (\(trained)); they are loaded at start "
                    + "(--fresh: new random weights instead). It also holds \(plan.checkCount) training examples with Gradbook's outputs for --check.")
        if let augmentation = t.augmentation {
            out += wrap("Note:", "the session augments its training images (\(augmentation)); this script trains on them as they are.")
        }
        out.append("#")
        let file = plan.scriptName
        out += [
            "# Run:     python3 \(file)                      train --epochs more epochs from the session's weights",
            "#          python3 \(file) --epochs 0 --evaluate test   score the test split as the weights are",
            "#          python3 \(file) --check              compare with Gradbook's outputs on the stored examples",
        ]
        out += wrap("Needs:", framework == .pytorch ? "Python 3.8+ and PyTorch 2.0+ (numpy is not needed)" + (folderNote(plan) ?? "") + "."
                    : "Python 3.9+, Keras 3 with any backend (KERAS_BACKEND=jax, tensorflow or torch) and numpy" + (folderNote(plan) ?? "") + ".")
        for note in notes { out.append("#"); out += wrap("", note) }
        out.append(rule)
        return out
    }

    private static func folderNote(_ plan: ExportPlan) -> String? {
        if case .folder = plan.data.origin { return "; Pillow to read the image folder" }
        return nil
    }

    /// `adam (lr 0.003), sparse_categorical_crossentropy, metrics accuracy, batches of 32, 3 epochs (--epochs), no schedule.`
    static func trainingLine(_ t: TrainingPlan) -> String {
        let o = t.optimizer
        var optimizer = "\(o.kind.rawValue) (lr \(PythonValue.float(o.effectiveLearningRate).literal)"
        switch o.kind {
        case .sgd, .rmsprop:
            if let m = o.momentum, m > 0 { optimizer += ", momentum \(PythonValue.float(m).literal)" + (o.nesterov ? ", nesterov" : "") }
        case .adamw: optimizer += ", weight decay \(PythonValue.float(o.weightDecay ?? OptimizerConfig.defaultWeightDecay).literal)"
        case .adam: break
        }
        optimizer += ")"
        let metrics = t.metrics.isEmpty ? "no metrics" : "metrics " + t.metrics.map(\.name).joined(separator: ", ")
        let kl = t.klWeight > 0 ? " + \(PythonValue.float(t.klWeight).literal) x KL" : ""
        let schedule: String
        switch t.schedule {
        case nil: schedule = "no schedule"
        case let .step(size, gamma)?: schedule = "schedule step (x \(PythonValue.float(gamma).literal) every \(size) epochs)"
        case let .cosine(epochs, _)?: schedule = "schedule cosine (to 0 over \(epochs) epochs)"
        case let .plateau(patience, factor, _)?: schedule = "schedule plateau (x \(PythonValue.float(factor).literal) after \(patience) epochs without improvement)"
        }
        let now = t.currentLearningRate == o.effectiveLearningRate ? ""
            : " The schedule had brought the rate to \(PythonValue.float(t.currentLearningRate).literal) in the session; the script starts it afresh."
        return "\(optimizer), \(t.loss.rawValue)\(kl), \(metrics), batches of \(t.batchSize), \(t.epochs) epoch\(t.epochs == 1 ? "" : "s") "
            + "by default (--epochs), \(schedule).\(now)"
    }

    /// The constants both scripts read, and the LAYERS table.
    static func settings(_ plan: ExportPlan) -> [String] {
        let t = plan.training
        var out = ["HERE = os.path.dirname(os.path.abspath(__file__))",
                   "WEIGHTS = os.path.join(HERE, \(PythonValue.quoted(plan.weightsName)))   # the session's weights (Gradbook's names and layouts)"]
        if let data = plan.dataName {
            out.append("DATA = os.path.join(HERE, \(PythonValue.quoted(data)))   # the session's examples, split by split")
        }
        out += ["SEED = \(t.seed)",
                "EPOCHS = \(t.epochs)",
                "BATCH_SIZE = \(t.batchSize)",
                "SHUFFLE = \(PythonValue.bool(t.shuffle).literal)",
                "LOSS = \(PythonValue.quoted(t.loss.rawValue))",
                "METRICS = \(PythonValue.list(t.metrics.map { .string($0.name) }).literal)",
                "INPUT_SHAPE = \(PythonValue.shape(plan.inputShape).literal)",
                "CLASSES = \(plan.data.tokens || plan.data.classNames.count > 64 ? "\(plan.data.classNames.count)   # a token per class" : PythonValue.list(plan.data.classNames.map { .string($0) }).literal)",
                "TOTAL_PARAMS = \(plan.totalParameters)",
                "",
                "# Gradbook's `summary`, row by row: name, Keras class, output shape (no batch axis), parameters, hyper-parameters",
                "# (Keras's argument names; a nested model's or residual body's rows under \"layers\").",
                "LAYERS = ["]
        out += plan.table.map { "    " + $0.literal + "," }
        out.append("]")
        return out
    }

    /// `text` as comment lines after `label` (padded to 9 columns), continued under the text.
    static func wrap(_ label: String, _ text: String, width: Int = 100) -> [String] {
        let lead = label.isEmpty ? "# " : "# " + label.padding(toLength: max(label.count + 1, 9), withPad: " ", startingAt: 0)
        let indent = label.isEmpty ? "# " : "# " + String(repeating: " ", count: max(label.count + 1, 9))
        var lines: [String] = []
        var line = lead
        for word in text.split(separator: " ") {
            if line.count + word.count > width, line != lead, line != indent {
                lines.append(String(line.dropLast()))
                line = indent
            }
            line += word + " "
        }
        lines.append(String(line.dropLast()))
        return lines
    }
}
