import Foundation
import NeuralNet
import TensorRuntime

// `generate`: the current model writes tokens one at a time.
extension Interpreter {
    /// Runs the model on the last T tokens (fewer at the start, left-aligned, the rest padded with the
    /// start token: a causal model's output at position n-1 never sees them), draws the next token from
    /// its output at the last real position, and repeats `count` times, emitting the text after each
    /// token. Returns the finished stream and a line with the settings and the speed.
    func generate(_ spec: Generate, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let data = try requireData(at: range)
        guard let codec = data.source.codec else {
            throw NotebookError("'\(data.name)' holds \(data.source.kind), not tokens: there is nothing to generate", at: range,
                                hint: "load token data, e.g. `load text corpus fortunes` or `load sequences reverse`")
        }
        let model = m.model
        guard !model.layers.isEmpty else {
            throw NotebookError("model '\(m.name)' has no layers", at: range, hint: "add layers, e.g. `embedding vocab 64`")
        }
        let context = model.inputShape.count == 1 ? model.inputShape[0] : 0
        let vocabulary = codec.vocabularySize
        guard context > 0, model.outputShape == [context, vocabulary] else {
            throw NotebookError("generate needs a model from \(context > 0 ? context : 1) token ids to a score for each of the \(vocabulary) tokens at every position, "
                                + "but '\(m.name)' maps \(ModelSummary.describe(model.inputShape)) to \(ModelSummary.describe(model.outputShape))", at: range,
                                hint: "end it with `dense vocab softmax` on a sequence (no flatten)")
        }
        let everyLayer = model.layers.flatMap { top in [(top.name, top)] + top.descendants.map { (top.name + "." + $0.path, $0.layer) } }
        if let (path, _) = everyLayer.first(where: { ($0.1 as? MultiHeadAttention)?.causal == false }) {
            throw NotebookError("'\(path)' attends to later tokens (causal=off), so the model saw each token it predicts while it trained", at: range,
                                hint: "make the attention causal: `replace \(path.split(separator: ".").first ?? "LAYER") ... causal=on` and train again")
        }
        let activation = model.finalActivation
        guard activation == .softmax || activation == .linear else {
            throw NotebookError("the model ends in \(activation.rawValue), not a distribution over tokens", at: range,
                                hint: "end it with `dense vocab softmax` (or linear scores)")
        }
        var tokens: [Int]
        let promptText: String
        var promptTokens: [Int] = []
        if let prompt = spec.prompt {
            do { tokens = try codec.encode(prompt.value) } catch {
                throw NotebookError(error.message, at: prompt.range, hint: error.hint)
            }
            guard !tokens.isEmpty else {
                throw NotebookError("the prompt holds no token", at: prompt.range, hint: "leave prompt= out to start from \(codec.decode([codec.startToken]) == "\n" ? "a new line" : "token \(codec.startToken)")")
            }
            promptText = codec.decode(tokens)
            promptTokens = tokens
        } else {
            tokens = [codec.startToken]
            promptText = ""
        }
        let sampler = TokenSampler(temperature: spec.temperature.value, topK: spec.topK.value)
        var rng = SeededGenerator.derived(seed: spec.seed.map { UInt64($0.value) } ?? session.seed, stream: 0x6E6E)
        let forward = ForwardContext(training: false)
        let input = Tensor(zeros: [1, context])
        let promptCount = tokens.count
        let start = Date()
        var generated: [Int] = []
        for _ in 0..<spec.count.value {
            if stop.isRequested { break }
            let window = tokens.suffix(context)
            let pointer = input.buffer.pointer
            for t in 0..<context { pointer[t] = Float(t < window.count ? window[window.startIndex + t] : codec.startToken) }
            let out = try GradMode.off { try model.forward(input, forward, logits: activation == .softmax) }
            let row = UnsafeBufferPointer(start: out.buffer.pointer + (window.count - 1) * vocabulary, count: vocabulary)
            let next = sampler.sample(row, logits: true, rng: &rng)
            tokens.append(next)
            generated.append(next)
            emit(.stream(StreamBlock(prompt: promptText, text: Self.continuation(codec, promptTokens, promptText, generated), done: false)))
        }
        let seconds = Date().timeIntervalSince(start)
        var settings = "\(generated.count) tokens after \(promptCount), temperature \(spec.temperature.text)"
        if spec.topK.value > 0 { settings += ", top_k \(spec.topK.value)" }
        settings += ", seed \(spec.seed.map { String($0.value) } ?? String(session.seed))"
        settings += String(format: " (%.1f ms/token)", 1000 * seconds / Double(max(generated.count, 1)))
        if generated.count < spec.count.value { settings += "; stopped" }
        return [.stream(StreamBlock(prompt: promptText, text: Self.continuation(codec, promptTokens, promptText, generated), done: true)),
                .text(settings, style: .note)]
    }

    /// The text the generated tokens add after the prompt's, as the codec writes the whole (a separator
    /// between a numbered prompt and what follows included).
    static func continuation(_ codec: any TokenCodec, _ prompt: [Int], _ promptText: String, _ generated: [Int]) -> String {
        guard !prompt.isEmpty else { return codec.decode(generated) }
        let whole = codec.decode(prompt + generated)
        return whole.hasPrefix(promptText) ? String(whole.dropFirst(promptText.count)) : codec.decode(generated)
    }
}
