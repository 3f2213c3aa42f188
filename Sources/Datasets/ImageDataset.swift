/// A labelled set of small images held as bytes.
///
/// Layout: `pixels` is NHWC — image `i`, row `y`, column `x`, channel `c` lives at
/// `((i * height + y) * width + x) * channels + c` — with values 0...255. Keeping bytes rather than
/// floats makes Fashion-MNIST's 60,000 training images about 47 MB instead of 188 MB; use
/// `image(at:)` or `fill(indices:pixels:labels:)` to get floats scaled to [0, 1].
///
/// Every instance is validated on construction (see `init`), so the invariants
/// `pixels.count == count * height * width * channels` and `0 <= label < classNames.count` always hold.
public struct ImageDataset: Sendable {
    /// Human-readable name, e.g. "fashion-mnist/train".
    public let name: String
    /// Image height in pixels (H).
    public let height: Int
    /// Image width in pixels (W).
    public let width: Int
    /// Channels per pixel (C): 1 for grayscale, 3 for RGB.
    public let channels: Int
    /// All images, NHWC, `count * height * width * channels` bytes.
    public let pixels: [UInt8]
    /// One label per image, each in `0..<classNames.count`.
    public let labels: [Int32]
    /// The name of each class; a label is an index into this array.
    public let classNames: [String]

    /// Number of images (N).
    public var count: Int { labels.count }
    /// Values per image: H * W * C.
    public var sampleSize: Int { height * width * channels }
    /// Number of classes.
    public var classCount: Int { classNames.count }

    /// Creates a data set, checking that the arrays agree.
    ///
    /// Throws `DatasetError.invalidDataset` when a dimension is not positive, when `pixels.count` is not
    /// `labels.count * height * width * channels`, when there are no class names, or when a label is
    /// outside `0..<classNames.count`. O(N) for the label check.
    public init(name: String, height: Int, width: Int, channels: Int,
                pixels: [UInt8], labels: [Int32], classNames: [String]) throws(DatasetError) {
        guard height > 0, width > 0, channels > 0 else {
            throw .invalidDataset(name: name, reason: "image shape \(height)x\(width)x\(channels) must be positive")
        }
        let (perImage, overflow1) = height.multipliedReportingOverflow(by: width)
        let (sample, overflow2) = perImage.multipliedReportingOverflow(by: channels)
        let (total, overflow3) = sample.multipliedReportingOverflow(by: labels.count)
        guard !overflow1, !overflow2, !overflow3, pixels.count == total else {
            let needed = overflow1 || overflow2 || overflow3 ? "more than Int.max" : "\(total)"
            throw .invalidDataset(name: name, reason: "pixels has \(pixels.count) bytes but \(labels.count) "
                + "labels of \(height)x\(width)x\(channels) images need \(needed)")
        }
        guard !classNames.isEmpty else {
            throw .invalidDataset(name: name, reason: "no class names")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || Int($0) >= classNames.count }) {
            throw .invalidDataset(name: name, reason: "label \(labels[bad]) at index \(bad) is outside "
                + "0..<\(classNames.count) (\(classNames.count) class names)")
        }
        self.init(unchecked: name, height: height, width: width, channels: channels,
                  pixels: pixels, labels: labels, classNames: classNames)
    }

    /// Creates a data set whose invariants the caller has already established.
    init(unchecked name: String, height: Int, width: Int, channels: Int,
         pixels: [UInt8], labels: [Int32], classNames: [String]) {
        self.name = name
        self.height = height
        self.width = width
        self.channels = channels
        self.pixels = pixels
        self.labels = labels
        self.classNames = classNames
    }

    /// Image `index` as H*W*C floats in [0, 1] (byte / 255), NHWC order. O(H*W*C).
    ///
    /// - Precondition: `0 <= index < count`.
    public func image(at index: Int) -> [Float] {
        precondition(index >= 0 && index < count, "image index \(index) out of range 0..<\(count)")
        let size = sampleSize
        let start = index * size
        return [Float](unsafeUninitializedCapacity: size) { buffer, initialized in
            pixels.withUnsafeBufferPointer { source in
                for k in 0..<size { buffer[k] = ImageDataset.unit(source[start + k]) }
            }
            initialized = size
        }
    }

    /// The images at `indices`, in that order (repeats allowed), under the same class names.
    /// O(indices.count * H*W*C).
    ///
    /// - Precondition: every index is in `0..<count`.
    public func subset<C: Collection>(_ indices: C, name: String? = nil) -> ImageDataset where C.Element == Int {
        let size = sampleSize
        var newPixels = [UInt8]()
        newPixels.reserveCapacity(indices.count * size)
        var newLabels = [Int32]()
        newLabels.reserveCapacity(indices.count)
        pixels.withUnsafeBufferPointer { source in
            for i in indices {
                precondition(i >= 0 && i < count, "subset index \(i) out of range 0..<\(count)")
                newPixels.append(contentsOf: source[(i * size)..<((i + 1) * size)])
                newLabels.append(labels[i])
            }
        }
        return ImageDataset(unchecked: name ?? self.name, height: height, width: width, channels: channels,
                            pixels: newPixels, labels: newLabels, classNames: classNames)
    }

    /// The first `min(n, count)` images (like `Array.prefix`; a negative `n` gives an empty set).
    /// O(n * H*W*C).
    public func prefix(_ n: Int) -> ImageDataset {
        let k = Swift.max(0, Swift.min(n, count))
        if k == count { return self }
        return ImageDataset(unchecked: name, height: height, width: width, channels: channels,
                            pixels: Array(pixels[0..<(k * sampleSize)]), labels: Array(labels[0..<k]),
                            classNames: classNames)
    }

    /// Number of images per class: element `c` counts labels equal to `c`; length `classNames.count`. O(N).
    public func classCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }

    /// The one byte-to-float conversion used everywhere, so `image(at:)` and `fill` agree bit for bit.
    @inline(__always) static func unit(_ byte: UInt8) -> Float { Float(byte) / 255 }
}
