extension ImageDataset: ImageSource {
    /// The label of image `index`. O(1).
    public func label(at index: Int) throws(DatasetError) -> Int32 {
        try checkIndex(index)
        return labels[index]
    }

    /// Writes image `index` as H*W*C floats (byte / 255, or byte * `valueScale`) into `pixels`: the same values as
    /// `image(at:)`, bit for bit. O(H*W*C), no allocation for a set held
    /// as bytes; a file-backed image past the cache is decoded (and throws `badImage` when that fails).
    public func loadImage(at index: Int, into destination: UnsafeMutableBufferPointer<Float>) throws(DatasetError) {
        try checkIndex(index)
        let size = sampleSize
        guard destination.count >= size, let out = destination.baseAddress else {
            throw .invalidArgument("an image of '\(name)' needs \(size) floats, the buffer holds \(destination.count)")
        }
        try writeFloats(index, to: out)
    }
}
