import Canvas
import Foundation
import TensorRuntime
import NeuralNet

extension Interpreter {
    func stats(_ spec: Stats, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let grads = spec.kind.value == .grads
        var layers = Array(m.model.layers.indices)
        if let ref = spec.layer { layers = [try layerIndex(ref, in: m.model)] }
        var rows: [[String]] = []
        // The zeros column shows only when a weight matrix or table holds exact zeros (pruned, or made sparse):
        // not for biases (a dead ReLU unit keeps its bias at 0) nor for gradients (dead units give zero columns).
        var anyZero = false
        for i in layers {
            let layer = m.model.layers[i]
            for p in layer.parameters {
                let values: [Float]
                if grads {
                    guard let g = p.tensor.grad else { continue }
                    values = g.array
                } else {
                    values = p.tensor.array
                }
                let s = Statistics(values)
                let numbers = [s.mean, s.std, s.min, s.max, s.norm].map(Statistics.short)
                let zeroCount = values.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
                anyZero = anyZero || (!grads && p.tensor.shape.count >= 2 && zeroCount > 0)
                rows.append(["\(layer.name).\(p.name)", p.tensor.shape.map(String.init).joined(separator: "x")] + numbers
                            + [Interpreter.percentText(Double(zeroCount) / Double(max(values.count, 1)))])
            }
        }
        if rows.isEmpty {
            let why = grads ? "no gradients yet - they appear after a training step (`step batch`)" : "no weights (the layers have no parameters)"
            return [.text(why, style: .note)]
        }
        let headers = ["tensor", "shape", "mean", "std", "min", "max", "norm"] + (anyZero ? ["zeros"] : [])
        return [.table(TableBlock(title: "\(grads ? "gradients" : "weights") of \(m.name)", headers: headers,
                                  rows: anyZero ? rows : rows.map { Array($0.dropLast()) }))]
    }

    func showWeights(_ ref: Located<LayerRef>, units: Int) throws -> [OutputBlock] {
        let m = try requireModel(at: ref.range)
        let index = try layerIndex(ref, in: m.model)
        let layer = m.model.layers[index]
        guard let w = layer.parameters.first(where: { $0.name == "kernel" || $0.name == "embeddings" || $0.name == "gamma" }) else {
            throw NotebookError("\(layer.name) (\(layer.typeName)) has no weights", at: ref.range, hint: "choose a conv2d, dense or normalisation layer")
        }
        if let pictures = unitPictures(of: w.tensor, layerIndex: index, in: m.model, units: units, name: "\(layer.name).\(w.name)") {
            return [pictures]
        }
        let t = w.tensor, cols = t.shape.last ?? 1, rows = t.count / max(cols, 1)
        let v = t.array.map(Double.init)
        let matrix = (0..<rows).map { r in Array(v[r * cols ..< (r + 1) * cols]) }
        let title = "\(layer.name).\(w.name) \(t.shape.map(String.init).joined(separator: "x")) as \(rows)x\(cols) (rows: inputs, columns: outputs)"
        return [.heatmap(HeatmapBlock(title: title, values: matrix, centeredAtZero: true))]
    }

    /// A dense kernel (inputs, units) read straight off the image (only parameter-free layers such as
    /// flatten before it) as one picture per unit in the input's shape; nil for any other weights.
    private func unitPictures(of kernel: Tensor, layerIndex: Int, in model: Sequential, units: Int, name: String) -> OutputBlock? {
        let input = model.inputShape
        guard kernel.rank == 2, input.count == 3, input[2] == 1 || input[2] == 3,
              kernel.shape[0] == input[0] * input[1] * input[2],
              model.layers[..<layerIndex].allSatisfy({ $0.parameters.isEmpty }) else { return nil }
        let (height, width, channels) = (input[0], input[1], input[2])
        let outputs = kernel.shape[1]
        let shown = min(units, outputs)
        let values = kernel.array
        let images = (0..<shown).map { unit -> ImageGridBlock.Image in
            let weights = (0..<kernel.shape[0]).map { values[$0 * outputs + unit] }
            return ImageGridBlock.Image(pixels: WeightPicture.signed(weights, channels: channels), width: width, height: height,
                                        channels: 3, caption: String(unit + 1))
        }
        let title = "\(name) \(kernel.shape[0])x\(outputs): units 1-\(shown) of \(outputs) as \(height)x\(width) pictures "
            + (channels == 1 ? "(light red positive, dark blue negative, grey zero)" : "(each channel: bright positive, dark negative)")
        return .images(ImageGridBlock(title: title, images: images))
    }

