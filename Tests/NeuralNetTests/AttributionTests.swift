import Testing
import TensorRuntime
import Datasets
import NeuralNet
import TestSupport

// Saliency and Grad-CAM: against finite differences and a hand computation, on a model trained on shapes,
// and proof that explaining a prediction changes nothing in the model.

/// A smooth model (tanh, so finite differences are exact enough): conv2d 3 3x3 tanh, flatten, dense 3 softmax.
private func smoothModel() throws -> Sequential {
    let m = try Sequential(inputShape: [5, 4, 2], seed: 11)
    try m.add(Conv2D(filters: 3, kernelSize: 3, activation: .tanh))
    try m.add(Flatten())
    try m.add(Dense(units: 3, activation: .softmax))
    return m
}

/// The logit of `classIndex` for one example.
private func logit(_ m: Sequential, _ x: [Float], _ classIndex: Int) throws -> Double {
    let out = try GradMode.off { try m.forward(Tensor(x, shape: [1] + m.inputShape), ForwardContext(training: false), logits: true) }
    return Double(out.array[classIndex])
}

@Test func saliencyIsTheNormalisedLargestAbsoluteGradientOverChannels() throws {
    let m = try smoothModel()
    let x = randomTensor([5 * 4 * 2], seed: 5, range: -1...1).array
    let map = try m.saliency(of: x, classIndex: 2)
    let eps: Float = 1e-2
    var raw = [Double](repeating: 0, count: 5 * 4)
    for pixel in 0..<20 {
        for c in 0..<2 {
            var up = x
            var down = x
            up[pixel * 2 + c] += eps
            down[pixel * 2 + c] -= eps
            let g = (try logit(m, up, 2) - logit(m, down, 2)) / Double(2 * eps)
            raw[pixel] = max(raw[pixel], abs(g))
        }
    }
    let top = raw.max() ?? 1
    #expect(map.height == 5 && map.width == 4 && map.classIndex == 2)
    for (got, want) in zip(map.values, raw.map { $0 / top }) {
        #expect(abs(Double(got) - want) < 2e-2, "saliency \(got) vs finite difference \(want)")
    }
    #expect(map.values.max() == 1)
}

@Test func gradCAMMatchesAHandComputation() throws {
    // 3x3x1 input, conv2d 2 filters 2x2 linear valid -> A (2, 2, 2), flatten, dense 2 softmax.
    let m = try Sequential(inputShape: [3, 3, 1], seed: 1)
    let conv = try Conv2D(filters: 2, kernelSize: 2)
    let dense = try Dense(units: 2, activation: .softmax)
    try m.add(conv)
    try m.add(Flatten())
    try m.add(dense)
    let kernel: [Float] = [1, -1, 0.5, 0.5, -0.5, 1, 2, 0]     // (KH, KW, C=1, F=2)
    setValues(conv.kernel, kernel)
    setValues(conv.bias, [0.1, -0.2])
    let w: [Float] = (0..<16).map { Float(($0 * 7) % 11) / 5 - 1 }   // (8 inputs, 2 units)
    setValues(dense.kernel, w)
    let x: [Float] = [0.2, 0.9, 0.1, 0.4, 0.6, 0.3, 0.8, 0.0, 0.5]
    // By hand: A[i, j, f] = bias[f] + sum over the 2x2 window; dScore/dA[p, f] = W[p * 2 + f, class].
    var a = [Float](repeating: 0, count: 8)
    for i in 0..<2 {
        for j in 0..<2 {
            for f in 0..<2 {
                var sum: Float = f == 0 ? 0.1 : -0.2
                for u in 0..<2 { for v in 0..<2 { sum += x[(i + u) * 3 + j + v] * kernel[(u * 2 + v) * 2 + f] } }
                a[(i * 2 + j) * 2 + f] = sum
            }
        }
    }
    let target = 1
    let alpha = (0..<2).map { f in (0..<4).map { w[($0 * 2 + f) * 2 + target] }.reduce(0, +) / 4 }
    let cam = (0..<4).map { p in max(0, alpha[0] * a[p * 2] + alpha[1] * a[p * 2 + 1]) }
    // Bilinear 2x2 -> 3x3 with half-pixel centres: corners keep their values, edges average two, the centre four.
    let c = cam
    let enlarged: [Float] = [c[0], (c[0] + c[1]) / 2, c[1],
                             (c[0] + c[2]) / 2, (c[0] + c[1] + c[2] + c[3]) / 4, (c[1] + c[3]) / 2,
                             c[2], (c[2] + c[3]) / 2, c[3]]
    let top = enlarged.max() ?? 1
    #expect(top > 0)
    let map = try m.gradCAM(of: x, layerPath: "conv2d_1", classIndex: target)
    #expect(map.classIndex == target && map.height == 3 && map.width == 3)
    for (got, want) in zip(map.values, enlarged.map { $0 / top }) {
        #expect(abs(got - want) < 1e-5, "grad-cam \(got) vs hand \(want)")
    }
}

