// Per-chunk partial sums of a convolution's weight and bias gradients.

/// A convolution's backward accumulates its weight gradient (and bias gradient) per chunk of images into
/// these partials; `finish` adds them in chunk order, so the result does not depend on which thread ran
/// which chunk. w: chunks x `values` (written by the first block of each chunk with beta 0, so not
/// zeroed); b: chunks x F, zeroed.
struct ConvGradientParts {
    let w: SharedPointer<Float>?
    let b: SharedPointer<Float>?
    private let wBuffer: Buffer?
    private let bBuffer: Buffer?
    private let chunks: Int
    private let values: Int
    private let filters: Int

    /// Partials for the gradients `w` and `b` need (none for a tensor that needs no gradient); `filters`
    /// is the bias length (by default the weights' last axis, as in conv2d's (KH,KW,C,F)).
    init(w weights: Tensor, b bias: Tensor?, chunks: Int, values: Int, filters: Int? = nil) {
        self.chunks = chunks
        self.values = values
        self.filters = filters ?? weights.shape.last ?? 0
        wBuffer = weights.requiresGrad ? Buffer(count: chunks * values) : nil
        bBuffer = bias?.requiresGrad ?? false ? Buffer.zeroed(chunks * self.filters) : nil
        w = wBuffer.map { SharedPointer($0.pointer) }
        b = bBuffer.map { SharedPointer($0.pointer) }
    }

    /// w.grad += the weight partials, b.grad += the bias partials, each summed in chunk order.
    func finish(w weights: Tensor, b bias: Tensor?) {
        if let wBuffer { Self.addBlocks(wBuffer.pointer, blocks: chunks, size: values, into: weights.gradPointer()) }
        if let bBuffer, let bias { Self.addBlocks(bBuffer.pointer, blocks: chunks, size: filters, into: bias.gradPointer()) }
    }

    /// into (size) += the sum of `blocks` consecutive partials of `size` values, in block order.
    static func addBlocks(_ parts: UnsafeMutablePointer<Float>, blocks: Int, size: Int, into out: UnsafeMutablePointer<Float>) {
        for blk in 0..<blocks {
            let p = parts + blk * size
            for i in 0..<size { out[i] += p[i] }
        }
    }
}