    func showFilters(_ ref: Located<LayerRef>) throws -> [OutputBlock] {
        let m = try requireModel(at: ref.range)
        guard let conv = m.model.layers[try layerIndex(ref, in: m.model)] as? Conv2D, let k = conv.kernel else {
            throw NotebookError("filters belong to conv2d layers", at: ref.range,
                                hint: "choose one of " + m.model.layers.filter { $0 is Conv2D }.map(\.name).joined(separator: ", "))
        }
        // kernel (KH, KW, C, F): each filter a KH x KW picture, enlarged so that a 3x3 filter takes 6x3 cells.
        let kh = k.shape[0], kw = k.shape[1], c = k.shape[2], f = k.shape[3]
        let values = k.array
        let factor = WeightPicture.enlargement(width: kw, height: kh)
        let colour = c == 3
        let images = (0..<f).map { fi -> ImageGridBlock.Image in
            var px = [Float](repeating: 0, count: kh * kw * (colour ? 3 : 1))
            for y in 0..<kh {
                for x in 0..<kw {
                    for ch in 0..<c {
                        let v = values[((y * kw + x) * c + ch) * f + fi]
                        if colour {
                            px[(y * kw + x) * 3 + ch] = v
                        } else {
                            px[y * kw + x] += v / Float(c)
                        }
                    }
                }
            }
            let scaled = colour ? WeightPicture.perChannel(px) : WeightPicture.range(px)
            let big = WeightPicture.enlarged(scaled, width: kw, height: kh, channels: colour ? 3 : 1, factor: factor)
            return ImageGridBlock.Image(pixels: big, width: kw * factor, height: kh * factor, channels: colour ? 3 : 1,
                                        caption: String(fi + 1))
        }
        let how = colour ? "in colour (RGB weights, grey = zero)" : "averaged over \(c) channel\(c == 1 ? "" : "s"), dark = negative"
        return [.images(ImageGridBlock(title: "\(f) filters of \(conv.name) (\(kh)x\(kw), \(how))", images: images))]
    }

    /// `show activations LAYER [sample=N]`: the layer's outputs for a test image (a training image when the
    /// data has no test split). Pictures only: other data is told by name.
    func showActivations(_ spec: ShowActivations) throws -> [OutputBlock] {
        let m = try requireModel(at: spec.layer.range)
        let entry = try requireData(at: spec.layer.range)
        let i = try layerIndex(spec.layer, in: m.model)
        let images = try self.images(entry, for: "show activations", at: spec.layer.range)
        let data = images.test ?? images.train
        guard spec.sample.value >= 0 && spec.sample.value < data.count else {
            throw NotebookError("sample \(spec.sample.value) is outside the \(images.test == nil ? "training" : "test") set (0...\(data.count - 1))", at: spec.sample.range)
        }
        let x = Tensor(data.image(at: spec.sample.value), shape: [1] + data.sampleShape)
        let context = ForwardContext(training: false)
        let out: Tensor = try guarded(at: spec.layer.range) {
            try GradMode.off {
                var h = x
                for layer in m.model.layers[0...i] { h = try layer(h, context) }
                return h
            }
        }
        let layer = m.model.layers[i]
        let title = "activations of \(layer.name) for \(images.test == nil ? "training" : "test") image #\(spec.sample.value) (\(entry.classNames[Int(data.labels[spec.sample.value])]))"
        if out.rank == 4 {
            let h = out.shape[1], w = out.shape[2], c = out.shape[3], p = out.buffer.pointer
            let images = (0..<c).map { ch -> ImageGridBlock.Image in
                var px = (0..<(h * w)).map { p[$0 * c + ch] }
                let lo = px.min() ?? 0, hi = px.max() ?? 1
                px = px.map { hi > lo ? ($0 - lo) / (hi - lo) : 0 }
                return ImageGridBlock.Image(pixels: px, width: w, height: h, channels: 1, caption: "\(ch + 1)")
            }
            return [.images(ImageGridBlock(title: title + " - \(c) channels of \(h)x\(w)", images: images))]
        }
        let v = out.array.map(Double.init)
        let cols = min(v.count, 32)
        let matrix = stride(from: 0, to: v.count, by: cols).map { Array(v[$0 ..< min($0 + cols, v.count)]) + Array(repeating: 0, count: max(0, $0 + cols - v.count)) }
        return [.heatmap(HeatmapBlock(title: title + " - \(v.count) values, \(cols) per row", values: matrix))]
    }