@Test func explainingAPredictionChangesNothingInTheModel() throws {
    let m = try tinyCNN(dropout: 0.5, batchNorm: true)
    for (i, p) in m.namedParameters.enumerated() { randomize(p.parameter.tensor, seed: UInt64(i + 1), range: 0.1...0.9) }
    let before = weightSnapshot(m)
    let flags = m.namedParameters.map(\.parameter.tensor.requiresGrad)
    let x = randomTensor([12 * 12], seed: 9, range: 0...1).array
    let first = try m.saliency(of: x)
    let second = try m.saliency(of: x)
    let cam = try m.gradCAM(of: x, layerPath: "conv2d_1")
    #expect(first == second)   // dropout off: the same map twice
    #expect(identical(before, weightSnapshot(m)))
    #expect(m.namedParameters.map(\.parameter.tensor.requiresGrad) == flags)
    #expect(m.namedParameters.allSatisfy { $0.parameter.tensor.grad == nil })
    #expect(cam.predicted == first.predicted && abs(first.probabilities.reduce(0, +) - 1) < 1e-5)
}

@Test(arguments: [
    ("dense_1", "dense_1 outputs (4), not a feature map of height x width x channels", "choose a convolutional layer: conv2d_1, max_pooling2d_1"),
    ("conv2d_9", "no layer named 'conv2d_9'", "layers are conv2d_1, max_pooling2d_1, flatten_1, dense_1"),
])
func gradCAMRefusesLayersWithoutAFeatureMap(layer: String, message: String, hint: String) throws {
    let m = try tinyCNN()
    let error = thrownError { _ = try m.gradCAM(of: [Float](repeating: 0.5, count: 144), layerPath: layer) }
    let reported = try #require(error as? any ReportableError)
    #expect(reported.message == message)
    #expect(reported.hint == hint)
}

@Test func attributionRefusesAClassOutOfRangeAndNonImageModels() throws {
    let m = try tinyCNN()
    let error = thrownError { _ = try m.saliency(of: [Float](repeating: 0.5, count: 144), classIndex: 4) }
    #expect(error as? AttributionError == .classOutOfRange(4, classes: 4))
    let flat = try Sequential(inputShape: [6])
    try flat.add(Dense(units: 2, activation: .softmax))
    let notImage = thrownError { _ = try flat.saliency(of: [Float](repeating: 0, count: 6)) }
    #expect(notImage as? AttributionError == .notAnImage(inputShape: [6]))
}

@Test func gradCAMReachesALayerInsideAResidualBlock() throws {
    let m = try Sequential(inputShape: [8, 8, 1], seed: 3)
    try m.add(Conv2D(filters: 4, kernelSize: 3, padding: .same, activation: .relu))
    let body = try Sequential(inputShape: [8, 8, 4], seed: 4)
    try body.add(Conv2D(filters: 4, kernelSize: 3, padding: .same, activation: .relu))
    try m.add(Residual(body))
    try m.add(GlobalAveragePooling2D())
    try m.add(Dense(units: 2, activation: .softmax))
    #expect(m.featureMapLayers() == ["conv2d_1", "residual_1", "residual_1.conv2d_1"])
    let map = try m.gradCAM(of: randomTensor([64], seed: 2, range: 0...1).array, layerPath: "residual_1.conv2d_1")
    #expect(map.values.count == 64 && map.values.allSatisfy { $0 >= 0 && $0 <= 1 })
}

/// Where a shape image differs from its background (the most common value; the set is drawn without noise).
private func shapeMask(_ pixels: [Float]) -> [Bool] {
    var counts: [Float: Int] = [:]
    for p in pixels { counts[p, default: 0] += 1 }
    let background = counts.max { $0.value < $1.value }?.key ?? 0
    return pixels.map { abs($0 - background) > 0.05 }
}

