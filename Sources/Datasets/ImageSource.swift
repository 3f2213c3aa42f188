/// A labelled set of images that can be read one example at a time.
///
/// The seam between where images live and how batches are made: an in-memory `ImageDataset` reads a
/// slice of its byte array, a lazy set (a folder of PNG files, say) decodes image `index` only when asked.
/// Whoever assembles batches asks for single examples, so nothing needs every image decoded at once.
///
/// Images are H*W*C floats in [0, 1], NHWC order (row `y`, column `x`, channel `c` at
/// `(y * width + x) * channels + c`). Labels are indices into `classNames`.
///
/// Conforming types must allow `loadImage` and `label` to be called concurrently from several threads
/// for different (or equal) indices: batch assembly runs one example per pool task.
public protocol ImageSource: Sendable {
    /// Human-readable name, e.g. "fashion-mnist/train".
    var name: String { get }
    /// Image height in pixels (H).
    var height: Int { get }
    /// Image width in pixels (W).
    var width: Int { get }
    /// Channels per pixel (C): 1 for grayscale, 3 for RGB.
    var channels: Int { get }
    /// Number of images (N).
    var count: Int { get }
    /// The name of each class; a label is an index into this array.
    var classNames: [String] { get }

    /// The label of image `index`, in `0..<classNames.count`.
    /// Throws `DatasetError.invalidArgument` when `index` is outside `0..<count`.
    func label(at index: Int) throws(DatasetError) -> Int32

    /// Writes image `index` as H*W*C floats in [0, 1] into `pixels` (from offset 0).
    /// Throws `DatasetError.invalidArgument` when `index` is outside `0..<count` or `pixels` holds fewer
    /// than H*W*C values; a lazy source also throws when the image cannot be read or decoded.
    func loadImage(at index: Int, into pixels: UnsafeMutableBufferPointer<Float>) throws(DatasetError)
}

extension ImageSource {
    /// Values per image: H * W * C.
    public var imageSize: Int { height * width * channels }

    /// Throws `DatasetError.invalidArgument` unless `0 <= index < count`.
    public func checkIndex(_ index: Int) throws(DatasetError) {
        guard index >= 0, index < count else {
            throw .invalidArgument("image index \(index) is outside 0..<\(count) of '\(name)'")
        }
    }
}