    func chart(_ spec: Chart, at range: SourceRange) throws -> [OutputBlock] {
        if !spec.models.isEmpty { return try compareChart(spec) }
        let log = spec.log?.value ?? false
        let (m, t) = try requireTrainer(at: range)
        guard !t.batchLosses.isEmpty else { return [.text("nothing to chart yet - train with `step` first", style: .note)] }
        var blocks: [OutputBlock] = []
        switch spec.metric.value {
        case .loss:
            if !t.history.isEmpty {
                var series = [ChartBlock.Series(name: "train", values: t.history.map(\.loss))]
                if t.history.contains(where: { $0.validationLoss != nil }) {
                    series.append(ChartBlock.Series(name: "validation", values: t.history.map { $0.validationLoss ?? .nan }))
                }
                blocks.append(.chart(ChartBlock(title: "\(m.name): loss per epoch", xLabel: "epoch", series: series, logScale: log)))
            }
            let smooth = spec.smooth.value
            var series = [ChartBlock.Series(name: "batch loss", values: t.batchLosses)]
            if smooth > 0 { series.append(ChartBlock.Series(name: "smoothed \(spec.smooth.text)", values: smoothed(t.batchLosses, smooth))) }
            blocks.append(.chart(ChartBlock(title: "\(m.name): loss per batch", xLabel: "batch", series: series, logScale: log)))
        case .accuracy, .perplexity:
            let name = spec.metric.value.rawValue
            guard !t.history.isEmpty, t.history[0].metrics[name] != nil else {
                return [.text("no \(name) per epoch yet - compile with metrics=\(name) and finish an epoch", style: .note)]
            }
            var series = [ChartBlock.Series(name: "train", values: t.history.map { $0.metrics[name] ?? .nan })]
            if t.history.contains(where: { $0.validationMetrics[name] != nil }) {
                series.append(ChartBlock.Series(name: "validation", values: t.history.map { $0.validationMetrics[name] ?? .nan }))
            }
            blocks.append(.chart(ChartBlock(title: "\(m.name): \(name) per epoch", xLabel: "epoch", series: series, logScale: log)))
        }
        return blocks
    }

    /// Exponential moving average with bias correction (as TensorBoard smooths); non-finite
    /// values pass through and do not move the average.
    func smoothed(_ v: [Double], _ weight: Double) -> [Double] {
        var last = 0.0, debias = 1.0
        return v.map { x in
            guard x.isFinite else { return x }
            last = last * weight + (1 - weight) * x
            debias *= weight
            return last / (1 - debias)
        }
    }
}

/// Summary statistics of a weight or gradient tensor.
struct Statistics {
    /// A value in at most 7 columns so the seven columns of `stats` fit 80: three significant
    /// digits (`0.0858`, `-0.144`, `16`), or two and an exponent below 0.01 (`-7.9e-3`).
    static func short(_ value: Double) -> String {
        let magnitude = Swift.abs(value)
        guard value.isFinite, magnitude != 0, magnitude < 0.01 else { return NumberFormat.compact(value) }
        var mantissa = magnitude
        var exponent = 0
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        var digits = NumberFormat.fixed(mantissa, decimals: 1)
        if digits == "10.0" {
            digits = "1.0"
            exponent += 1
        }
        if digits.hasSuffix(".0") { digits.removeLast(2) }
        return (value < 0 ? "-" : "") + digits + "e" + String(exponent)
    }

    var mean = 0.0, std = 0.0, min = 0.0, max = 0.0, norm = 0.0
    init(_ values: [Float]) {
        guard !values.isEmpty else { return }
        var s = 0.0, sq = 0.0, lo = Double.infinity, hi = -Double.infinity
        for v in values { let d = Double(v); s += d; sq += d * d; lo = Swift.min(lo, d); hi = Swift.max(hi, d) }
        let n = Double(values.count)
        mean = s / n; std = (Swift.max(sq / n - mean * mean, 0)).squareRoot(); min = lo; max = hi; norm = sq.squareRoot()
    }
}
