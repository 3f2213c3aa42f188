/// Resizing 8-bit pictures, separably (rows, then columns).
///
/// Along an axis that shrinks, each output sample is the area average of the input samples it covers
/// (OpenCV's INTER_AREA, what a downscale needs to avoid aliasing); along an axis that grows or keeps
/// its size, it is bilinear between the two nearest samples with pixel centres aligned (half-pixel
/// offsets, as TensorFlow's `resize(..., antialias=False)` and Keras's `image_dataset_from_directory`).
/// Keeping the size is the identity. Results are rounded to the nearest byte.
public enum ImageResize {
    /// The interpolation along one axis.
    public enum Method: String, Sendable {
        /// Area averaging when shrinking, bilinear when growing.
        case automatic
        /// Always bilinear (a shrink then skips samples).
        case bilinear
    }

    /// `image` resized to `width` x `height` (both positive; throws `DatasetError.invalidArgument` otherwise).
    public static func resize(_ image: DecodedImage, width: Int, height: Int,
                              method: Method = .automatic) throws(DatasetError) -> DecodedImage {
        guard width > 0, height > 0, width <= 1 << 14, height <= 1 << 14 else {
            throw .invalidArgument("cannot resize to \(width)x\(height) pixels")
        }
        if width == image.width && height == image.height { return image }
        let c = image.channels
        let columns = weights(from: image.width, to: width, method: method)
        let rows = weights(from: image.height, to: height, method: method)
        // Pass 1: every input row resized horizontally (H x width x C floats).
        var horizontal = [Float](repeating: 0, count: image.height * width * c)
        image.pixels.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { target in
                for y in 0..<image.height {
                    let inRow = y * image.width * c
                    let outRow = y * width * c
                    for x in 0..<width {
                        for (index, weight) in columns[x] {
                            for k in 0..<c { target[outRow + x * c + k] += weight * Float(source[inRow + index * c + k]) }
                        }
                    }
                }
            }
        }
        // Pass 2: vertically, into bytes.
        var out = [UInt8](repeating: 0, count: height * width * c)
        let rowLength = width * c
        horizontal.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    for i in 0..<rowLength {
                        var sum: Float = 0
                        for (index, weight) in rows[y] { sum += weight * source[index * rowLength + i] }
                        target[y * rowLength + i] = UInt8(max(0, min(255, (sum).rounded())))
                    }
                }
            }
        }
        return DecodedImage(unchecked: width, height: height, channels: c, pixels: out)
    }

    /// For each of `m` output positions along an axis of `n` inputs: the inputs and their weights (summing to 1).
    static func weights(from n: Int, to m: Int, method: Method) -> [[(Int, Float)]] {
        let scale = Double(n) / Double(m)
        if m < n && method == .automatic {
            // Output i covers input interval [i*scale, (i+1)*scale).
            return (0..<m).map { i in
                let start = Double(i) * scale
                let end = Double(i + 1) * scale
                var taps: [(Int, Float)] = []
                var j = Int(start)
                while Double(j) < end && j < n {
                    let overlap = min(end, Double(j + 1)) - max(start, Double(j))
                    if overlap > 1e-9 { taps.append((j, Float(overlap / scale))) }
                    j += 1
                }
                return taps
            }
        }
        return (0..<m).map { i in
            let position = max(0, min(Double(n - 1), (Double(i) + 0.5) * scale - 0.5))
            let left = Int(position)
            let right = min(left + 1, n - 1)
            let t = Float(position - Double(left))
            return t == 0 || left == right ? [(left, Float(1))] : [(left, 1 - t), (right, t)]
        }
    }
}