@Test func gradCAMOfACNNTrainedOnShapesLiesOnTheShapes() throws {
    // Circles and squares, 16x16, drawn without noise so that the background is one value.
    let train = ArrayData(try Shapes.make(count: 480, classes: 2, size: 16, noise: 0, seed: 21))
    let test = try Shapes.make(count: 40, classes: 2, size: 16, noise: 0, seed: 22)
    let m = try Sequential(inputShape: [16, 16, 1], seed: 5)
    try m.add(Conv2D(filters: 8, kernelSize: 3, padding: .same, activation: .relu))
    try m.add(Pooling2D(.max, size: 2))
    try m.add(Conv2D(filters: 16, kernelSize: 3, padding: .same, activation: .relu))
    try m.add(GlobalAveragePooling2D())
    try m.add(Dense(units: 2, activation: .softmax))
    let trainer = Trainer(model: m, loss: .sparse_categorical_crossentropy,
                          optimizer: OptimizerConfig(kind: .adam, learningRate: 1e-2), batchSize: 32, seed: 1)
    for _ in 0..<14 { try trainer.trainEpoch(on: train, validation: nil) }
    var right = 0
    var onShape = 0
    for i in 0..<test.count {
        let image = test.image(at: i)
        let map = try m.gradCAM(of: image, layerPath: "conv2d_2")
        guard map.predicted == Int(test.labels[i]) else { continue }
        right += 1
        let mask = shapeMask(image)
        let inside = zip(map.values, mask).filter { $0.1 }.map(\.0)
        let outside = zip(map.values, mask).filter { !$0.1 }.map(\.0)
        let meanInside = inside.reduce(0, +) / Float(max(1, inside.count))
        let meanOutside = outside.reduce(0, +) / Float(max(1, outside.count))
        if meanInside > meanOutside { onShape += 1 }
    }
    #expect(right >= test.count * 3 / 4, "the CNN should learn the shapes: \(right) of \(test.count) right")
    #expect(onShape * 4 >= right * 3, "Grad-CAM heat lies on the shape for \(onShape) of \(right) images")
}

@Test func patchAttentionSpreadsTheClassTokensRowOverItsPatches() throws {
    // 2 heads, a 2x2 grid of 2x2 patches (a 4x4 image) and a class token: T = 5.
    var weights = [Float](repeating: 0, count: 2 * 5 * 5)
    let head0ClassRow: [Float] = [0.2, 0.4, 0.2, 0.1, 0.1]    // to [cls, p0, p1, p2, p3]
    let head1ClassRow: [Float] = [0.0, 0.1, 0.1, 0.1, 0.7]
    for k in 0..<5 {
        weights[k] = head0ClassRow[k]
        weights[25 + k] = head1ClassRow[k]
    }
    for q in 1..<5 { weights[q * 5 + q] = 1 }                  // head 0's patch rows attend to themselves
    let attention = Tensor(weights, shape: [1, 2, 5, 5])
    let grid = try #require(PatchAttention.grid(tokens: 5, height: 4, width: 4, classToken: true))
    #expect(grid.rows == 2 && grid.columns == 2)
    let maps = try PatchAttention.heatMaps(attention, grid: grid, classToken: true, query: .classToken, height: 4, width: 4)
    #expect(maps.count == 2)
    #expect(maps[0] == [1, 1, 0.5, 0.5, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25])
    #expect(maps[1][15] == 1 && maps[1][0] == Float(0.1) / Float(0.7))
    // Averaged over the five queries, head 0 gives patch p0 (0.4 + 1) / 5, p1..p3 (0.2 + 1) / 5 ...
    let mean = try PatchAttention.heatMaps(attention, grid: grid, classToken: true, query: .mean, height: 4, width: 4)
    #expect(abs(mean[0][2] - Float(1.2) / Float(1.4)) < 1e-6)
    #expect(PatchAttention.grid(tokens: 7, height: 4, width: 4, classToken: false) == nil)
    let wrong = thrownError { _ = try PatchAttention.heatMaps(attention, grid: grid, classToken: false, query: .mean, height: 4, width: 4) }
    #expect(wrong as? AttributionError == .attentionShape(shape: [1, 2, 5, 5], tokens: 4, classToken: false))
}
