import Foundation
import Datasets
import NeuralNet

extension Interpreter {
    /// `export keras|pytorch FILE.py`: the plan of the current model, training setup and data, written as
    /// FILE.data.safetensors (data that exists only in the session), FILE.safetensors (the weights and the
    /// check examples) and FILE.py, each atomically, the script last.
    func exportScript(_ framework: ExportFramework, file: Located<String>, epochs: Located<Int>?, at range: SourceRange) throws -> [OutputBlock] {
        let path = file.value
        let name = (path as NSString).lastPathComponent
        guard path.hasSuffix(".py"), name.count > 3 else {
            throw NotebookError("export \(framework.rawValue) writes a Python script; '\(path)' does not end in .py", at: file.range,
                                hint: "name the file like out/model.py (the weights go beside it as out/model.safetensors)")
        }
        let (m, trainer) = try requireTrainer(at: range)
        guard m.model.quantization == nil else {
            throw NotebookError("model '\(m.name)' runs int8 kernels, which \(framework.title) layers do not have", at: range,
                                hint: "export the float model: `load weights` a float checkpoint saved before `quantize`, then export")
        }
        let entry = try requireData(at: range)
        let plan = try exportPlan(m, trainer, entry, framework: framework, file: path, epochs: epochs?.value, at: range)
        let text: String
        do {
            text = framework == .pytorch ? try PyTorchScript(plan: plan).text : try KerasScript(plan: plan).text
        } catch let e as UnexportableLayer {
            throw NotebookError(e.message, at: range, hint: e.hint)
        }
        let base = String(path.dropLast(3))
        do {
            if plan.data.needsDataFile {
                var metadata = ["format": "gradbook-data", "data": entry.name]
                if case let .text(_, context, stride, vocabulary) = plan.data.origin {
                    let json = try JSONSerialization.data(withJSONObject: vocabulary)
                    metadata["vocabulary"] = String(decoding: json, as: UTF8.self)
                    metadata["context"] = String(context)
                    metadata["stride"] = String(stride)
                }
                try Checkpoint.save(values: plan.data.storedValues, metadata: metadata, to: base + ".data.safetensors")
            }
            try Checkpoint.save(m.model, to: base + ".safetensors", metadata: ["model": m.name, "epochs": String(trainer.epochsDone)],
                                extra: try checkValues(trainer, entry))
            try AtomicFile.write(Data(text.utf8), to: path)
        } catch let error as FileWriteError {
            throw NotebookError(error, at: file.range)
        }
        var files = ["the weights to \(base).safetensors"]
        if plan.data.needsDataFile { files.append("the data to \(base).data.safetensors") }
        return [.text("wrote '\(m.name)' as a \(framework.title) script to \(path) (\(plan.layers.count) layers, "
                      + "\(ModelSummary.grouped(plan.totalParameters)) parameters), " + files.joined(separator: ", "), style: .success),
                .text("run it with `python3 \(path)`; `python3 \(path) --check` compares its outputs with Gradbook's", style: .note)]
    }

    /// The framework-neutral description of the export.
    private func exportPlan(_ m: ModelEntry, _ t: Trainer, _ entry: DataEntry, framework: ExportFramework, file: String,
                            epochs: Int?, at range: SourceRange) throws -> ExportPlan {
        let layers: [ExportedLayer]
        do {
            layers = try ExportedLayer.make(m.model.layers, inputShape: m.model.inputShape, prefix: "")
        } catch let e as UnexportableLayer {
            throw NotebookError(e.message, at: range, hint: e.hint)
        }
        let data: DataPlan
        do {
            data = try DataPlan.make(entry, log: session.log)
        } catch let e as DataPlan.Refusal {
            throw NotebookError(e.message, at: range, hint: e.hint)
        }
        let summary = m.model.summary
        let augmentation = m.augmentation.flatMap { $0.isIdentity ? nil : Self.describe($0) }
        let training = TrainingPlan(loss: t.loss, fused: t.loss.fusesOutput(m.model.finalActivation), optimizer: t.optimizer.config,
                                    metrics: t.metrics, batchSize: t.batchSize, epochs: epochs ?? max(t.epochsDone, 1),
                                    epochsDone: t.epochsDone, schedule: t.schedule, klWeight: t.klWeight, shuffle: t.shuffle,
                                    seed: session.seed, augmentation: augmentation, currentLearningRate: t.optimizer.learningRate)
        let name = (file as NSString).lastPathComponent
        let stem = String(name.dropLast(3))
        return ExportPlan(modelName: m.name, inputShape: m.model.inputShape, outputShape: m.model.outputShape, layers: layers,
                          totalParameters: summary.total, trainableParameters: summary.trainable,
                          outputLayerIndex: PyTorchModel.outputIndex(layers), training: training, data: data, scriptName: name,
                          weightsName: stem + ".safetensors", dataName: data.needsDataFile ? stem + ".data.safetensors" : nil,
                          checkCount: min(ExportScript.checkExamples, entry.trainingSet.count))
    }

    /// The first training examples and the model's outputs on them (inference mode), for the script's --check.
    private func checkValues(_ t: Trainer, _ entry: DataEntry) throws -> [NamedValues] {
        let data = entry.trainingSet
        let indices = Array(0..<min(ExportScript.checkExamples, data.count))
        let inputs = try BatchLoader(data: data).batch(indices[...]).inputs
        let outputs = try t.predict(data, indices: indices)
        return [NamedValues("__check__.inputs", shape: inputs.shape, floats: inputs.array),
                NamedValues("__check__.outputs", shape: outputs.shape, floats: outputs.array)]
    }
}
