import TensorRuntime

// Work estimates of the layers whose arithmetic dominates a step. The counts follow the kernels: a
// convolution is an im2col product, dense a matrix product, batch norm a few passes per value.

extension Conv2D: LayerCost {
    /// 2·N·OH·OW·F·KH·KW·C for the product, plus the bias and the activation per output value; the
    /// weight and input gradients are one product each. Bytes: input, weights, output and the im2col
    /// rows (written and read) forward; as much again backward.
    public func cost(inputShape: [Int], batch: Int) throws -> LayerWork {
        let out = try outputShape(for: inputShape)
        let outValues = LayerWork.product(batch, Shape.count(out))
        let patch = LayerWork.product(kernelSize, kernelSize, inputShape[2])
        let product = LayerWork.product(2, outValues, patch)
        let forward = Shape.saturatingSum(product, LayerWork.product(outValues, 2))
        let backward = trainsWeights ? LayerWork.product(product, 2) : product
        let rows = LayerWork.product(batch, out[0], out[1], patch)
        let values = [LayerWork.product(batch, Shape.count(inputShape)), try weightCount(inputShape: inputShape),
                      outValues, LayerWork.product(rows, 2)].reduce(0, Shape.saturatingSum)
        return LayerWork(forwardFLOPs: forward, backwardFLOPs: backward, inputGradientFLOPs: product,
                         bytes: Shape.saturatingProduct(LayerMemory.bytes(values: values), 2))
    }
}

extension Dense: LayerCost {
    /// 2·rows·D·units for the product (rows: every axis but the last, batch included), plus the bias and
    /// the activation; backward one product for the input gradient and one for the weights'.
    public func cost(inputShape: [Int], batch: Int) throws -> LayerWork {
        let out = try outputShape(for: inputShape)
        let d = inputShape.last ?? 0
        let rows = LayerWork.product(batch, Shape.count(Array(inputShape.dropLast())))
        let outValues = LayerWork.product(batch, Shape.count(out))
        let product = LayerWork.product(2, rows, d, units)
        let forward = Shape.saturatingSum(product, LayerWork.product(outValues, 2))
        let backward = trainsWeights ? LayerWork.product(product, 2) : product
        let values = [LayerWork.product(rows, d), try weightCount(inputShape: inputShape), outValues].reduce(0, Shape.saturatingSum)
        return LayerWork(forwardFLOPs: forward, backwardFLOPs: backward, inputGradientFLOPs: product,
                         bytes: Shape.saturatingProduct(LayerMemory.bytes(values: values), 2))
    }
}

extension BatchNormalization: LayerCost {
    /// Per value: mean and variance (3), normalise, scale and shift (4) forward; about 10 backward, 3 of
    /// them for gamma's and beta's gradients.
    public func cost(inputShape: [Int], batch: Int) throws -> LayerWork {
        let values = LayerWork.product(batch, Shape.count(try outputShape(for: inputShape)))
        return LayerWork(forwardFLOPs: LayerWork.product(values, 7), backwardFLOPs: LayerWork.product(values, 10),
                         inputGradientFLOPs: LayerWork.product(values, 7),
                         bytes: LayerMemory.bytes(values: LayerWork.product(values, 8)))
    }
}

extension Pooling2D: LayerCost {
    /// One comparison (or addition) per window value and output forward; one per output backward.
    public func cost(inputShape: [Int], batch: Int) throws -> LayerWork {
        let outValues = LayerWork.product(batch, Shape.count(try outputShape(for: inputShape)))
        let inValues = LayerWork.product(batch, Shape.count(inputShape))
        let work = LayerWork.elementwise(inputValues: inValues, outputValues: outValues, perValue: LayerWork.product(size, size))
        return LayerWork(forwardFLOPs: work.forwardFLOPs, backwardFLOPs: outValues, inputGradientFLOPs: outValues, bytes: work.bytes)
    }
}

extension Flatten: LayerCost {
    /// A view: nothing forward; backward adds the gradient through once.
    public func cost(inputShape: [Int], batch: Int) throws -> LayerWork {
        LayerWork.view(values: LayerWork.product(batch, Shape.count(try outputShape(for: inputShape))))
    }
}

extension Reshape: LayerCost {
    /// A view, like `Flatten`.
    public func cost(inputShape: [Int], batch: Int) throws -> LayerWork {
        LayerWork.view(values: LayerWork.product(batch, Shape.count(try outputShape(for: inputShape))))
    }
}

extension MultiHeadAttention: LayerCost {
    /// The four projections (as `Dense` counts them), then per head the scores Q·Kᵀ and the weighted sum
    /// A·V (2·T·T·N each) and about 5 operations per weight for the softmax; backward two products for each
    /// of those and about 3 per weight, all needed for the weights' gradients too.
    public func cost(inputShape: [Int], batch: Int) throws -> LayerWork {
        let (t, d, n) = try dimensions(inputShape)
        let width = Shape.saturatingProduct(heads, n)
        var total = LayerWork()
        for projection in [query, key, value] {
            total = total + (try (projection ?? Dense(units: width)).cost(inputShape: inputShape, batch: batch))
        }
        total = total + (try (output ?? Dense(units: d)).cost(inputShape: [t, width], batch: batch))
        let weights = LayerWork.product(batch, heads, t, t)
        let product = LayerWork.product(2, weights, n)
        let packed = LayerWork.product(batch, t, width)
        let values = [LayerWork.product(packed, 4), LayerWork.product(weights, 2)].reduce(0, Shape.saturatingSum)
        return total + LayerWork(forwardFLOPs: Shape.saturatingSum(LayerWork.product(product, 2), LayerWork.product(weights, 5)),
                                 backwardFLOPs: Shape.saturatingSum(LayerWork.product(product, 4), LayerWork.product(weights, 3)),
                                 bytes: Shape.saturatingProduct(LayerMemory.bytes(values: values), 2))
    }
}
