import CPNG

/// PNG through libpng's simplified `png_image` API: 1/2/4/8/16-bit, palette, grey+alpha and interlaced
/// files all arrive as 8-bit grey or RGB. 16-bit samples are scaled (treated as sRGB-encoded, as the
/// 8-bit ones are), not gamma-converted.
enum PNGCodec {
    /// Decodes `bytes` (a whole PNG file) to `channels` 1 or 3.
    static func decode(_ bytes: [UInt8], channels: Int, path: String) throws(DatasetError) -> DecodedImage {
        var image = png_image()
        image.version = CPNG_IMAGE_VERSION
        defer { png_image_free(&image) }
        var failure: String?
        var result: DecodedImage?
        bytes.withUnsafeBytes { raw in
            // libpng keeps the pointer between begin and finish: both calls happen inside this closure.
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                failure = message(image)
                return
            }
            let width = Int(image.width)
            let height = Int(image.height)
            do throws(DatasetError) {
                try ImageDecoder.checkSize(width: width, height: height, path: path)
            } catch {
                failure = error.reasonText
                return
            }
            image.format = channels == 3 ? CPNG_FORMAT_RGB : CPNG_FORMAT_GRAY
            image.flags |= CPNG_IMAGE_FLAG_16BIT_sRGB
            // Zeroed: transparent pixels are composed onto this black buffer (background nil).
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            let ok = pixels.withUnsafeMutableBytes { out in
                png_image_finish_read(&image, nil, out.baseAddress, 0, nil)
            }
            guard ok != 0 else {
                failure = message(image)
                return
            }
            result = DecodedImage(unchecked: width, height: height, channels: channels, pixels: pixels)
        }
        if let result { return result }
        throw .badImage(path: path, reason: failure ?? "libpng failed")
    }

    /// Encodes `image` as an 8-bit grey or RGB PNG file's bytes.
    static func encode(_ image: DecodedImage) throws(DatasetError) -> [UInt8] {
        var control = png_image()
        control.version = CPNG_IMAGE_VERSION
        control.width = UInt32(image.width)
        control.height = UInt32(image.height)
        control.format = image.channels == 3 ? CPNG_FORMAT_RGB : CPNG_FORMAT_GRAY
        defer { png_image_free(&control) }
        var size = 0
        var failure: String?
        let encoded: [UInt8] = image.pixels.withUnsafeBytes { source in
            // First call: the size; second: the bytes.
            guard png_image_write_to_memory(&control, nil, &size, 0, source.baseAddress, 0, nil) != 0, size > 0 else {
                failure = message(control)
                return []
            }
            var out = [UInt8](repeating: 0, count: size)
            let ok = out.withUnsafeMutableBytes { target in
                png_image_write_to_memory(&control, target.baseAddress, &size, 0, source.baseAddress, 0, nil)
            }
            guard ok != 0 else {
                failure = message(control)
                return []
            }
            return Array(out.prefix(size))
        }
        if let failure { throw .invalidArgument("PNG encoding failed: \(failure)") }
        return encoded
    }

    /// libpng's message for the last error, as text.
    private static func message(_ image: png_image) -> String {
        var text = image.message
        let string = withUnsafeBytes(of: &text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return string.isEmpty ? "libpng failed" : "libpng: " + string
    }
}

extension DatasetError {
    /// The reason of a `badImage` or `unreadable` (without the path), else the message.
    var reasonText: String {
        switch self {
        case let .badImage(_, reason): return reason
        case let .unreadable(_, reason): return "cannot read it: " + reason
        default: return message
        }
    }
}
