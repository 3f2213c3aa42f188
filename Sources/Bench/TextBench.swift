import Foundation
import TensorRuntime
import NeuralNet
import Notebook

/// The language models `gradbook bench` trains: `shared/peers/torch_lm.py`'s character-level GPT and LSTM
/// on `tang300` (context 64, Adam 1e-3), made by the notebook's own lines so the figures are the
/// notebook's. An epoch is every training window once; the figures are seconds per epoch, tokens per
/// second and the validation perplexity after training.
enum TextBench {
    /// The corpus both models train on (Debian's fortunes-zh).
    static let corpus = "tang300"
    /// Tokens per window.
    static let context = 64

    static var models: [BenchModel] { [
        BenchModel(name: "gpt", title: "char GPT on \(corpus): 4 causal blocks, d 128, 4 heads, MLP 512, context \(context)", batches: [64],
                   text: ["embedding vocab 128", "positional learned"]
                       + Array(repeating: "transformer 4 512 causal=on", count: 4)
                       + ["layernorm", "dense vocab softmax"]),
        BenchModel(name: "lstm", title: "char LSTM on \(corpus): embedding 64, lstm 256, context \(context)", batches: [64],
                   text: ["embedding vocab 64", "lstm 256 return_sequences=on", "dense vocab softmax"]),
    ] }

    /// A session with the corpus loaded and `model`'s layers built and compiled at `batch`.
    static func session(_ model: BenchModel, batch: Int) throws -> Interpreter {
        let interpreter = Interpreter()
        let lines = ["seed 1", "load text corpus \(corpus) context=\(context)", "model"] + (model.text ?? [])
            + ["compile lr=1e-3 metrics=perplexity", "batch \(batch)"]
        for (number, line) in lines.enumerated() {
            do {
                _ = try interpreter.execute(line: line, lineNumber: number + 1)
            } catch {
                throw BenchError("\(model.name): `\(line)` failed: \(error)",
                                 hint: "the corpus comes with Debian's fortunes-zh (make run installs it)")
            }
        }
        return interpreter
    }

    /// The model `session` builds (for its weight count).
    static func build(_ model: BenchModel) throws -> Sequential {
        guard let built = try session(model, batch: 64).session.modelEntry?.model else {
            throw BenchError("\(model.name) built no model", hint: "check its lines in TextBench.models")
        }
        return built
    }
}

extension Benchmark {
    /// Trains a language model for `epochs` epochs (mean seconds per epoch, page faults as for the image
    /// models), then its validation loss and perplexity, memory split and one step's profile.
    func measureTextRun(_ model: BenchModel, batch: Int) throws -> ModelRun {
        Buffer.releaseCached()
        ResourceUsage.resetPeak()
        let interpreter = try TextBench.session(model, batch: batch)
        guard let entry = interpreter.session.modelEntry, let trainer = entry.trainer,
              let text = interpreter.session.data?.text else {
            throw BenchError("\(model.name): no compiled model or text after its lines", hint: "check its lines in TextBench.models")
        }
        let train = text.train
        let (measured, faults) = try timedEpochs(trainer, on: train, batch: batch)
        let validation = try trainer.evaluate(text.validation)
        let profile = profileSteps > 0 ? try Profiler.profile(trainer, on: train, batch: batch, steps: profileSteps) : nil
        let dataBytes = (train.tokens.count + text.validation.tokens.count) * MemoryLayout<Int32>.size
        let memory = try memorySplit(entry.model, batch: min(batch, train.count), dataBytes: dataBytes)
        return ModelRun(model: model.name, batch: batch, images: train.count, measuredSeconds: measured, epochSeconds: measured,
                        testAccuracy: validation.metrics["accuracy"] ?? 0, minorFaultsPerEpoch: faults, memory: memory,
                        profile: profile, tokensPerExample: train.context,
                        validationPerplexity: validation.metrics["perplexity"] ?? exp(validation.loss))
    }
}
