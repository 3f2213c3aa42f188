extension ImageDataset {
    /// Gathers the images and labels at `indices` into caller-owned buffers, without allocating.
    ///
    /// Writes `indices.count * H*W*C` floats (bytes / 255, so in [0, 1]) into `pixels` in NHWC order
    /// and `indices.count` labels into `labels`, both from offset 0; anything beyond is left untouched.
    /// Meant for a training loop that reuses one batch buffer: O(indices.count * H*W*C), no heap traffic.
    ///
    /// - Precondition: every index is in `0..<count`, `pixels.count >= indices.count * sampleSize`
    ///   and `labels.count >= indices.count`.
    public func fill<C: Collection>(indices: C,
                                    pixels destination: UnsafeMutableBufferPointer<Float>,
                                    labels labelDestination: UnsafeMutableBufferPointer<Int32>)
        where C.Element == Int {
        let size = sampleSize
        precondition(destination.count >= indices.count * size,
                     "pixel buffer holds \(destination.count) floats, batch needs \(indices.count * size)")
        precondition(labelDestination.count >= indices.count,
                     "label buffer holds \(labelDestination.count) labels, batch needs \(indices.count)")
        guard let out = destination.baseAddress else { return }
        if files != nil || valueScale != nil {
            for (row, i) in indices.enumerated() {
                precondition(i >= 0 && i < count, "batch index \(i) out of range 0..<\(count)")
                do throws(DatasetError) {
                    try writeFloats(i, to: out + row * size)
                } catch {
                    (out + row * size).initialize(repeating: 0, count: size)
                }
                labelDestination[row] = labels[i]
            }
            return
        }
        pixels.withUnsafeBufferPointer { source in
            labels.withUnsafeBufferPointer { sourceLabels in
                guard let input = source.baseAddress else { return }
                var row = 0
                for i in indices {
                    precondition(i >= 0 && i < sourceLabels.count, "batch index \(i) out of range 0..<\(sourceLabels.count)")
                    let from = input + i * size
                    let to = out + row * size
                    for k in 0..<size { to[k] = ImageDataset.unit(from[k]) }
                    labelDestination[row] = sourceLabels[i]
                    row += 1
                }
            }
        }
    }
}
