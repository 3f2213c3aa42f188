import Foundation
import TensorRuntime
import NeuralNet

extension Interpreter {
    func prune(_ spec: Prune, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let indices = spec.isAll(session) ? Array(m.model.layers.indices) : [try layerIndex(spec.layer, in: m.model)]
        guard !m.model.prunableWeights(layers: indices).isEmpty else {
            let what = spec.isAll(session) ? "model '\(m.name)' has" : "\(m.model.layers[indices[0]].name) has"
            throw NotebookError("\(what) no kernel or embedding to prune", at: spec.layer.range,
                                hint: "prune a dense, conv2d or embedding layer (biases and normalisation weights are not pruned)")
        }
        let results = m.model.prune(layers: indices, percent: spec.percent.value)
        let rows = results.map { r in
            [r.name, ModelSummary.grouped(r.count), ModelSummary.grouped(r.zeroed), Interpreter.percentText(Double(r.zeroed) / Double(max(r.count, 1)))]
        }
        return [.table(TableBlock(title: "pruned \(m.name) by magnitude: \(NumericRange.format(spec.percent.value))% of each weight tensor",
                                  headers: ["tensor", "values", "zeroed", "zero share"], rows: rows,
                                  footer: ["masks keep these values at zero through `train` and `step`"]))]
    }

    func quantize(_ spec: Quantize, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        if spec.mode.value == .off {
            guard m.model.quantization != nil else { return [.text("model '\(m.name)' already runs in float", style: .note)] }
            m.model.quantization = nil
            return [.text("model '\(m.name)' runs its float weights again", style: .success)]
        }
        guard m.model.layers.contains(where: NeuralNet.Sequential.isQuantizable) else {
            throw NotebookError("model '\(m.name)' has no dense or conv2d layer to quantise", at: range,
                                hint: "int8 covers top-level dense and conv2d layers")
        }
        let entry = try requireData(at: range)
        let data = try examples(entry, Located(.train, range: spec.calibrate.range, text: "train"))
        let count = min(spec.calibrate.value, data.count)
        guard count > 0 else { throw NotebookError("the training split is empty: nothing to calibrate on", at: spec.calibrate.range) }
        let width = TensorRuntime.Shape.count(data.sampleShape)
        var batches: [Tensor] = []
        for start in stride(from: 0, to: count, by: Quantize.calibrationBatch) {
            let n = min(Quantize.calibrationBatch, count - start)
            let buffer = Buffer(count: n * width)
            for i in 0..<n {
                try guarded(at: range) {
                    try data.loadExample(start + i, into: UnsafeMutableBufferPointer(start: buffer.pointer + i * width, count: width))
                }
            }
            batches.append(Tensor(shape: [n] + data.sampleShape, buffer: buffer))
        }
        let q = try guarded(at: range) { try m.model.quantize(spec.per.value.engine, calibration: batches) }
        let rows = m.model.layers.indices.compactMap { i -> [String]? in
            let layer = m.model.layers[i]
            guard let state = q.layers[layer.name] else { return nil }
            let scales = state.weights.scales
            let range = scales.count == 1 ? format(Double(scales[0])) : "\(format(Double(scales.min() ?? 0)))...\(format(Double(scales.max() ?? 0)))"
            return [layer.name, "\(scales.count)", range, format(Double(state.inputScale) * 127)]
        }
        return [.table(TableBlock(title: "quantised \(m.name) to int8 (per \(spec.per.value.rawValue), \(count) calibration examples)",
                                  headers: ["layer", "scales", "weight scale", "input range ±"], rows: rows,
                                  footer: ["evaluate, predict and confusion now run these layers in int8; other layers in float",
                                           "`quantize off` returns to the float weights"]))]
    }

    /// `0.8` -> `80.0%`.
    static func percentText(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
}
