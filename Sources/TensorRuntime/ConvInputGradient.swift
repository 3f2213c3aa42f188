// The input gradient a convolution's backward writes, chunk by chunk.

/// dx (N,H,W,C) of a convolution's backward, or nothing when the input needs no gradient. When the
/// gradient is fresh (no earlier contribution), each chunk zeroes its own images before scattering into
/// them, so dx is not swept once more by a separate zero-fill.
struct ConvInputGradient {
    let base: SharedPointer<Float>?
    private let fresh: Bool
    private let imageValues: Int

    init(_ x: Tensor, _ g: ConvGeometry) {
        let write = x.requiresGrad ? x.gradPointerForWriting() : nil
        base = write.map { SharedPointer($0.pointer) }
        fresh = write?.fresh ?? false
        imageValues = g.h * g.w * g.c
    }

    /// Zeroes the gradient of `images` when it is fresh (call from the chunk that owns them).
    func prepare(images: Range<Int>) {
        guard let base, fresh else { return }
        (base.base + images.lowerBound * imageValues).update(repeating: 0, count: images.count * imageValues)
    }
}
