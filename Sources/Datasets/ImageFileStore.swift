/// The decoded pictures of an image folder: files decoded once at load, kept as bytes while they fit a
/// memory budget (the cache), and decoded again on demand past it.
///
/// File `id` is `paths[id]`; every picture is `height` x `width` x `channels` bytes once resized.
/// Immutable after `init`, so reading from several threads at once is safe.
public final class ImageFileStore: Sendable {
    /// Every file, by id, as shown in messages (`RawPath.display`).
    public let paths: [String]
    /// Every file, by id, as its bytes (what is opened).
    let files: [RawPath]
    /// Target height (H) after resizing.
    public let height: Int
    /// Target width (W) after resizing.
    public let width: Int
    /// 1 (grey) or 3 (RGB).
    public let channels: Int
    /// The bytes of the cached files, `residentCount * H*W*C`.
    let resident: [UInt8]
    /// Per file: its slot in `resident`, or -1 when it is decoded on demand.
    let slots: [Int32]

    /// `slots[id]` is the slot of file `id` in `resident` (or -1); the caller guarantees the sizes agree.
    init(files: [RawPath], height: Int, width: Int, channels: Int, resident: [UInt8], slots: [Int32]) {
        self.files = files
        self.paths = files.map(\.display)
        self.height = height
        self.width = width
        self.channels = channels
        self.resident = resident
        self.slots = slots
    }

    /// Bytes per picture: H*W*C.
    public var imageSize: Int { height * width * channels }
    /// How many files are held decoded in memory.
    public var residentCount: Int { resident.count / max(imageSize, 1) }
    /// Bytes held by the cache.
    public var residentBytes: Int { resident.count }

    /// Decodes the file at `path` and resizes it to `width` x `height` with `channels` channels.
    public static func decode(_ path: RawPath, width: Int, height: Int, channels: Int) throws(DatasetError) -> DecodedImage {
        let image = try ImageDecoder.decodeFile(path, channels: channels)
        return try ImageResize.resize(image, width: width, height: height)
    }

    /// Calls `body` with the H*W*C bytes of file `id`: from the cache, or decoded now.
    /// Throws `DatasetError.badImage` when a file decoded on demand can no longer be read.
    public func withBytes<R>(of id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) throws(DatasetError) -> R {
        guard id >= 0, id < paths.count else {
            throw .invalidArgument("image file \(id) is outside 0..<\(paths.count)")
        }
        let slot = Int(slots[id])
        if slot >= 0 {
            let size = imageSize
            return resident.withUnsafeBufferPointer { all in
                body(UnsafeBufferPointer(rebasing: all[(slot * size)..<((slot + 1) * size)]))
            }
        }
        let image = try Self.decode(files[id], width: width, height: height, channels: channels)
        return image.pixels.withUnsafeBufferPointer(body)
    }
}
