/// One decoded picture: 8-bit samples, row-major (H, W, C), no padding between rows.
///
/// Pixel (y, x), channel c is `pixels[(y * width + x) * channels + c]`. `channels` is 1 (grey) or 3 (RGB).
/// Every instance made by the decoders and `resized(width:height:)` satisfies
/// `pixels.count == width * height * channels` with positive sizes.
public struct DecodedImage: Sendable, Equatable {
    /// Columns (W).
    public let width: Int
    /// Rows (H).
    public let height: Int
    /// Samples per pixel (C): 1 or 3.
    public let channels: Int
    /// H*W*C bytes, 0...255.
    public let pixels: [UInt8]

    /// Checks the sizes: throws `DatasetError.invalidArgument` unless `width`, `height` are positive,
    /// `channels` is 1 or 3 and `pixels` holds exactly `width * height * channels` bytes.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(DatasetError) {
        guard width > 0, height > 0, channels == 1 || channels == 3 else {
            throw .invalidArgument("an image of \(width)x\(height) pixels and \(channels) channels is not allowed")
        }
        let (area, overflow1) = width.multipliedReportingOverflow(by: height)
        let (size, overflow2) = area.multipliedReportingOverflow(by: channels)
        guard !overflow1, !overflow2, size == pixels.count else {
            throw .invalidArgument("a \(width)x\(height)x\(channels) image needs that many bytes, not \(pixels.count)")
        }
        self.init(unchecked: width, height: height, channels: channels, pixels: pixels)
    }

    /// For callers that established the invariant themselves.
    init(unchecked width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}
