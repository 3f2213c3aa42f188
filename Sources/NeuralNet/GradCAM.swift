import TensorRuntime

// Grad-CAM (Selvaraju et al. 2017): which parts of a feature map speak for a class. For a layer's output
// A [H', W', K] and the gradient G of the class score (the logit) with respect to it, each channel's weight
// is alpha_k = mean over H'W' of G[., ., k]; the map is ReLU(sum_k alpha_k A[., ., k]), enlarged bilinearly
// to the input's size and divided by its maximum.
extension Sequential {
    /// The Grad-CAM of one example over the layer at `layerPath` for `classIndex` (nil: the predicted class).
    ///
    /// - Parameters:
    ///   - example: one image, `inputShape` [H, W, C] values in NHWC order.
    ///   - layerPath: a layer whose output is a feature map [H', W', K] (`conv2d_2`, `residual_1.conv2d_1`).
    /// - Returns: an [H, W] map in [0, 1].
    /// - Throws: `ModelError.unknownLayer`, `AttributionError` (not a feature map, a class out of range, ...)
    ///   or a layer's error. Changes no weight, statistic, gradient or optimiser state.
    public func gradCAM(of example: [Float], layerPath: String, classIndex: Int? = nil) throws -> AttributionMap {
        let (height, width, _) = try imageInputShape()
        _ = try layer(atPath: layerPath)
        let shape = try featureMapShape(of: layerPath)
        guard shape.count == 3 else {
            throw AttributionError.notAFeatureMap(layer: layerPath, shape: shape, candidates: featureMapLayers())
        }
        let pass = try attributionPass(example, classIndex: classIndex, capture: layerPath, inputGradient: false)
        guard let activations = pass.captured else {
            throw AttributionError.notAFeatureMap(layer: layerPath, shape: shape, candidates: featureMapLayers())
        }
        let cam = Self.classActivationMap(activations.array, gradient: activations.gradArray,
                                          height: shape[0], width: shape[1], channels: shape[2])
        let enlarged = Self.bilinear(cam, height: shape[0], width: shape[1], toHeight: height, toWidth: width)
        return AttributionMap(height: height, width: width, values: AttributionMap.normalized(enlarged),
                              classIndex: pass.classIndex, predicted: pass.predicted,
                              probabilities: pass.probabilities, score: pass.score)
    }

    /// Paths of the layers whose output is a feature map [H', W', K] (conv2d, pooling, batch norm over
    /// images...): the layers Grad-CAM can look at, in model order.
    public func featureMapLayers() -> [String] {
        descendants.compactMap { entry in
            guard let shape = try? featureMapShape(of: entry.path), shape.count == 3 else { return nil }
            return entry.path
        }
    }

    /// The output shape (no batch axis) of the layer at `path`, found by walking the tree from the input.
    func featureMapShape(of path: String) throws -> [Int] {
        var shape = inputShape
        var found: [Int]?
        try walkShapes(layers, prefix: "", input: &shape, target: path, found: &found)
        guard let found else { throw ModelError.unknownLayer(path, known: descendants.map(\.path)) }
        return found
    }

    private func walkShapes(_ layers: [Layer], prefix: String, input shape: inout [Int], target: String, found: inout [Int]?) throws {
        for layer in layers where found == nil {
            let path = prefix + layer.name
            if target.hasPrefix(path + ".") {
                var inner = shape
                let kids = (layer as? Residual).map { ($0.body as? Sequential)?.layers ?? [$0.body] } ?? layer.children
                try walkShapes(kids, prefix: path + ".", input: &inner, target: target, found: &found)
            }
            shape = try layer.outputShape(for: shape)
            if path == target { found = shape }
        }
    }

    /// ReLU(sum_k alpha_k A_k) with alpha_k the mean of channel k's gradient; A and G are [h, w, k] row-major.
    static func classActivationMap(_ a: [Float], gradient g: [Float], height: Int, width: Int, channels: Int) -> [Float] {
        let area = height * width
        var alpha = [Float](repeating: 0, count: channels)
        for p in 0..<area {
            for k in 0..<channels { alpha[k] += g[p * channels + k] }
        }
        for k in 0..<channels { alpha[k] /= Float(max(1, area)) }
        var cam = [Float](repeating: 0, count: area)
        for p in 0..<area {
            var sum: Float = 0
            for k in 0..<channels { sum += alpha[k] * a[p * channels + k] }
            cam[p] = max(0, sum)
        }
        return cam
    }

    /// Bilinear resampling of an [h, w] map to [toHeight, toWidth], pixel centres aligned (half-pixel).
    static func bilinear(_ map: [Float], height: Int, width: Int, toHeight: Int, toWidth: Int) -> [Float] {
        guard height > 0, width > 0 else { return [Float](repeating: 0, count: toHeight * toWidth) }
        func source(_ i: Int, _ from: Int, _ to: Int) -> (Int, Int, Float) {
            let position = min(Float(from - 1), max(0, (Float(i) + 0.5) * Float(from) / Float(to) - 0.5))
            let low = Int(position)
            return (low, min(from - 1, low + 1), position - Float(low))
        }
        var out = [Float](repeating: 0, count: toHeight * toWidth)
        for y in 0..<toHeight {
            let (y0, y1, fy) = source(y, height, toHeight)
            for x in 0..<toWidth {
                let (x0, x1, fx) = source(x, width, toWidth)
                let top = map[y0 * width + x0] * (1 - fx) + map[y0 * width + x1] * fx
                let bottom = map[y1 * width + x0] * (1 - fx) + map[y1 * width + x1] * fx
                out[y * toWidth + x] = top * (1 - fy) + bottom * fy
            }
        }
        return out
    }
}
