import CTurboJPEG

/// JPEG through libjpeg-turbo's TurboJPEG API: baseline and progressive, grey or colour (CMYK and YCCK
/// files are refused by name), decoded to 8-bit grey or RGB, then turned upright by the file's EXIF orientation (`ExifOrientation`).
enum JPEGCodec {
    /// Decodes `bytes` (a whole JPEG file) to `channels` 1 or 3.
    static func decode(_ bytes: [UInt8], channels: Int, path: String) throws(DatasetError) -> DecodedImage {
        guard let handle = tjInitDecompress() else {
            throw .badImage(path: path, reason: "libjpeg-turbo could not start a decoder")
        }
        defer { tjDestroy(handle) }
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        let header = bytes.withUnsafeBufferPointer { source in
            tjDecompressHeader3(handle, source.baseAddress, UInt(source.count), &width, &height, &subsampling, &colorspace)
        }
        guard header == 0 else {
            throw .badImage(path: path, reason: "broken JPEG header (\(errorText(handle)))")
        }
        guard colorspace != Int32(TJCS_CMYK.rawValue), colorspace != Int32(TJCS_YCCK.rawValue) else {
            throw .badImage(path: path, reason: "CMYK JPEG is not supported; save it as RGB (e.g. `convert in.jpg -colorspace sRGB out.jpg`)")
        }
        try ImageDecoder.checkSize(width: Int(width), height: Int(height), path: path)
        let format = channels == 3 ? TJPF_RGB : TJPF_GRAY
        var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * channels)
        let status = bytes.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { out in
                tjDecompress2(handle, source.baseAddress, UInt(source.count), out.baseAddress, width, 0, height,
                              Int32(format.rawValue), 0)
            }
        }
        if status != 0 {
            let text = errorText(handle)
            // A warning (e.g. extraneous bytes between markers) still gave a whole image, except when
            // the data ended early: that is a truncated file.
            let isWarning = tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue)
            if !isWarning || text.contains("Premature end") {
                throw .badImage(path: path, reason: "corrupt or truncated JPEG data (\(text))")
            }
        }
        let image = DecodedImage(unchecked: Int(width), height: Int(height), channels: channels, pixels: pixels)
        return ExifOrientation.read(from: bytes).upright(image)
    }

    /// Encodes `image` as a baseline (or progressive) JPEG at `quality` 1...100, 4:4:4 sampling.
    static func encode(_ image: DecodedImage, quality: Int = 92, progressive: Bool = false) throws(DatasetError) -> [UInt8] {
        guard let handle = tjInitCompress() else { throw .invalidArgument("libjpeg-turbo could not start an encoder") }
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let format = image.channels == 3 ? TJPF_RGB : TJPF_GRAY
        let sampling = image.channels == 3 ? TJSAMP_444 : TJSAMP_GRAY
        let flags = CTJ_FLAG_ACCURATEDCT | (progressive ? CTJ_FLAG_PROGRESSIVE : 0)
        let status = image.pixels.withUnsafeBufferPointer { source in
            tjCompress2(handle, source.baseAddress, Int32(image.width), 0, Int32(image.height), Int32(format.rawValue),
                        &buffer, &size, Int32(sampling.rawValue), Int32(max(1, min(quality, 100))), flags)
        }
        defer { if let buffer { tjFree(buffer) } }
        guard status == 0, let buffer else { throw .invalidArgument("JPEG encoding failed: \(errorText(handle))") }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    /// libjpeg-turbo's last message for `handle`.
    private static func errorText(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown error" }
        return String(cString: text)
    }
}
