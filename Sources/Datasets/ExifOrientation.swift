/// The EXIF orientation of a JPEG file (tag 0x0112 of IFD0 in the APP1 "Exif" segment): how the stored
/// pixels must be turned to stand upright. Values 1...8 as in the EXIF standard; anything missing or
/// malformed reads as 1 (as stored).
public struct ExifOrientation: Sendable, Equatable {
    /// 1 as stored, 2 mirrored, 3 rotated 180, 4 flipped vertically, 5 transposed, 6 needs 90 degrees
    /// clockwise, 7 transversed, 8 needs 90 degrees counter-clockwise.
    public let value: Int

    public init(_ value: Int) {
        self.value = (1...8).contains(value) ? value : 1
    }

    /// Scans the JPEG markers before the image data for an Exif APP1 segment; every offset is checked.
    public static func read(from jpeg: [UInt8]) -> ExifOrientation {
        var position = 2  // after SOI
        while position + 4 <= jpeg.count {
            guard jpeg[position] == 0xFF else { return ExifOrientation(1) }
            let marker = jpeg[position + 1]
            // Start of scan or end of image: no more metadata.
            if marker == 0xDA || marker == 0xD9 { return ExifOrientation(1) }
            let length = Int(jpeg[position + 2]) << 8 | Int(jpeg[position + 3])
            guard length >= 2, position + 2 + length <= jpeg.count else { return ExifOrientation(1) }
            let body = (position + 4)..<(position + 2 + length)
            if marker == 0xE1, let value = orientation(inExif: jpeg[body]) {
                return ExifOrientation(value)
            }
            position += 2 + length
        }
        return ExifOrientation(1)
    }

    /// The orientation value in an APP1 body starting `Exif\0\0` + a TIFF header, or nil.
    static func orientation(inExif body: ArraySlice<UInt8>) -> Int? {
        let bytes = Array(body)
        guard bytes.count >= 14, bytes.starts(with: [0x45, 0x78, 0x69, 0x66, 0, 0]) else { return nil }
        let tiff = Array(bytes[6...])
        let little: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return little ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard u16(2) == 42, let ifd = u32(4), let entries = u16(ifd) else { return nil }
        for k in 0..<entries {
            let entry = ifd + 2 + 12 * k
            guard let tag = u16(entry) else { return nil }
            // Type 3 (SHORT), count 1: the value sits in the first two bytes of the value field.
            if tag == 0x0112, u16(entry + 2) == 3 {
                return u16(entry + 8)
            }
        }
        return nil
    }

    /// True when the upright picture swaps width and height (values 5...8).
    public var swapsAxes: Bool { value >= 5 }

    /// `image` turned upright.
    public func upright(_ image: DecodedImage) -> DecodedImage {
        guard value != 1 else { return image }
        let w = image.width
        let h = image.height
        let c = image.channels
        let outWidth = swapsAxes ? h : w
        let outHeight = swapsAxes ? w : h
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        let (sx, sy) = sourcePixel(x: x, y: y, width: w, height: h)
                        let from = (sy * w + sx) * c
                        let to = (y * outWidth + x) * c
                        for k in 0..<c { target[to + k] = source[from + k] }
                    }
                }
            }
        }
        return DecodedImage(unchecked: outWidth, height: outHeight, channels: c, pixels: out)
    }

    /// The stored pixel shown at upright position (x, y), for a stored picture of `width` x `height`.
    func sourcePixel(x: Int, y: Int, width w: Int, height h: Int) -> (Int, Int) {
        switch value {
        case 2: return (w - 1 - x, y)
        case 3: return (w - 1 - x, h - 1 - y)
        case 4: return (x, h - 1 - y)
        case 5: return (y, x)
        case 6: return (y, h - 1 - x)
        case 7: return (w - 1 - y, h - 1 - x)
        case 8: return (w - 1 - y, x)
        default: return (x, y)
        }
    }
}
