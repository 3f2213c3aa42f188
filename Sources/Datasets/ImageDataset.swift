/// A labelled set of small images held as bytes.
///
/// Layout: `pixels` is NHWC — image `i`, row `y`, column `x`, channel `c` lives at
/// `((i * height + y) * width + x) * channels + c` — with values 0...255. Keeping bytes rather than
/// floats makes Fashion-MNIST's 60,000 training images about 47 MB instead of 188 MB; use
/// `image(at:)` or `loadImage(at:into:)` to get floats scaled to [0, 1].
///
/// Every instance is validated on construction (see `init`), so the invariants
/// `pixels.count == count * height * width * channels` and `0 <= label < classNames.count` always hold.
///
/// A set loaded from an image folder is *file-backed* instead: `files` names each image's file in an
/// `ImageFileStore` (which caches decoded bytes within a budget and decodes the rest on demand) and
/// `pixels` is empty. Every reading method works for both kinds.
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
    /// For a file-backed set: the store and, per image, its file id there. Nil for sets held as bytes.
    public let files: FileBacking?
    /// What a byte is multiplied by to give a float, or nil for the default byte / 255 (values in [0, 1]).
    public let valueScale: Float?

    /// The files of a file-backed set.
    public struct FileBacking: Sendable {
        /// The decoded (or decodable) pictures.
        public let store: ImageFileStore
        /// Per image, a file id in `store`.
        public let ids: [Int32]
    }

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
         pixels: [UInt8], labels: [Int32], classNames: [String], files: FileBacking? = nil, valueScale: Float? = nil) {
        self.name = name
        self.height = height
        self.width = width
        self.channels = channels
        self.pixels = pixels
        self.labels = labels
        self.classNames = classNames
        self.files = files
        self.valueScale = valueScale
    }

    /// A file-backed set: image `i` is file `ids[i]` of `store`, labelled `labels[i]`.
    /// Throws `DatasetError.invalidDataset` when the counts differ, an id is not a file of the store or a
    /// label is not a class.
    public init(name: String, store: ImageFileStore, ids: [Int32], labels: [Int32], classNames: [String],
                valueScale: Float? = nil) throws(DatasetError) {
        guard ids.count == labels.count, !classNames.isEmpty else {
            throw .invalidDataset(name: name, reason: "\(ids.count) files but \(labels.count) labels and \(classNames.count) classes")
        }
        guard ids.allSatisfy({ $0 >= 0 && Int($0) < store.paths.count }),
              labels.allSatisfy({ $0 >= 0 && Int($0) < classNames.count }) else {
            throw .invalidDataset(name: name, reason: "a file id or label is out of range")
        }
        self.init(unchecked: name, height: store.height, width: store.width, channels: store.channels, pixels: [],
                  labels: labels, classNames: classNames, files: FileBacking(store: store, ids: ids), valueScale: valueScale)
    }

    /// The same images with bytes scaled by `scale` (nil: byte / 255).
    public func rescaled(_ scale: Float?) -> ImageDataset {
        ImageDataset(unchecked: name, height: height, width: width, channels: channels, pixels: pixels,
                     labels: labels, classNames: classNames, files: files, valueScale: scale)
    }

    /// This set followed by `other` (same image shape, classes and kind; file-backed sets must share
    /// their store). Throws `DatasetError.invalidDataset` otherwise.
    public func concatenated(with other: ImageDataset) throws(DatasetError) -> ImageDataset {
        guard other.height == height, other.width == width, other.channels == channels, other.classNames == classNames else {
            throw .invalidDataset(name: name, reason: "'\(other.name)' has other images or classes")
        }
        switch (files, other.files) {
        case (nil, nil):
            return try ImageDataset(name: name, height: height, width: width, channels: channels,
                                    pixels: pixels + other.pixels, labels: labels + other.labels,
                                    classNames: classNames).rescaled(valueScale)
        case let (mine?, theirs?) where mine.store === theirs.store:
            return try ImageDataset(name: name, store: mine.store, ids: mine.ids + theirs.ids, labels: labels + other.labels,
                                    classNames: classNames, valueScale: valueScale)
        default:
            throw .invalidDataset(name: name, reason: "'\(other.name)' comes from other files")
        }
    }

    /// Writes image `index`'s H*W*C floats to `out`. A file-backed image that cannot be decoded throws.
    func writeFloats(_ index: Int, to out: UnsafeMutablePointer<Float>) throws(DatasetError) {
        let size = sampleSize
        if let files {
            try files.store.withBytes(of: Int(files.ids[index])) { bytes in
                convert(bytes, to: out, count: size)
            }
            return
        }
        pixels.withUnsafeBufferPointer { source in
            convert(UnsafeBufferPointer(rebasing: source[(index * size)..<((index + 1) * size)]), to: out, count: size)
        }
    }

    /// Bytes to floats with this set's scale.
    @inline(__always)
    func convert(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<Float>, count: Int) {
        if let scale = valueScale {
            for k in 0..<count { out[k] = Float(bytes[k]) * scale }
        } else {
            for k in 0..<count { out[k] = ImageDataset.unit(bytes[k]) }
        }
    }

    /// Image `index` as H*W*C floats in [0, 1] (byte / 255, or byte * `valueScale`), NHWC order. O(H*W*C).
    /// A file-backed image that can no longer be decoded reads as zeros (`loadImage` throws instead).
    ///
    /// - Precondition: `0 <= index < count`.
    public func image(at index: Int) -> [Float] {
        precondition(index >= 0 && index < count, "image index \(index) out of range 0..<\(count)")
        let size = sampleSize
        return [Float](unsafeUninitializedCapacity: size) { buffer, initialized in
            if let out = buffer.baseAddress {
                do throws(DatasetError) {
                    try writeFloats(index, to: out)
                } catch {
                    // A file that could not be decoded again shows as black.
                    out.initialize(repeating: 0, count: size)
                }
            }
            initialized = size
        }
    }

    /// The images at `indices`, in that order (repeats allowed), under the same class names.
    /// O(indices.count * H*W*C).
    ///
    /// - Precondition: every index is in `0..<count`.
    public func subset<C: Collection>(_ indices: C, name: String? = nil) -> ImageDataset where C.Element == Int {
        if let files {
            let ids = indices.map { i in
                precondition(i >= 0 && i < count, "subset index \(i) out of range 0..<\(count)")
                return files.ids[i]
            }
            return ImageDataset(unchecked: name ?? self.name, height: height, width: width, channels: channels, pixels: [],
                                labels: indices.map { labels[$0] }, classNames: classNames,
                                files: FileBacking(store: files.store, ids: ids), valueScale: valueScale)
        }
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
                            pixels: newPixels, labels: newLabels, classNames: classNames, valueScale: valueScale)
    }

    /// The first `min(n, count)` images (like `Array.prefix`; a negative `n` gives an empty set).
    /// O(n * H*W*C).
    public func prefix(_ n: Int) -> ImageDataset {
        let k = Swift.max(0, Swift.min(n, count))
        if k == count { return self }
        if files != nil { return subset(0..<k) }
        return ImageDataset(unchecked: name, height: height, width: width, channels: channels,
                            pixels: Array(pixels[0..<(k * sampleSize)]), labels: Array(labels[0..<k]),
                            classNames: classNames, valueScale: valueScale)
    }

    /// Number of images per class: element `c` counts labels equal to `c`; length `classNames.count`. O(N).
    public func classCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }

    /// The one byte-to-float conversion used everywhere, so `image(at:)` and `loadImage` agree bit for bit.
    @inline(__always) static func unit(_ byte: UInt8) -> Float { Float(byte) / 255 }
}
