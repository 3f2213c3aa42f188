import Foundation

/// Decodes PNG and JPEG files (or bytes) into `DecodedImage`s, recognising the format by its magic
/// bytes, never by the file name: a text file named `cat.png` is reported as not an image.
///
/// Every failure is a `DatasetError.badImage` naming the path and the reason (empty, truncated,
/// corrupt, zero-sized, too large, unknown format); nothing traps on bad input.
public enum ImageDecoder {
    /// The largest picture accepted, in pixels (64 Mpx: a 8192x8192 photo), so a forged header
    /// cannot ask for gigabytes.
    public static let maximumPixels = 1 << 26
    /// The largest file read, in bytes (256 MiB).
    public static let maximumFileBytes = 1 << 28

    /// The file formats understood.
    public enum Format: String, Sendable {
        case png, jpeg
    }

    /// The format of `bytes` from its first bytes, or nil when it is neither PNG nor JPEG.
    public static func format(of bytes: [UInt8]) -> Format? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8]) { return .jpeg }
        return nil
    }

    /// True for the file names a folder loader considers images: `.png`, `.jpg`, `.jpeg` (any case).
    public static func isImageName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".png") || lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg")
    }

    /// Decodes `bytes` as `channels` (1: grey, 3: RGB) 8-bit samples; `path` names the source in errors.
    /// JPEG files are turned upright by their EXIF orientation; PNG alpha is composed onto black.
    public static func decode(_ bytes: [UInt8], channels: Int, path: String = "(memory)") throws(DatasetError) -> DecodedImage {
        guard channels == 1 || channels == 3 else {
            throw .invalidArgument("images are decoded to 1 or 3 channels, not \(channels)")
        }
        guard !bytes.isEmpty else { throw .badImage(path: path, reason: "the file is empty") }
        switch format(of: bytes) {
        case .png:
            return try PNGCodec.decode(bytes, channels: channels, path: path)
        case .jpeg:
            return try JPEGCodec.decode(bytes, channels: channels, path: path)
        case nil:
            let start = DatasetError.hex(Array(bytes.prefix(4)))
            throw .badImage(path: path, reason: "not a PNG or JPEG file (starts with \(start))")
        }
    }

    /// Reads and decodes the file at `path` (see `decode(_:channels:path:)`).
    public static func decodeFile(_ path: String, channels: Int) throws(DatasetError) -> DecodedImage {
        try decodeFile(RawPath(path), channels: channels)
    }

    /// Reads and decodes the file at `path`, whose name may be any bytes; errors show `path.display`.
    public static func decodeFile(_ path: RawPath, channels: Int) throws(DatasetError) -> DecodedImage {
        try decode(try readFile(path), channels: channels, path: path.display)
    }

    /// The bytes of the file at `path`, at most `maximumFileBytes` (`RawPath.readRegularFile`: anything
    /// but a regular file is refused before it is opened, and again after).
    static func readFile(_ path: RawPath) throws(DatasetError) -> [UInt8] {
        guard let bytes = try path.readRegularFile(maximumBytes: maximumFileBytes) else {
            throw .badImage(path: path.display, reason: "the file is larger than \(maximumFileBytes >> 20) MiB")
        }
        return bytes
    }

    /// Throws unless a `width` x `height` picture is a size the decoders accept.
    static func checkSize(width: Int, height: Int, path: String) throws(DatasetError) {
        guard width > 0, height > 0 else {
            throw .badImage(path: path, reason: "the image is \(width)x\(height) pixels (zero-sized)")
        }
        guard width <= maximumPixels / height else {
            throw .badImage(path: path, reason: "the image is \(width)x\(height) pixels, more than "
                + "\(maximumPixels >> 20) Mpx")
        }
    }
}
